package earkit.reference.service.dynamodb;

import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.RequestContext;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DescribeTimeToLive, answered honestly: the reference expires no items, so every table's TTL is DISABLED.
 * Libraries that look before they write (e.g. infrastructure tools) then work; UpdateTimeToLive is not served.
 */
final class TimeToLiveRequests {
    private final Tables tables;

    TimeToLiveRequests(Tables tables) {
        this.tables = tables;
    }

    DescribeTimeToLiveResponse describe(RequestContext ctx, DescribeTimeToLiveRequest r) {
        tables.describe(TableRequests.caller(ctx), ctx.region(), TableRequests.tableName(r.tableName()));
        return DescribeTimeToLiveResponse.builder()
                .timeToLiveDescription(d -> d.timeToLiveStatus(TimeToLiveStatus.DISABLED)).build();
    }
}
