package earkit.kit.target;

/**
 * Makes a {@link Target}. Providers are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/earkit.kit.target.TargetProvider} of your jar to plug your implementation in.
 */
public interface TargetProvider {
    String name();

    /** The built-in reference; chosen only when no other provider is present or it is named. */
    default boolean isReference() {
        return false;
    }

    /** Whether the selection rule may pick this provider without being named (the built-in ones may not). */
    default boolean autoSelectable() {
        return !isReference();
    }

    Target create(TargetConfig config);
}
