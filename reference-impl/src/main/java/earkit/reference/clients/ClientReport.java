package earkit.reference.clients;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Whether each client (access key and SDK) reuses its connections, and what its connection handling costs in KMS
 * requests and CloudTrail events per million requests at the published list prices (AWS KMS pricing page: $0.03 per
 * 10,000 requests; AWS CloudTrail pricing page: management events, which KMS calls are, are free in a trail's first
 * copy and $2.00 per 100,000 in each additional copy, the price used here).
 *
 * @param clients one row per access key and SDK, most requests first
 */
public record ClientReport(List<Row> clients, Prices prices) {
    /** Fewer requests than this and the requests per connection say little. */
    static final int FLAG_AFTER_REQUESTS = 20;
    static final double FLAG_BELOW_REQUESTS_PER_CONNECTION = 2.0;

    /** The list prices the projection uses, and where they are published. */
    public record Prices(double kmsUsdPerRequest, String kmsSource, double cloudTrailUsdPerAdditionalCopyEvent,
                         String cloudTrailSource) {
        static final Prices PUBLISHED = new Prices(0.03 / 10_000, "https://aws.amazon.com/kms/pricing/",
                2.00 / 100_000, "https://aws.amazon.com/cloudtrail/pricing/");
    }

    /**
     * One client: what its connections cost.
     *
     * @param sdk               the SDK line, e.g. {@code aws-sdk-js/3.x}; {@code versions}: the versions its requests named
     * @param tableKeyRefreshes the KMS Decrypt and GenerateDataKey calls DynamoDB made for its requests (S46-S49)
     * @param kmsCalls          every KMS call DynamoDB made for its requests
     * @param connectionPerRequest fewer than 2 requests per connection over at least 20 requests
     * @param advice            what to change in the SDK's terms, when it opens a connection per request
     */
    public record Row(String accessKey, String sdk, String sdkName, List<String> versions, String httpClient,
                      long connections, long requests,
                      double requestsPerConnection, long tableKeyRefreshes, long kmsCalls,
                      double kmsUsdPerMillionRequests, double cloudTrailUsdPerMillionRequests,
                      boolean connectionPerRequest, String advice) {

        static Row of(ClientIdentity who, List<String> versions, long connections, long requests, long refreshes, long kmsCalls) {
            double perConnection = connections == 0 ? 0 : (double) requests / connections;
            double kmsPerRequest = requests == 0 ? 0 : (double) kmsCalls / requests;
            boolean flagged = requests >= FLAG_AFTER_REQUESTS && perConnection < FLAG_BELOW_REQUESTS_PER_CONNECTION;
            return new Row(who.accessKey(), who.sdk(), who.family().displayName, versions, who.http(), connections, requests,
                    round(perConnection), refreshes, kmsCalls,
                    round(kmsPerRequest * 1_000_000 * Prices.PUBLISHED.kmsUsdPerRequest()),
                    round(kmsPerRequest * 1_000_000 * Prices.PUBLISHED.cloudTrailUsdPerAdditionalCopyEvent()),
                    flagged, flagged ? who.family().advice : null);
        }

        private static double round(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    static ClientReport of(List<Row> rows) {
        return new ClientReport(rows.stream().sorted(Comparator.comparingLong(Row::requests).reversed()
                .thenComparing(Row::accessKey).thenComparing(Row::sdk)).toList(), Prices.PUBLISHED);
    }

    /** The report as a plain-text table, with a line of advice under it for each client flagged. */
    public String table() {
        if (clients.isEmpty()) {
            return "No AWS client has connected.\n";
        }
        String format = "%-12s %-30s %11s %9s %9s %14s %10s %13s %17s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "access key", "SDK", "connections",
                "requests", "req/conn", "key refreshes", "KMS calls", "KMS $/1M req", "CloudTrail $/1M*"));
        for (Row r : clients) {
            String sdk = r.httpClient().isEmpty() ? r.sdk() : r.sdk() + " " + r.httpClient();
            out.append(String.format(Locale.ROOT, format, r.accessKey(), sdk, r.connections(), r.requests(),
                    String.format(Locale.ROOT, "%.2f", r.requestsPerConnection()), r.tableKeyRefreshes(), r.kmsCalls(),
                    String.format(Locale.ROOT, "%.2f", r.kmsUsdPerMillionRequests()),
                    String.format(Locale.ROOT, "%.2f", r.cloudTrailUsdPerMillionRequests())));
        }
        out.append("* KMS at $0.03 per 10,000 requests (").append(prices.kmsSource()).append("); CloudTrail: KMS calls are "
                + "management events, free in a trail's first copy, $2.00 per 100,000 in each additional copy (")
                .append(prices.cloudTrailSource()).append(").\n");
        for (Row r : clients) {
            if (r.connectionPerRequest()) {
                out.append(String.format(Locale.ROOT, "! %s, %s (%s): a connection per request (%.2f requests per "
                        + "connection over %d requests), so a table-key refresh through KMS per request. Change: %s%n",
                        r.accessKey(), r.sdk(), r.sdkName(), r.requestsPerConnection(), r.requests(), r.advice()));
            }
        }
        return out.toString();
    }
}
