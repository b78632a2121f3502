package earkit.kit.steps;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What became of a call that the target may refuse: accepted, or refused with an AWS error (HTTP status and error
 * code). Only a well-formed error answer is a refusal: a crash, a timeout or garbage never gets here, because
 * {@link TargetFaults} has already turned it into a {@link TargetFault}.
 */
final class Outcome {
    private final AwsServiceException refusal;

    private Outcome(AwsServiceException refusal) {
        this.refusal = refusal;
    }

    static Outcome accepted() {
        return new Outcome(null);
    }

    /** Runs {@code call} and keeps its refusal; anything else it throws goes on up. */
    static Outcome of(Runnable call) {
        try {
            call.run();
            return accepted();
        } catch (AwsServiceException e) {
            return new Outcome(e);
        }
    }

    static <T> Outcome of(Supplier<T> call) {
        return of((Runnable) call::get);
    }

    boolean isAccepted() {
        return refusal == null;
    }

    Optional<AwsServiceException> refusal() {
        return Optional.ofNullable(refusal);
    }

    int httpStatus() {
        return refusal == null ? 200 : refusal.statusCode();
    }

    /** The error code of the refusal; null when the call was accepted. */
    String errorCode() {
        return refusal == null || refusal.awsErrorDetails() == null ? null : refusal.awsErrorDetails().errorCode();
    }

    /** True when refused with HTTP {@code status} and one of {@code codes}. */
    boolean refusedWith(int status, java.util.Collection<String> codes) {
        return refusal != null && refusal.statusCode() == status && codes.contains(errorCode());
    }

    @Override
    public String toString() {
        if (refusal == null) {
            return "accepted";
        }
        String message = refusal.awsErrorDetails() == null ? refusal.getMessage() : refusal.awsErrorDetails().errorMessage();
        return "HTTP " + refusal.statusCode() + " " + errorCode() + ": " + message;
    }
}
