package earkit.reference.service.dynamodb;

import earkit.reference.Fault;
import earkit.reference.domain.DomainException;
import earkit.reference.service.WireErrors;
import earkit.reference.domain.table.TableRecord;
import earkit.reference.domain.table.TableSession;
import earkit.reference.domain.table.Tables;
import earkit.reference.protocol.ApiException;
import earkit.reference.protocol.Operations;
import earkit.reference.protocol.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;

/**
 * ListStreams, DescribeStream, GetShardIterator, GetRecords. A table's stream (one per stream label) has
 * one shard; a shard iterator names the stream, the shard, the sequence number reading goes on from and when
 * it was made: it expires 15 minutes later. A stream that was disabled stays readable for 24 hours (as its
 * records do), also after a newer stream of the table replaced it.
 */
public final class StreamOperations {
    private static final String ITERATOR_VERSION = "earkit-2";
    /** "A shard iterator expires 15 minutes after it is retrieved" (DynamoDB Streams API Reference: GetShardIterator). */
    static final java.time.Duration ITERATOR_LIFETIME = java.time.Duration.ofMinutes(15);
    private static final java.time.Duration RETENTION = java.time.Duration.ofHours(24);
    private final Tables tables;

    private StreamOperations(Tables tables) {
        this.tables = tables;
    }

    public static Operations of(Tables tables) {
        StreamOperations s = new StreamOperations(tables);
        return new Operations(WireErrors.REFUSALS)
                .add("ListStreams", ListStreamsRequest::builder, s::list)
                .add("DescribeStream", DescribeStreamRequest::builder, s::describe)
                .add("GetShardIterator", GetShardIteratorRequest::builder, s::iterator)
                .add("GetRecords", GetRecordsRequest::builder, s::records);
    }

    /** A stream ARN taken apart: {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}. */
    private record StreamArn(String arn, String region, String table, String label) {
        static StreamArn parse(String arn) {
            if (arn == null) {
                throw ApiException.validation("1 validation error detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null");
            }
            String[] p = arn.split(":", 6);
            int stream = p.length == 6 ? p[5].indexOf("/stream/") : -1;
            if (p.length != 6 || !p[0].equals("arn") || !p[2].equals("dynamodb") || !p[5].startsWith("table/") || stream < 0) {
                throw ApiException.validation("Invalid StreamArn");
            }
            return new StreamArn(arn, p[3], p[5].substring(6, stream), p[5].substring(stream + 8));
        }
    }

    /** One stream of a table: the current one or one it replaced, with what DescribeStream shows of it. */
    private record TableStream(TableRecord t, String label, String viewType, boolean open) {
    }

    private TableStream stream(RequestContext ctx, StreamArn s) {
        TableRecord t;
        try {
            t = tables.describe(TableRequests.caller(ctx), ctx.region(), s.table()).table();
        } catch (DomainException e) {
            throw notFound(s.arn());
        }
        if (!s.region().equals(ctx.region()) || !t.account.equals(ctx.accountId())) {
            throw notFound(s.arn());
        }
        return streams(t).stream().filter(x -> x.label().equals(s.label())).findFirst().orElseThrow(() -> notFound(s.arn()));
    }

    /** The table's streams still readable now: the current one, and those disabled less than 24 hours ago. */
    private List<TableStream> streams(TableRecord t) {
        java.time.Instant now = tables.now();
        List<TableStream> out = new ArrayList<>();
        for (TableRecord.PastStream p : t.pastStreams) {
            if (now.isBefore(p.disabledAt.plus(RETENTION))) {
                out.add(new TableStream(t, p.label, p.viewType, false));
            }
        }
        if (t.streamLabel != null && (t.streamEnabled || t.streamDisabledAt == null || now.isBefore(t.streamDisabledAt.plus(RETENTION)))) {
            out.add(new TableStream(t, t.streamLabel, t.streamViewType, t.streamEnabled));
        }
        return out;
    }

    private static ApiException notFound(String arn) {
        return new ApiException("ResourceNotFoundException", "Requested resource not found: Stream: " + arn + " not found");
    }

    private static String shardId(TableRecord t, String label) {
        String digits = label.replaceAll("[^0-9]", "");
        return "shardId-" + digits + "-" + String.format("%08x", t.id.hashCode());
    }

    ListStreamsResponse list(RequestContext ctx, ListStreamsRequest r) {
        new ModelConstraints().tableName("tableName", r.tableName(), false).atLeast("limit", r.limit(), 1).atMost("limit", r.limit(), 100)
                .length("exclusiveStartStreamArn", r.exclusiveStartStreamArn(), false, 37, 1024).check();
        int limit = r.limit() == null ? 100 : r.limit();
        String only = r.tableName() == null ? null : TableRequests.tableName(r.tableName());
        List<Stream> all = new ArrayList<>();
        for (String name : tables.names(TableRequests.caller(ctx), ctx.region())) {
            if (only != null && !only.equals(name)) {
                continue;
            }
            TableRecord t = tables.describe(TableRequests.caller(ctx), ctx.region(), name).table();
            if (t.account.equals(ctx.accountId())) {
                for (TableStream ts : streams(t)) {
                    all.add(Stream.builder().streamArn(t.arn() + "/stream/" + ts.label()).tableName(t.name)
                            .streamLabel(ts.label()).build());
                }
            }
        }
        if (r.exclusiveStartStreamArn() != null) {
            int at = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).streamArn().equals(r.exclusiveStartStreamArn())) {
                    at = i;
                }
            }
            all = all.subList(at + 1, all.size());
        }
        ListStreamsResponse.Builder b = ListStreamsResponse.builder().streams(all.subList(0, Math.min(limit, all.size())));
        if (all.size() > limit) {
            b.lastEvaluatedStreamArn(all.get(limit - 1).streamArn());
        }
        return b.build();
    }

    DescribeStreamResponse describe(RequestContext ctx, DescribeStreamRequest r) {
        new ModelConstraints().length("streamArn", r.streamArn(), true, 37, 1024).atLeast("limit", r.limit(), 1).atMost("limit", r.limit(), 100)
                .length("exclusiveStartShardId", r.exclusiveStartShardId(), false, 28, 65).check();
        StreamArn s = StreamArn.parse(r.streamArn());
        TableStream ts = stream(ctx, s);
        TableRecord t = ts.t();
        Tables.StreamBounds bounds = tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label());
        SequenceNumberRange.Builder range = SequenceNumberRange.builder().startingSequenceNumber(seq(bounds.first()));
        if (!ts.open()) {
            range.endingSequenceNumber(seq(bounds.last()));
        }
        List<Shard> shards = new ArrayList<>();
        String shard = shardId(t, ts.label());
        if (r.exclusiveStartShardId() == null || !r.exclusiveStartShardId().equals(shard)) {
            shards.add(Shard.builder().shardId(shard).sequenceNumberRange(range.build()).build());
        }
        return DescribeStreamResponse.builder().streamDescription(StreamDescription.builder()
                .streamArn(s.arn()).streamLabel(ts.label()).streamStatus(ts.open() ? "ENABLED" : "DISABLED")
                .streamViewType(ts.viewType()).creationRequestDateTime(labelTime(ts.label()))
                .tableName(t.name).keySchema(TableDescriptions.keySchema(t.keySchema)).shards(shards).build()).build();
    }

    GetShardIteratorResponse iterator(RequestContext ctx, GetShardIteratorRequest r) {
        new ModelConstraints().length("streamArn", r.streamArn(), true, 37, 1024).length("shardId", r.shardId(), true, 28, 65)
                .notNull("shardIteratorType", r.shardIteratorTypeAsString())
                .oneOf("shardIteratorType", r.shardIteratorTypeAsString(), ModelConstraints.SHARD_ITERATOR_TYPE)
                .length("sequenceNumber", r.sequenceNumber(), false, 21, 40).check();
        StreamArn s = StreamArn.parse(r.streamArn());
        TableStream ts = stream(ctx, s);
        TableRecord t = ts.t();
        if (r.shardId() == null || !r.shardId().equals(shardId(t, ts.label()))) {
            throw new ApiException("ResourceNotFoundException", "Requested resource not found: Shard does not exist");
        }
        String type = r.shardIteratorTypeAsString();
        Tables.StreamBounds bounds = tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label());
        long from = switch (type) {
            case "TRIM_HORIZON" -> bounds.first();
            case "LATEST" -> ts.open() ? bounds.next() : bounds.last() + 1;
            case "AT_SEQUENCE_NUMBER" -> sequence(r.sequenceNumber(), type);
            case "AFTER_SEQUENCE_NUMBER" -> sequence(r.sequenceNumber(), type) + 1;
            default -> throw new IllegalStateException("shardIteratorType outside its enumeration: " + type);
        };
        if (bounds.trimmed(from)) {
            throw trimmed();
        }
        return GetShardIteratorResponse.builder().shardIterator(encode(s.arn(), r.shardId(), from, tables.now())).build();
    }

    GetRecordsResponse records(RequestContext ctx, GetRecordsRequest r) {
        new ModelConstraints().length("shardIterator", r.shardIterator(), true, 1, 2048).atLeast("limit", r.limit(), 1)
                .atMost("limit", r.limit(), 1000).check();
        int limit = r.limit() == null ? 1000 : r.limit();
        String[] it = decode(r.shardIterator());
        java.time.Instant made = java.time.Instant.ofEpochMilli(Long.parseLong(it[4]));
        java.time.Instant now = tables.now();
        if (now.isAfter(made.plus(ITERATOR_LIFETIME))) {
            throw new ApiException("ExpiredIteratorException", "Iterator expired. The iterator was created at time "
                    + made + " while right now it's " + now + " which is further in the future than the tolerated delay of "
                    + ITERATOR_LIFETIME.toMillis() + " milliseconds.");
        }
        StreamArn s = StreamArn.parse(it[1]);
        TableStream ts = stream(ctx, s);
        TableRecord t = ts.t();
        long from = Long.parseLong(it[3]);
        Tables.StreamBounds bounds = tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label());
        if (bounds.trimmed(from)) {
            throw trimmed();
        }
        TableSession.StreamPage page = tables.withItems(TableRequests.caller(ctx), ctx.region(), t.name,
                Fault.STREAM_READ_SKIPS_KEY_CHECK, session -> session.streamRecords(s.label(), from, limit));
        GetRecordsResponse.Builder b = GetRecordsResponse.builder().records(page.records());
        boolean closedAndRead = !ts.open() && page.next() > bounds.last();
        if (!closedAndRead) {
            b.nextShardIterator(encode(s.arn(), it[2], page.next(), now));
        }
        return b.build();
    }

    /** An iterator at a record older than 24 hours, which is gone. */
    private static ApiException trimmed() {
        return new ApiException("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.");
    }

    private static long sequence(String given, String type) {
        if (given == null) {
            throw ApiException.validation("Must specify a SequenceNumber for ShardIteratorType " + type);
        }
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw ApiException.validation("Invalid SequenceNumber: " + given);
        }
    }

    private static String seq(long n) {
        return String.format("%021d", Math.max(n, 0));
    }

    private static java.time.Instant labelTime(String label) {
        try {
            return java.time.LocalDateTime.parse(label).toInstant(java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String encode(String arn, String shard, long from, java.time.Instant made) {
        String raw = ITERATOR_VERSION + "|" + arn + "|" + shard + "|" + from + "|" + made.toEpochMilli();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String iterator) {
        if (iterator == null) {
            throw ApiException.validation("1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null");
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|");
            if (p.length == 5 && p[0].equals(ITERATOR_VERSION)) {
                Long.parseLong(p[3]);
                Long.parseLong(p[4]);
                return p;
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // falls through to the refusal below
        }
        throw ApiException.validation("Invalid ShardIterator: " + iterator);
    }
}
