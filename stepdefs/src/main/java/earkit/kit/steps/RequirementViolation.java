package earkit.kit.steps;

/**
 * A check of one requirement failed: the target does not do what that requirement documents. The message starts
 * with the requirement's ID in brackets, which is how the verdict engine attributes the failure to that requirement
 * alone; the scenario's other requirements are "not reached".
 */
public final class RequirementViolation extends AssertionError {
    private final Requirement requirement;

    public RequirementViolation(Requirement requirement, String what, Object expected, Object observed) {
        super("[" + requirement.id() + "] " + what + ": expected " + Shown.value(expected) + ", observed " + Shown.value(observed));
        this.requirement = requirement;
    }

    public Requirement requirement() {
        return requirement;
    }
}
