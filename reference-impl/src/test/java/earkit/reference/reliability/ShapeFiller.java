package earkit.reference.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Builds plausible request bodies for any operation from the SDK's own shape metadata, with values
 * drawn from pools of names the server knows (so that a share of the requests reaches deep into the
 * handlers) mixed with random ones. The mutator then breaks them.
 */
final class ShapeFiller {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 5;

    private final Random random;
    private final Vocabulary vocabulary;

    /** Names and values the fuzzed server knows about, per member kind. */
    record Vocabulary(List<String> tableNames, List<String> arns, List<String> keyIds, List<String> attributeNames,
                      List<String> expressions, List<String> enums, List<byte[]> blobs) {
    }

    ShapeFiller(Random random, Vocabulary vocabulary) {
        this.random = random;
        this.vocabulary = vocabulary;
    }

    ObjectNode body(SdkPojo shape) {
        return structure(shape, 0);
    }

    private ObjectNode structure(SdkPojo shape, int depth) {
        ObjectNode node = JSON.createObjectNode();
        if (isAttributeValue(shape)) {
            return attributeValue(depth);
        }
        for (SdkField<?> f : shape.sdkFields()) {
            if (random.nextInt(100) < 70) {
                JsonNode v = value(f, depth);
                if (v != null) {
                    node.set(f.locationName(), v);
                }
            }
        }
        return node;
    }

    private static boolean isAttributeValue(SdkPojo shape) {
        return shape.getClass().getName().startsWith("software.amazon.awssdk.services.dynamodb.model.AttributeValue");
    }

    private JsonNode value(SdkField<?> f, int depth) {
        MarshallingType<?> t = f.marshallingType();
        String name = f.locationName();
        if (t == MarshallingType.STRING) {
            return JSON.getNodeFactory().textNode(string(name));
        } else if (t == MarshallingType.INTEGER || t == MarshallingType.LONG || t == MarshallingType.SHORT) {
            int[] choices = {0, 1, 2, 7, 10, 100, 1000, -1, Integer.MAX_VALUE};
            return JSON.getNodeFactory().numberNode(choices[random.nextInt(choices.length)]);
        } else if (t == MarshallingType.DOUBLE || t == MarshallingType.FLOAT || t == MarshallingType.BIG_DECIMAL) {
            return JSON.getNodeFactory().numberNode(random.nextDouble() * 1000);
        } else if (t == MarshallingType.BOOLEAN) {
            return JSON.getNodeFactory().booleanNode(random.nextBoolean());
        } else if (t == MarshallingType.INSTANT) {
            return JSON.getNodeFactory().numberNode(1_700_000_000L + random.nextInt(100_000_000));
        } else if (t == MarshallingType.SDK_BYTES) {
            return JSON.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes()));
        } else if (t == MarshallingType.SDK_POJO) {
            return depth >= MAX_DEPTH ? null : structure((SdkPojo) f.constructor().get(), depth + 1);
        } else if (t == MarshallingType.LIST) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            SdkField<?> member = f.getRequiredTrait(ListTrait.class).memberFieldInfo();
            ArrayNode a = JSON.createArrayNode();
            for (int i = random.nextInt(4); i > 0; i--) {
                JsonNode v = value(member, depth + 1);
                if (v != null) {
                    a.add(v);
                }
            }
            return a;
        } else if (t == MarshallingType.MAP) {
            if (depth >= MAX_DEPTH) {
                return null;
            }
            SdkField<?> member = f.getRequiredTrait(MapTrait.class).valueFieldInfo();
            ObjectNode m = JSON.createObjectNode();
            for (int i = random.nextInt(4); i > 0; i--) {
                JsonNode v = value(member, depth + 1);
                if (v != null) {
                    m.set(mapKey(name), v);
                }
            }
            return m;
        }
        return null;
    }

    private String mapKey(String member) {
        if (member.contains("ExpressionAttributeValues")) {
            return ":" + pick(List.of("v", "w", "x", "zero"));
        }
        if (member.contains("ExpressionAttributeNames")) {
            return "#" + pick(List.of("n", "a", "pk"));
        }
        if (member.equals("RequestItems")) {
            return pick(vocabulary.tableNames());
        }
        return random.nextBoolean() ? pick(vocabulary.attributeNames()) : Mutator.randomText(random, 12);
    }

    private ObjectNode attributeValue(int depth) {
        ObjectNode v = JSON.createObjectNode();
        switch (random.nextInt(depth >= MAX_DEPTH ? 7 : 9)) {
            case 0 -> v.put("S", random.nextBoolean() ? "fuzz" : Mutator.randomText(random, 40));
            case 1 -> v.put("N", number());
            case 2 -> v.put("B", Base64.getEncoder().encodeToString(bytes()));
            case 3 -> v.put("BOOL", random.nextBoolean());
            case 4 -> v.put("NULL", true);
            case 5 -> v.set("SS", JSON.createArrayNode().add("a").add(random.nextBoolean() ? "b" : "a"));
            case 6 -> v.set("NS", JSON.createArrayNode().add(number()).add(number()));
            case 7 -> {
                ArrayNode l = JSON.createArrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    l.add(attributeValue(depth + 1));
                }
                v.set("L", l);
            }
            default -> {
                ObjectNode m = JSON.createObjectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    m.set(pick(vocabulary.attributeNames()), attributeValue(depth + 1));
                }
                v.set("M", m);
            }
        }
        return v;
    }

    /** Numbers at DynamoDB's edges: forms to normalise, 38 and 39 digits, the range's ends, and not numbers. */
    private String number() {
        return pick(List.of("1", "-1", "0.5", "1E+3", "9.9999999999999999999999999999999999999E+125",
                "1E+126", "1e-131", "1E-130", "NaN", "abc", "", "00012", "-0", "-0015.789e6", "1.0", "1.50E-3",
                "12345678901234567890123456789012345678", "123456789012345678901234567890123456789", "+5", " 7", "1e2147483648"));
    }

    /** PartiQL statements (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction), well formed or nearly, on the fuzzer's tables. */
    private static final List<String> STATEMENTS = List.of("SELECT * FROM \"fuzz-hash\"",
            "SELECT pk, a.b[1] FROM \"fuzz-range\" WHERE pk = ? AND sk > ?", "SELECT * FROM \"fuzz-hash\" WHERE pk = 'a'",
            "INSERT INTO \"fuzz-hash\" VALUE {'pk': ?, 'a': <<1, 2>>}", "INSERT INTO \"fuzz-range\" VALUE {'pk': 'x', 'sk': 'y'}",
            "UPDATE \"fuzz-hash\" SET a = a + 1 REMOVE b WHERE pk = ? RETURNING ALL NEW *",
            "DELETE FROM \"fuzz-hash\" WHERE pk = 'a' AND n > 3", "SELECT * FROM \"fuzz-hash\".\"nope\" WHERE pk IN ['a', ?]",
            "UPDATE \"fuzz-range\" SET n = list_append(n, [1]) WHERE pk = 'a'", "SELECT * FROM", "INSERT INTO x VALUE",
            "SELECT * FROM \"fuzz-hash\" WHERE ((((pk = 'a'", "DELETE FROM \"fuzz-hash\"", "SELECT ? FROM ?", "?",
            "SELECT * FROM \"fuzz-hash\" WHERE a = <<>>", "UPDATE \"fuzz-hash\" SET pk = 'b' WHERE pk = 'a'",
            "EXISTS(SELECT * FROM \"fuzz-hash\" WHERE pk = ?)", "EXISTS(SELECT * FROM \"fuzz-range\" WHERE pk = 'a' AND sk = ? AND n > 1)",
            "EXISTS(DELETE FROM \"fuzz-hash\" WHERE pk = 'a')", "EXISTS(", "exists (SELECT a FROM \"fuzz-hash\" WHERE pk = 'a' OR pk = ?)");

    private String string(String member) {
        if (member.contains("TableName") || member.equals("ResourceName") || member.equals("TableArn")) {
            return random.nextInt(10) < 8 ? pick(vocabulary.tableNames()) : Mutator.randomText(random, 20);
        }
        if (member.contains("StreamArn") || member.startsWith("Shard") || member.contains("BackupArn") || member.equals("ResourceArn")
                || member.equals("ExclusiveStartShardId") || member.equals("ExclusiveStartBackupArn")) {
            return random.nextInt(10) < 8 ? pick(vocabulary.arns()) : Mutator.randomText(random, 20);
        }
        if (member.contains("KeyId") || member.equals("KMSMasterKeyId") || member.equals("AliasName")
                || member.equals("GrantId") || member.equals("EventSource")) {
            return random.nextInt(10) < 8 ? pick(vocabulary.keyIds()) : Mutator.randomText(random, 20);
        }
        if (member.contains("Expression")) {
            return pick(vocabulary.expressions());
        }
        if (member.equals("Statement")) {
            return random.nextInt(10) < 8 ? pick(STATEMENTS) : pick(vocabulary.expressions());
        }
        if (member.equals("AttributeName") || member.equals("AttributeValue") || member.equals("AttributesToGet")) {
            return pick(vocabulary.attributeNames());
        }
        return random.nextInt(10) < 6 ? pick(vocabulary.enums()) : Mutator.randomText(random, 16);
    }

    private byte[] bytes() {
        if (!vocabulary.blobs().isEmpty() && random.nextInt(3) == 0) {
            byte[] blob = pick(vocabulary.blobs()).clone();
            if (random.nextBoolean() && blob.length > 0) {
                blob[random.nextInt(blob.length)] ^= (byte) (1 + random.nextInt(255));
            }
            return blob;
        }
        byte[] b = new byte[random.nextInt(48)];
        random.nextBytes(b);
        return b;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
