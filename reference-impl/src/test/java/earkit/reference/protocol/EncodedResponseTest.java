package earkit.reference.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import earkit.reference.json.ShapeJsonTest;
import earkit.reference.json.ShapeWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** An item answered as it was stored must be byte for byte the answer its model objects would write. */
class EncodedResponseTest {

    @Property(tries = 300, seed = "20261128")
    void anItemAnsweredAsStoredIsTheAnswerItsModelWouldWrite(@ForAll(supplier = ShapeJsonTest.Items.class) Map<String, AttributeValue> item) {
        assertEquals(new String(ShapeWriter.write(GetItemResponse.builder().item(item).build()), StandardCharsets.UTF_8),
                new String(EncodedResponse.member("Item", ShapeWriter.write(item)).json(), StandardCharsets.UTF_8));
    }
}
