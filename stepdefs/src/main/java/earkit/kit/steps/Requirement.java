package earkit.kit.steps;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The requirements of the catalogue ({@code features/catalogue.json}), one constant each, with the error codes a
 * documented refusal of that requirement may carry (the catalogue's {@code acceptedErrors}; a refusal is always
 * HTTP 400). Written by hand; {@code RequirementTest} fails when it and the catalogue differ.
 */
public enum Requirement {
    ENC_001("EAR-ENC-001"),
    ENC_002("EAR-ENC-002"),
    ENC_003("EAR-ENC-003"),
    ENC_004("EAR-ENC-004"),
    OWN_001("EAR-OWN-001"),
    OWN_002("EAR-OWN-002"),
    OWN_003("EAR-OWN-003"),
    OWN_004("EAR-OWN-004"),
    MAN_001("EAR-MAN-001"),
    MAN_002("EAR-MAN-002"),
    MAN_003("EAR-MAN-003"),
    MAN_004("EAR-MAN-004"),
    MAN_005("EAR-MAN-005", "AccessDeniedException", "UnsupportedOperationException"),
    CMK_001("EAR-CMK-001"),
    CMK_002("EAR-CMK-002"),
    CMK_003("EAR-CMK-003", "ValidationException", "AccessDeniedException"),
    SSE_001("EAR-SSE-001"),
    SSE_002("EAR-SSE-002", "ValidationException"),
    SSE_003("EAR-SSE-003", "LimitExceededException"),
    SSE_004("EAR-SSE-004"),
    SSE_005("EAR-SSE-005", "LimitExceededException"),
    ROT_001("EAR-ROT-001"),
    ROT_002("EAR-ROT-002"),
    ROT_003("EAR-ROT-003"),
    ROT_004("EAR-ROT-004", "ValidationException"),
    ROT_005("EAR-ROT-005", "AccessDeniedException", "UnsupportedOperationException", "LimitExceededException"),
    ROT_006("EAR-ROT-006"),
    IDX_001("EAR-IDX-001", "AccessDeniedException"),
    IDX_002("EAR-IDX-002"),
    BAK_001("EAR-BAK-001"),
    BAK_002("EAR-BAK-002"),
    INA_001("EAR-INA-001", "AccessDeniedException"),
    INA_002("EAR-INA-002"),
    INA_003("EAR-INA-003"),
    INA_004("EAR-INA-004"),
    INA_005("EAR-INA-005", "AccessDeniedException", "ValidationException"),
    INA_006("EAR-INA-006"),
    INA_007("EAR-INA-007"),
    INA_008("EAR-INA-008", "ValidationException", "AccessDeniedException"),
    GTR_001("EAR-GTR-001"),
    GTR_002("EAR-GTR-002"),
    AUD_001("EAR-AUD-001"),
    AUD_002("EAR-AUD-002"),
    AUD_003("EAR-AUD-003"),
    REF_001("EAR-REF-001"),
    REF_002("EAR-REF-002"),
    REF_003("EAR-REF-003", "AccessDeniedException"),
    CON_001("EAR-CON-001"),
    CON_002("EAR-CON-002");

    private final String id;
    private final List<String> acceptedErrors;

    Requirement(String id, String... acceptedErrors) {
        this.id = id;
        this.acceptedErrors = List.of(acceptedErrors);
    }

    /** The catalogue ID, e.g. {@code EAR-SSE-001}. */
    public String id() {
        return id;
    }

    /** The error codes of the documented refusal this requirement checks; empty when it checks none. */
    public List<String> acceptedErrors() {
        return acceptedErrors;
    }

    /** The tag that marks a scenario as checking this requirement. */
    String tag() {
        return "@" + id;
    }

    public static Optional<Requirement> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
