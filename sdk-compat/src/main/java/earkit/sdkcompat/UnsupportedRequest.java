package earkit.sdkcompat;

/**
 * A request the driver's tool cannot express (e.g. a binary value that is not valid UTF-8, which the AWS CLI v1 only
 * takes as text): never sent, so neither a verdict on the target nor a failure of the kit. The kit reports the
 * scenario not applicable for that SDK's column, with {@link #getMessage()} as the reason.
 */
public final class UnsupportedRequest extends RuntimeException {
    public UnsupportedRequest(String reason) {
        super(reason);
    }
}
