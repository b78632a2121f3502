package earkit.reference.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import earkit.reference.ReferenceServer;
import earkit.reference.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.SSEType;

/**
 * A reference server under fuzzing: the tables and keys the fuzzer may aim at, a sentinel table and
 * ciphertext it never names (checked intact afterwards), and the tally of answers.
 */
final class FuzzHarness implements AutoCloseable {
    private static final String ON_BEHALF_OF = earkit.reference.protocol.Router.ON_BEHALF_OF_HEADER;
    private static final Duration TIMEOUT = Duration.ofSeconds(Integer.getInteger("earkit.fuzz.timeout", 10));

    /** Answers by service: [requests, 2xx, AWS-shaped 4xx, anything else (5xx, not AWS-shaped, hang)]. */
    private final Map<String, AtomicLong[]> tally = new ConcurrentHashMap<>();
    private final AtomicLong hangs = new AtomicLong();
    private final ReferenceServer server;
    private final Clients clients;
    private final RawClient raw;
    private final ShapeFiller.Vocabulary vocabulary;
    private final String sentinelTable = "sentinel-" + java.util.UUID.randomUUID();
    private final Map<Map<String, AttributeValue>, Map<String, AttributeValue>> sentinelItems = new LinkedHashMap<>();
    private final SdkBytes sentinelCiphertext;
    private final String sentinelKey;

    FuzzHarness() {
        server = ReferenceServer.start(ServerOptions.defaults());
        clients = new Clients(server.endpoint());
        raw = new RawClient(server.endpoint(), TIMEOUT);

        sentinelKey = clients.kms().createKey(b -> b.description("sentinel")).keyMetadata().keyId();
        sentinelCiphertext = clients.kms().encrypt(b -> b.keyId(sentinelKey)
                .plaintext(SdkBytes.fromUtf8String("sentinel plaintext"))).ciphertextBlob();
        clients.createTable(sentinelTable, true, s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(sentinelKey));
        for (int i = 0; i < 40; i++) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", AttributeValue.fromS("p" + (i % 7)));
            item.put("sk", AttributeValue.fromN(Integer.toString(i)));
            item.put("text", AttributeValue.fromS("sentinel value " + i + " \u00e9\u4e2d\ud83d\ude00"));
            item.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN("1.5E" + i), AttributeValue.fromBool(i % 2 == 0))));
            item.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) i, 0, -1})));
            clients.dynamo().putItem(b -> b.tableName(sentinelTable).item(item));
            // Read back as DynamoDB keeps numbers: 1.5E3 is 1500.
            Map<String, AttributeValue> stored = new LinkedHashMap<>(item);
            stored.put("list", AttributeValue.fromL(List.of(AttributeValue.fromN(
                    new java.math.BigDecimal("1.5E" + i).stripTrailingZeros().toPlainString()), AttributeValue.fromBool(i % 2 == 0))));
            sentinelItems.put(Map.of("pk", item.get("pk"), "sk", item.get("sk")), stored);
        }

        String fuzzKey = clients.kms().createKey(b -> b.description("fuzz")).keyMetadata().keyId();
        clients.kms().createAlias(b -> b.aliasName("alias/fuzz").targetKeyId(fuzzKey));
        byte[] fuzzBlob = clients.kms().encrypt(b -> b.keyId(fuzzKey).plaintext(SdkBytes.fromUtf8String("fuzz")))
                .ciphertextBlob().asByteArray();
        clients.createTable("fuzz-hash", false, s -> s.enabled(true));
        String streamArn = clients.dynamo().updateTable(b -> b.tableName("fuzz-hash").streamSpecification(s -> s
                .streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES"))).tableDescription().latestStreamArn();
        clients.dynamo().waiter().waitUntilTableExists(r -> r.tableName("fuzz-hash"));
        clients.dynamo().putItem(b -> b.item(Map.of("pk", AttributeValue.fromS("streamed"))).tableName("fuzz-hash"));
        String shard = clients.streams().describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = clients.streams().getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType("TRIM_HORIZON")).shardIterator();
        String backupArn = clients.dynamo().createBackup(b -> b.tableName("fuzz-hash").backupName("fuzz")).backupDetails().backupArn();
        clients.createTable("fuzz-range", true, s -> s.enabled(false));
        vocabulary = new ShapeFiller.Vocabulary(
                List.of("fuzz-hash", "fuzz-range", "fuzz-new", "", "x".repeat(300), "bad name!"),
                List.of(streamArn, shard, iterator, backupArn, streamArn + "x", "shardId-00000000000000000000-00000000",
                        iterator.substring(0, iterator.length() / 2), "arn:aws:dynamodb:us-east-1:000000000000:table/fuzz-hash/backup/x",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/fuzz-hash", "arn:aws:dynamodb:us-east-1:111111111111:table/fuzz-hash",
                        "arn:aws:dynamodb:us-east-1:000000000000:table/fuzz-gone", "table/x"),
                List.of(fuzzKey, "arn:aws:kms:us-east-1:000000000000:key/" + fuzzKey, "alias/fuzz", "alias/fuzz-new",
                        "alias/aws/dynamodb", "arn:aws:kms:us-east-1:000000000000:alias/fuzz", "alias/", "arn:aws:kms:",
                        java.util.UUID.randomUUID().toString(), "arn:aws:kms:eu-west-1:111111111111:key/x"),
                List.of("pk", "sk", "n", "a", "text", "count"),
                List.of("pk = :v", "#n = :v AND sk > :w", "SET #n = :v", "ADD n :v", "attribute_exists(pk)",
                        "REMOVE a", "size(a) > :v", "begins_with(sk, :v)", "pk, sk", "", "((((",
                        "#pk = :v", "SET a = list_append(a, :v)", "DELETE s :v", "a.b[1].c", "pk IN (:v, :w)",
                        "SET n = n + :v", "sk BETWEEN :v AND :w", "#n[99999999999]", "NOT NOT NOT a"),
                List.of("HASH", "RANGE", "S", "N", "B", "PAY_PER_REQUEST", "PROVISIONED", "KMS", "AES256", "ALL",
                        "KEYS_ONLY", "INCLUDE", "NEW_IMAGE", "TOTAL", "ALL_OLD", "UPDATED_NEW", "SYMMETRIC_DEFAULT",
                        "ENCRYPT_DECRYPT", "AES_256", "Encrypt", "Decrypt", "EventName", "ReadOnly", "true",
                        "us-east-1", "COUNT", "SPECIFIC_ATTRIBUTES", "RSA_2048", "EXTERNAL", "default",
                        // the legacy parameters' enums and ReturnConsumedCapacity
                        "EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS", "BEGINS_WITH",
                        "IN", "BETWEEN", "AND", "OR", "PUT", "ADD", "DELETE", "INDEXES", "UPDATED_OLD"),
                List.of(fuzzBlob, sentinelCiphertext.asByteArray()));
    }

    /** Sends one case; null if the answer is acceptable, else what was wrong with it. */
    String run(FuzzCase c) {
        Random random = new Random(c.seed());
        ObjectNode shape = new ShapeFiller(random, vocabulary).body(c.target().shape(c.operation()));
        byte[] body = c.mutator().apply(shape, random);
        Map<String, String> headers = new LinkedHashMap<>();
        String method = "POST";
        String path = "/";
        String target = c.target().targetPrefix() + "." + c.operation();
        String contentType = c.target().contentType();
        switch (c.envelope()) {
            case NO_TARGET -> target = null;
            case UNKNOWN_TARGET_PREFIX -> target = "Nonsense_20990101." + c.operation();
            case OTHER_SERVICE_TARGET -> target = (c.target() == FuzzTarget.KMS ? FuzzTarget.DYNAMODB : FuzzTarget.KMS)
                    .targetPrefix() + "." + c.operation();
            case TARGET_WITHOUT_DOT -> target = c.operation();
            case NO_CONTENT_TYPE -> contentType = null;
            case WRONG_CONTENT_TYPE -> contentType = "text/plain; charset=latin1";
            case GET_METHOD -> method = "GET";
            case PUT_METHOD -> method = "PUT";
            case OTHER_PATH -> path = "/v1/x?y=%25zz&z&a=b+c";
            case ODD_HEADERS -> {
                headers.put("X-Amz-Security-Token", Mutator.randomText(random, 30).replaceAll("[^ -~]", "x"));
                headers.put("Content-Encoding", "gzip");
                headers.put("X-Amz-Date", "yesterday");
                headers.put(ON_BEHALF_OF, "arn:aws:iam::000000000000:root");
            }
            case HUGE_HEADER -> headers.put("X-Padding", "p".repeat(70_000 + random.nextInt(30_000)));
            default -> { }
        }
        if (target != null) {
            headers.put("X-Amz-Target", target);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (c.signer() == FuzzCase.Signer.GARBLED_AUTHORIZATION) {
            headers.put("Authorization", garbledAuthorization(random));
        }
        RawClient.Reply reply;
        try {
            reply = raw.send(new RawClient.Request(method, path, headers, body, c.signer().signing(),
                    c.target().signingName(), "us-east-1"));
        } catch (RawClient.Hang e) {
            hangs.incrementAndGet();
            return "hang: " + e.getMessage();
        } catch (IllegalStateException e) {
            hangs.incrementAndGet();
            return "connection: " + e.getMessage();
        }
        AtomicLong[] t = tally.computeIfAbsent(c.target().name(), k -> new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()});
        t[0].incrementAndGet();
        String verdict = judge(reply, t);
        if (verdict != null) {
            t[3].incrementAndGet();
        }
        return verdict;
    }

    private static String garbledAuthorization(Random random) {
        String[] forms = {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=test/20190101/us-east-1/kms/aws4_request",
                "AWS4-HMAC-SHA256 Credential=test/2019/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=" + "a".repeat(64),
                "AWS4-HMAC-SHA256 Credential=test/20190101/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64),
                "Basic dGVzdDp0ZXN0", "Bearer x", Mutator.randomText(random, 80).replaceAll("[^ -~]", "?")};
        return forms[random.nextInt(forms.length)];
    }

    private static String judge(RawClient.Reply reply, AtomicLong[] t) {
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = ShapeFiller.JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            json = null;
        }
        if (reply.status() == 200) {
            if (json == null || !(json.isObject() || reply.body().length > 0 && text.startsWith("healthy"))) {
                return "200 without a JSON body: " + abbreviate(text);
            }
            t[1].incrementAndGet();
            return null;
        }
        if (reply.status() < 400 || reply.status() > 499) {
            return "status " + reply.status() + ": " + abbreviate(text);
        }
        if (json == null || !json.isObject() || !json.path("__type").isTextual() || !json.path(messageKey(json)).isTextual()) {
            return "not AWS-shaped " + reply.status() + ": " + abbreviate(text);
        }
        t[2].incrementAndGet();
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** DynamoDB's serialization errors carry "Message", every other error "message". */
    static String messageKey(JsonNode error) {
        return error.path("__type").asText().equals("com.amazon.coral.service#SerializationException") ? "Message" : "message";
    }

    /** Every sentinel item as written, the sentinel ciphertext still decrypts, and the server answers. */
    List<String> sentinelDamage() {
        List<String> damage = new ArrayList<>();
        for (Map.Entry<Map<String, AttributeValue>, Map<String, AttributeValue>> e : sentinelItems.entrySet()) {
            Map<String, AttributeValue> got = clients.dynamo().getItem(b -> b.tableName(sentinelTable).key(e.getKey())
                    .consistentRead(true)).item();
            if (!e.getValue().equals(got)) {
                damage.add("item " + e.getKey() + " is " + got);
            }
        }
        int scanned = clients.dynamo().scan(b -> b.tableName(sentinelTable)).count();
        if (scanned != sentinelItems.size()) {
            damage.add("scan finds " + scanned + " items, not " + sentinelItems.size());
        }
        String plain = clients.kms().decrypt(b -> b.ciphertextBlob(sentinelCiphertext)).plaintext().asUtf8String();
        if (!plain.equals("sentinel plaintext")) {
            damage.add("sentinel ciphertext decrypts to " + plain);
        }
        clients.trail().lookupEvents(b -> b.maxResults(1));
        return damage;
    }

    int sentinelCount() {
        return sentinelItems.size();
    }

    /** One line per service for the README figures. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        long total = 0;
        long bad = 0;
        for (Map.Entry<String, AtomicLong[]> e : new java.util.TreeMap<>(tally).entrySet()) {
            AtomicLong[] t = e.getValue();
            total += t[0].get();
            bad += t[3].get();
            sb.append(e.getKey()).append(": requests=").append(t[0]).append(" served=").append(t[1])
                    .append(" refused4xx=").append(t[2]).append("; ");
        }
        return "FUZZ SUMMARY " + sb + "total=" + total + " 5xxOrNotAwsShaped=" + bad + " hangsOrResets=" + hangs
                + " sentinelItems=" + sentinelItems.size();
    }

    @Override
    public void close() {
        clients.close();
        server.close();
    }
}
