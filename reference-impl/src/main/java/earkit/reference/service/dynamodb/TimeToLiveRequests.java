package earkit.reference.service.dynamodb;

import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.RequestContext;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * UpdateTimeToLive and DescribeTimeToLive. A change shows at once as ENABLED or DISABLED (the reference does
 * not model ENABLING and DISABLING); the expiry itself is the domain's ({@code TimeToLive}).
 */
final class TimeToLiveRequests {
    private static final int MAX_ATTRIBUTE_NAME = 255;
    private final Tables tables;

    TimeToLiveRequests(Tables tables) {
        this.tables = tables;
    }

    UpdateTimeToLiveResponse update(RequestContext ctx, UpdateTimeToLiveRequest r) {
        TimeToLiveSpecification spec = r.timeToLiveSpecification();
        ModelConstraints c = new ModelConstraints().name("tableName", r.tableName(), true)
                .notNull("timeToLiveSpecification", spec);
        if (spec != null) {
            c.notNull("timeToLiveSpecification.enabled", spec.enabled()).notNull("timeToLiveSpecification.attributeName", spec.attributeName());
            c.length("timeToLiveSpecification.attributeName", spec.attributeName(), 1, MAX_ATTRIBUTE_NAME);
        }
        c.check();
        tables.updateTimeToLive(TableRequests.caller(ctx), ctx.region(), TableRequests.tableName(r.tableName()),
                spec.enabled(), spec.attributeName());
        return UpdateTimeToLiveResponse.builder().timeToLiveSpecification(spec).build();
    }

    DescribeTimeToLiveResponse describe(RequestContext ctx, DescribeTimeToLiveRequest r) {
        TableRecord t = tables.describe(TableRequests.caller(ctx), ctx.region(), TableRequests.tableName(r.tableName())).table();
        TimeToLiveDescription d = t.ttlEnabled
                ? TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName(t.ttlAttribute).build()
                : TimeToLiveDescription.builder().timeToLiveStatus(TimeToLiveStatus.DISABLED).build();
        return DescribeTimeToLiveResponse.builder().timeToLiveDescription(d).build();
    }
}
