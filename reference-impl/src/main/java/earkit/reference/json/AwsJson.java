package earkit.reference.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/** The JSON of the AWS JSON protocols as the reference parses it: its limits, and the words of its refusals. */
public final class AwsJson {
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64).maxNumberLength(64).maxStringLength(1 << 22).build())
            .build());

    private AwsJson() {
    }

    /** The JSON node type a token starts, in the words of the errors AWS-shaped clients already see. */
    static String nodeType(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "OBJECT";
            case START_ARRAY -> "ARRAY";
            case VALUE_STRING -> "STRING";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER";
            case VALUE_TRUE, VALUE_FALSE -> "BOOLEAN";
            case VALUE_NULL -> "NULL";
            default -> "POJO";
        };
    }

    static ShapeException mismatch(MemberPath path, String expected, JsonToken t) {
        String found = t == JsonToken.START_OBJECT ? "a structure" : nodeType(t).toLowerCase(Locale.ROOT);
        return new ShapeException("Unexpected value at '" + MemberPath.of(path) + "': expected " + expected + ", found " + found);
    }
}
