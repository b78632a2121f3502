package earkit.kit.run;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Orders the plan of a parallel run so that the scenarios that wait in real time ({@code @real-time}: a held KMS
 * answer, injected KMS latency) start first and overlap the others, instead of starting last and ending the run alone.
 * It filters nothing: a post-discovery filter is the one place where the launcher hands over the plan's descriptors
 * before it runs them.
 * <p>
 * The order follows how the platform's fork-join executor takes the work: the features are forked and idle threads
 * steal them from the front, so at the top the heaviest feature comes first; inside a feature the thread that runs it
 * takes its scenarios from the back, so there the heaviest comes last. Only the order of starts changes: each scenario
 * still runs on a server of its own, and the reports sort what they show, so no verdict and no report depends on it.
 */
final class RealTimeFirst implements PostDiscoveryFilter {
    static final String TAG = "real-time";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!descriptor.getChildren().isEmpty()) {
            Comparator<TestDescriptor> lighterFirst = Comparator.comparingInt((ToIntFunction<TestDescriptor>) RealTimeFirst::weight);
            Comparator<TestDescriptor> order = descriptor.isRoot() ? lighterFirst.reversed() : lighterFirst;
            descriptor.orderChildren(children -> children.stream().sorted(order).toList());
        }
        return FilterResult.included("the order of a parallel run");
    }

    /** How many scenarios at or under the descriptor wait in real time. */
    static int weight(TestDescriptor descriptor) {
        if (descriptor.isTest()) {
            return descriptor.getTags().contains(TestTag.create(TAG)) ? 1 : 0;
        }
        int sum = 0;
        for (TestDescriptor child : List.copyOf(descriptor.getChildren())) {
            sum += weight(child);
        }
        return sum;
    }
}
