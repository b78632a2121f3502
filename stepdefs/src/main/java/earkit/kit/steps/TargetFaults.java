package earkit.kit.steps;

import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The one place where an SDK call's failure is sorted: on every client the glue builds, an answer that is no
 * documented refusal (HTTP 5xx, an error without an error code, a reset or refused connection, a timeout, a body
 * the SDK cannot parse) becomes a {@link TargetFault}. Failures before anything was sent (the kit's own
 * credentials, for one) are left as they are: they are the kit's problem, not the target's.
 *
 * <p>The SDK insists that {@code modifyException} return an exception of the class it was given, so the fault is
 * thrown from it instead: an {@link Error} passes every {@code catch (Exception)} of the SDK's pipeline and of the
 * steps, which is the point, since nothing may mistake it for an answer.
 */
final class TargetFaults implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> SENT = new ExecutionAttribute<>("earkit.sent");
    private final Supplier<String> scenarioRequirements;

    TargetFaults(Supplier<String> scenarioRequirements) {
        this.scenarioRequirements = scenarioRequirements;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, true);
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (e instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            if (ase.statusCode() >= 500 || code == null || code.isBlank()) {
                throw new TargetFault(call, "HTTP " + ase.statusCode() + " " + (code == null ? "without an error code" : code)
                        + ": " + ase.getMessage(), scenarioRequirements.get(), ase);
            }
            return e;
        }
        if (e instanceof SdkClientException && Boolean.TRUE.equals(attributes.getAttribute(SENT))) {
            throw new TargetFault(call, e.getClass().getSimpleName() + ": " + e.getMessage(), scenarioRequirements.get(), e);
        }
        return e;
    }

    /** The fault of a call made outside the Java SDK (an SDK driver's answer that is no documented refusal). */
    TargetFault fault(String call, String outcome, Throwable cause) {
        return new TargetFault(call, outcome, scenarioRequirements.get(), cause);
    }

    /** A failure of the kit's own SDK driver during a call: no answer of the target, so no verdict on it. */
    KitFault kitFault(String call, String outcome, Throwable cause) {
        return new KitFault(call, outcome, scenarioRequirements.get(), cause);
    }
}
