package earkit.kit.spi;

/**
 * Makes a {@link Target}. Providers are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/earkit.kit.spi.TargetProvider} of your jar to plug your implementation in.
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

    /**
     * Whether this provider also serves a name that has a profile ({@code fixtures/targets/<name>/}) but no
     * provider of its own: the built-in remote target does, since a profile is all it needs.
     */
    default boolean servesProfiles() {
        return false;
    }

    Target create(TargetConfig config);
}
