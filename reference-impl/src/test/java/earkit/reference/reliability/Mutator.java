package earkit.reference.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Ways to break a request body, at the JSON level and at the byte level. */
enum Mutator {
    NONE, DROP_MEMBER, EXTRA_MEMBER, WRONG_TYPE, NULL_VALUE, HUGE_NUMBER, HUGE_STRING, DEEP_NESTING, NOT_AN_OBJECT,
    TRUNCATE, FLIP_BYTES, INVALID_UTF8, GARBAGE, EMPTY, DUPLICATE_MEMBER;

    private static final String MARK = "@@earkit-splice@@";

    byte[] apply(ObjectNode body, Random random) {
        return switch (this) {
            case NONE -> write(body);
            case DROP_MEMBER -> {
                ObjectNode o = randomObject(body, random);
                if (o.size() > 0) {
                    o.remove(fieldNames(o).get(random.nextInt(o.size())));
                }
                yield write(body);
            }
            case EXTRA_MEMBER -> {
                randomObject(body, random).set(randomText(random, 10), randomJson(random, 3));
                yield write(body);
            }
            case WRONG_TYPE -> {
                replaceSomewhere(body, random, randomJson(random, 2));
                yield write(body);
            }
            case NULL_VALUE -> {
                replaceSomewhere(body, random, ShapeFiller.JSON.nullNode());
                yield write(body);
            }
            case HUGE_NUMBER -> {
                replaceSomewhere(body, random, ShapeFiller.JSON.getNodeFactory().textNode(MARK));
                yield splice(body, hugeNumber(random));
            }
            case HUGE_STRING -> {
                // Mostly above DynamoDB's 400 KB item and 4 KB expression limits, sometimes far above.
                int length = random.nextInt(10) == 0 ? 2_000_000 + random.nextInt(2_000_000) : 4_000 + random.nextInt(500_000);
                replaceSomewhere(body, random, ShapeFiller.JSON.getNodeFactory().textNode("x".repeat(length)));
                yield write(body);
            }
            case DEEP_NESTING -> {
                replaceSomewhere(body, random, ShapeFiller.JSON.getNodeFactory().textNode(MARK));
                int depth = 20 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
                boolean arrays = random.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                yield splice(body, open.repeat(depth) + "1" + close.repeat(random.nextInt(4) == 0 ? depth / 2 : depth));
            }
            case NOT_AN_OBJECT -> write(randomJson(random, 2).isObject() ? ShapeFiller.JSON.createArrayNode().add(body) : randomJson(random, 2));
            case TRUNCATE -> {
                byte[] b = write(body);
                yield Arrays.copyOf(b, b.length == 0 ? 0 : random.nextInt(b.length));
            }
            case FLIP_BYTES -> {
                byte[] b = write(body);
                for (int i = 1 + random.nextInt(4); i > 0 && b.length > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield b;
            }
            case INVALID_UTF8 -> {
                byte[] b = write(body);
                byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};
                byte[] insert = bad[random.nextInt(bad.length)];
                int at = b.length == 0 ? 0 : random.nextInt(b.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.writeBytes(insert);
                out.write(b, at, b.length - at);
                yield out.toByteArray();
            }
            case GARBAGE -> {
                byte[] b = new byte[random.nextInt(2048)];
                random.nextBytes(b);
                yield b;
            }
            case EMPTY -> new byte[0];
            case DUPLICATE_MEMBER -> {
                String s = new String(write(body), StandardCharsets.UTF_8);
                yield (s.length() > 2 ? "{\"TableName\":1," + s.substring(1) : s).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static String hugeNumber(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "1e" + (400 + random.nextInt(1_000_000_000));
            case 1 -> "-" + "9".repeat(30 + random.nextInt(2_000));
            case 2 -> "1" + "0".repeat(20 + random.nextInt(60));
            case 3 -> "0." + "0".repeat(random.nextInt(500)) + "1";
            case 4 -> "1.7976931348623157e309";
            default -> "-1e-999999999";
        };
    }

    static String randomText(Random random, int maxLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                sb.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                sb.append("\"\\/#:.-_ {}[]$%\u0000\n".charAt(random.nextInt(17)));
            } else {
                int cp = random.nextInt(0x10FFFF);
                sb.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? '?' : cp);
            }
        }
        return sb.toString();
    }

    static JsonNode randomJson(Random random, int depth) {
        var f = ShapeFiller.JSON.getNodeFactory();
        return switch (random.nextInt(depth <= 0 ? 6 : 8)) {
            case 0 -> f.textNode(randomText(random, 20));
            case 1 -> f.numberNode(random.nextLong());
            case 2 -> f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.nullNode();
            case 5 -> f.numberNode(-random.nextInt(3));
            case 6 -> {
                ArrayNode a = f.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomJson(random, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = f.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(randomText(random, 8), randomJson(random, depth - 1));
                }
                yield o;
            }
        };
    }

    /** Some object of the tree (the root or one nested in it). */
    private static ObjectNode randomObject(ObjectNode root, Random random) {
        List<ObjectNode> all = new ArrayList<>();
        collect(root, all);
        return all.get(random.nextInt(all.size()));
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n.isObject()) {
            out.add((ObjectNode) n);
        }
        n.elements().forEachRemaining(c -> collect(c, out));
    }

    /** Replaces the value of a random member somewhere in the tree (or adds one to an empty body). */
    private static void replaceSomewhere(ObjectNode root, Random random, JsonNode replacement) {
        List<ObjectNode> candidates = new ArrayList<>();
        collect(root, candidates);
        candidates.removeIf(o -> o.size() == 0);
        if (candidates.isEmpty()) {
            root.set("TableName", replacement);
            return;
        }
        ObjectNode o = candidates.get(random.nextInt(candidates.size()));
        List<String> names = fieldNames(o);
        o.set(names.get(random.nextInt(names.size())), replacement);
    }

    private static List<String> fieldNames(ObjectNode o) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = o.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static byte[] splice(JsonNode body, String raw) {
        String s = new String(write(body), StandardCharsets.UTF_8);
        return s.replace("\"" + MARK + "\"", raw).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] write(JsonNode n) {
        try {
            return ShapeFiller.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
