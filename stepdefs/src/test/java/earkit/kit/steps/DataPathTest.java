package earkit.kit.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.java.ParameterType;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataPathTest {
    /** A path missing from the listed phrases would make its Examples row an undefined step. */
    @Test
    void everyPathIsOneOfTheListedPhrases() throws NoSuchMethodException {
        String regex = ParameterTypes.class.getMethod("dataPath", String.class).getAnnotation(ParameterType.class).value();
        for (DataPath p : DataPath.values()) {
            assertTrue(Pattern.matches(regex, p.toString()), p + " is not listed in ParameterTypes.dataPath");
        }
        assertEquals(DataPath.values().length, regex.split("\\|").length, "each listed phrase names one path");
    }

    /** BatchStatementErrorCodeEnum and CancellationReason spell request-level errors without "Exception", two with "Error". */
    @Test
    void entryCodesAreTheEnumSpellings() {
        assertEquals("AccessDenied", DataPathSteps.entryCode("AccessDeniedException"));
        assertEquals("ValidationError", DataPathSteps.entryCode("ValidationException"));
        assertEquals("ThrottlingError", DataPathSteps.entryCode("ThrottlingException"));
        assertEquals("ResourceNotFound", DataPathSteps.entryCode("ResourceNotFoundException"));
    }

    @Test
    void cancellationReasonsAreJudgedByTheTableOfEachAction() {
        var codes = new java.util.TreeSet<>(java.util.List.of("AccessDenied"));
        var tables = java.util.List.of("accounts", "accounts", "orders", "orders");
        org.junit.jupiter.api.Assertions.assertTrue(DataPathSteps.reasonsFollowActions(
                java.util.List.of("None", "None", "AccessDenied", "None"), tables, "orders", codes));
        org.junit.jupiter.api.Assertions.assertTrue(DataPathSteps.reasonsFollowActions(
                java.util.List.of("None", "None", "AccessDenied", "AccessDenied"), tables, "orders", codes));
        // the code on the healthy table's action, none on the refused table's
        org.junit.jupiter.api.Assertions.assertFalse(DataPathSteps.reasonsFollowActions(
                java.util.List.of("AccessDenied", "None", "None", "None"), tables, "orders", codes));
        org.junit.jupiter.api.Assertions.assertFalse(DataPathSteps.reasonsFollowActions(
                java.util.List.of("AccessDenied", "None", "AccessDenied", "None"), tables, "orders", codes));
        // one reason short, every reason None, another code
        org.junit.jupiter.api.Assertions.assertFalse(DataPathSteps.reasonsFollowActions(
                java.util.List.of("None", "None", "AccessDenied"), tables, "orders", codes));
        org.junit.jupiter.api.Assertions.assertFalse(DataPathSteps.reasonsFollowActions(
                java.util.List.of("None", "None", "None", "None"), tables, "orders", codes));
        org.junit.jupiter.api.Assertions.assertFalse(DataPathSteps.reasonsFollowActions(
                java.util.List.of("None", "None", "ConditionalCheckFailed", "None"), tables, "orders", codes));
    }
}
