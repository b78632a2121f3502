package earkit.reference.service.dynamodb;

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
 * one shard; a shard iterator names the stream, the shard and the sequence number reading goes on from.
 */
public final class StreamOperations {
    private static final String ITERATOR_VERSION = "earkit-1";
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

    private TableRecord table(RequestContext ctx, StreamArn s) {
        TableRecord t;
        try {
            t = tables.describe(TableRequests.caller(ctx), ctx.region(), s.table()).table();
        } catch (DomainException e) {
            throw notFound(s.arn());
        }
        if (!s.region().equals(ctx.region()) || !s.label().equals(t.streamLabel) || !t.account.equals(ctx.accountId())) {
            throw notFound(s.arn());
        }
        return t;
    }

    private static ApiException notFound(String arn) {
        return new ApiException("ResourceNotFoundException", "Requested resource not found: Stream: " + arn + " not found");
    }

    private static String shardId(TableRecord t) {
        String digits = t.streamLabel.replaceAll("[^0-9]", "");
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
            if (t.streamLabel != null && t.account.equals(ctx.accountId())) {
                all.add(Stream.builder().streamArn(t.arn() + "/stream/" + t.streamLabel).tableName(t.name)
                        .streamLabel(t.streamLabel).build());
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
        TableRecord t = table(ctx, s);
        Tables.StreamBounds bounds = tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label());
        SequenceNumberRange.Builder range = SequenceNumberRange.builder().startingSequenceNumber(seq(bounds.first()));
        if (!t.streamEnabled) {
            range.endingSequenceNumber(seq(bounds.next() - 1));
        }
        List<Shard> shards = new ArrayList<>();
        if (r.exclusiveStartShardId() == null || !r.exclusiveStartShardId().equals(shardId(t))) {
            shards.add(Shard.builder().shardId(shardId(t)).sequenceNumberRange(range.build()).build());
        }
        return DescribeStreamResponse.builder().streamDescription(StreamDescription.builder()
                .streamArn(s.arn()).streamLabel(t.streamLabel).streamStatus(t.streamEnabled ? "ENABLED" : "DISABLED")
                .streamViewType(t.streamViewType).creationRequestDateTime(labelTime(t.streamLabel))
                .tableName(t.name).keySchema(TableDescriptions.keySchema(t.keySchema)).shards(shards).build()).build();
    }

    GetShardIteratorResponse iterator(RequestContext ctx, GetShardIteratorRequest r) {
        new ModelConstraints().length("streamArn", r.streamArn(), true, 37, 1024).length("shardId", r.shardId(), true, 28, 65)
                .notNull("shardIteratorType", r.shardIteratorTypeAsString())
                .oneOf("shardIteratorType", r.shardIteratorTypeAsString(), ModelConstraints.SHARD_ITERATOR_TYPE)
                .length("sequenceNumber", r.sequenceNumber(), false, 21, 40).check();
        StreamArn s = StreamArn.parse(r.streamArn());
        TableRecord t = table(ctx, s);
        if (r.shardId() == null || !r.shardId().equals(shardId(t))) {
            throw new ApiException("ResourceNotFoundException", "Requested resource not found: Shard does not exist");
        }
        String type = r.shardIteratorTypeAsString();
        Tables.StreamBounds bounds = tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label());
        long from = switch (type) {
            case "TRIM_HORIZON" -> bounds.first();
            case "LATEST" -> bounds.next();
            case "AT_SEQUENCE_NUMBER" -> sequence(r.sequenceNumber(), type);
            case "AFTER_SEQUENCE_NUMBER" -> sequence(r.sequenceNumber(), type) + 1;
            default -> throw new IllegalStateException("shardIteratorType outside its enumeration: " + type);
        };
        return GetShardIteratorResponse.builder().shardIterator(encode(s.arn(), r.shardId(), from)).build();
    }

    GetRecordsResponse records(RequestContext ctx, GetRecordsRequest r) {
        new ModelConstraints().length("shardIterator", r.shardIterator(), true, 1, 2048).atLeast("limit", r.limit(), 1)
                .atMost("limit", r.limit(), 1000).check();
        int limit = r.limit() == null ? 1000 : r.limit();
        String[] it = decode(r.shardIterator());
        StreamArn s = StreamArn.parse(it[1]);
        TableRecord t = table(ctx, s);
        long from = Long.parseLong(it[3]);
        TableSession.StreamPage page = tables.withItems(TableRequests.caller(ctx), ctx.region(), t.name,
                session -> session.streamRecords(s.label(), from, limit));
        GetRecordsResponse.Builder b = GetRecordsResponse.builder().records(page.records());
        boolean closedAndRead = !t.streamEnabled && page.next() >= tables.streamBounds(TableRequests.caller(ctx), ctx.region(), t.name, s.label()).next();
        if (!closedAndRead) {
            b.nextShardIterator(encode(s.arn(), it[2], page.next()));
        }
        return b.build();
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

    private static String encode(String arn, String shard, long from) {
        String raw = ITERATOR_VERSION + "|" + arn + "|" + shard + "|" + from;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String iterator) {
        if (iterator == null) {
            throw ApiException.validation("1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null");
        }
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|");
            if (p.length == 4 && p[0].equals(ITERATOR_VERSION)) {
                Long.parseLong(p[3]);
                return p;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw ApiException.validation("Invalid ShardIterator: " + iterator);
    }
}
