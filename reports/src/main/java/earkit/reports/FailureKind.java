package earkit.reports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed step threw, in the terms of the suite's contract: a {@code RequirementViolation} names the one
 * requirement it judges ({@code [EAR-SSE-001] ...}); a {@code TargetFault} ({@code [TARGET ERROR] ...}) says the
 * target crashed, timed out or answered garbage; a {@code KitFault} ({@code [KIT ERROR] ...}) says the kit itself failed
 * (an SDK driver of {@code kit run --sdk} died or answered garbage), which judges nothing of the target; anything else
 * is an error that counts against every requirement of
 * its scenario. The class name comes from Cucumber's messages; the message prefix decides only where they carry no
 * exception (older Cucumber versions).
 *
 * @param requirement the requirement a violation names, or null
 */
record FailureKind(boolean targetError, boolean kitError, String requirement) {
    static final String VIOLATION = "earkit.kit.steps.RequirementViolation";
    static final String TARGET_FAULT = "earkit.kit.steps.TargetFault";
    static final String KIT_FAULT = "earkit.kit.steps.KitFault";
    static final String TARGET_ERROR_PREFIX = "[TARGET ERROR]";
    static final String KIT_ERROR_PREFIX = "[KIT ERROR]";
    /** Exactly one requirement in brackets, at the very start: a list ("[EAR-A, EAR-B]") names no single one. */
    private static final Pattern ONE_REQUIREMENT = Pattern.compile("^\\[(EAR-[A-Z0-9]+-[0-9]+)]");

    private static final FailureKind UNATTRIBUTED = new FailureKind(false, false, null);
    private static final FailureKind TARGET = new FailureKind(true, false, null);
    private static final FailureKind KIT = new FailureKind(false, true, null);

    static FailureKind of(String exceptionType, String message) {
        String text = message == null ? "" : message.stripLeading();
        if (exceptionType == null) {
            if (text.startsWith(TARGET_ERROR_PREFIX)) {
                return TARGET;
            }
            if (text.startsWith(KIT_ERROR_PREFIX)) {
                return KIT;
            }
            return violation(text);
        }
        return switch (exceptionType) {
            case TARGET_FAULT -> TARGET;
            case KIT_FAULT -> KIT;
            case VIOLATION -> violation(text);
            default -> UNATTRIBUTED;
        };
    }

    private static FailureKind violation(String text) {
        Matcher m = ONE_REQUIREMENT.matcher(text);
        return m.find() ? new FailureKind(false, false, m.group(1)) : UNATTRIBUTED;
    }
}
