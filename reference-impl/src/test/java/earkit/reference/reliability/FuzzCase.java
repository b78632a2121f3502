package earkit.reference.reliability;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One fuzzed request: the operation it names, how its body is broken, how its HTTP envelope is broken,
 * how it is signed, and the seed for every random detail (so a failing case replays exactly).
 */
record FuzzCase(FuzzTarget target, String operation, Mutator mutator, Envelope envelope, Signer signer, long seed) {

    /** What happens to the HTTP request around the body. */
    enum Envelope {
        STANDARD, NO_TARGET, UNKNOWN_TARGET_PREFIX, OTHER_SERVICE_TARGET, TARGET_WITHOUT_DOT, NO_CONTENT_TYPE,
        WRONG_CONTENT_TYPE, GET_METHOD, PUT_METHOD, OTHER_PATH, ODD_HEADERS, HUGE_HEADER
    }

    /** How the request is signed. */
    enum Signer {
        VALID, UNSIGNED, WRONG_SECRET, UNKNOWN_KEY, GARBLED_AUTHORIZATION, EXPIRED, FUTURE, ALTERED_BODY,
        RESTRICTED_USER, OTHER_ACCOUNT;

        RawClient.Signing signing() {
            return switch (this) {
                case VALID -> RawClient.Signing.as("test", "test");
                case UNSIGNED, GARBLED_AUTHORIZATION -> null;
                case WRONG_SECRET -> RawClient.Signing.as("test", "not-the-secret");
                case UNKNOWN_KEY -> RawClient.Signing.as("AKIDNOBODY", "secret");
                case EXPIRED -> new RawClient.Signing("test", "test", Duration.ofMinutes(-16), false);
                case FUTURE -> new RawClient.Signing("test", "test", Duration.ofMinutes(16), false);
                case ALTERED_BODY -> new RawClient.Signing("test", "test", Duration.ZERO, true);
                case RESTRICTED_USER -> RawClient.Signing.as("restricted", "restricted");
                case OTHER_ACCOUNT -> RawClient.Signing.as("other", "other");
            };
        }
    }

    static Arbitrary<FuzzCase> of(FuzzTarget target) {
        Arbitrary<Envelope> envelopes = Arbitraries.frequencyOf(
                Tuple.of(70, Arbitraries.just(Envelope.STANDARD)), Tuple.of(30, Arbitraries.of(Envelope.class)));
        Arbitrary<Signer> signers = Arbitraries.frequencyOf(
                Tuple.of(80, Arbitraries.just(Signer.VALID)), Tuple.of(20, Arbitraries.of(Signer.class)));
        Arbitrary<Mutator> mutators = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Mutator.HUGE_STRING)), Tuple.of(97, Arbitraries.of(Mutator.class)
                        .filter(m -> m != Mutator.HUGE_STRING)));
        return Combinators.combine(Arbitraries.of(target.operations()), mutators, envelopes, signers,
                Arbitraries.longs()).as((op, m, e, s, seed) -> new FuzzCase(target, op, m, e, s, seed));
    }

    @Override
    public String toString() {
        return target.name() + "." + operation + " body=" + mutator + " envelope=" + envelope + " signer=" + signer
                + " seed=" + seed;
    }
}
