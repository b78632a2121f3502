package earkit.kit.spi;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses the target the way Cucumber chooses its object factory: an explicit {@code kit.target}
 * (or {@code --target}) wins; otherwise the single provider that is not the reference; otherwise the
 * reference. Two candidates and no choice is an error that says which property to set.
 */
public final class Targets {
    public static final String PROPERTY = "kit.target";

    private Targets() {
    }

    public static TargetProvider select(List<TargetProvider> all, Optional<String> wanted) {
        if (wanted.isPresent()) {
            return all.stream().filter(p -> p.name().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target '" + wanted.get() + "'; known: " + names(all)
                            + ". Is its provider listed in META-INF/services/" + TargetProvider.class.getName() + "?"));
        }
        List<TargetProvider> others = all.stream().filter(TargetProvider::autoSelectable).toList();
        if (others.size() > 1) {
            throw new IllegalStateException("Several targets are available (" + names(others) + "); choose one with -D"
                    + PROPERTY + "=<name> or --target <name>");
        }
        if (others.size() == 1) {
            return others.get(0);
        }
        return all.stream().filter(TargetProvider::isReference).findFirst()
                .orElseThrow(() -> new IllegalStateException("No target provider found; known: " + names(all)));
    }

    public static List<TargetProvider> discovered() {
        return ServiceLoader.load(TargetProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The target named by {@code kit.target}, or chosen by the rule above, configured from its profile. */
    public static Target fromSystemProperties() {
        Optional<String> wanted = Optional.ofNullable(System.getProperty(PROPERTY)).filter(s -> !s.isBlank());
        List<TargetProvider> all = discovered();
        // A name without a provider but with a profile (fixtures/targets/<name>/) is a remote target.
        if (wanted.isPresent() && all.stream().noneMatch(p -> p.name().equals(wanted.get()))
                && !TargetConfig.profile(wanted.get()).isEmpty()) {
            Optional<TargetProvider> profiles = all.stream().filter(TargetProvider::servesProfiles).findFirst();
            if (profiles.isPresent()) {
                return profiles.get().create(TargetConfig.load(wanted.get()));
            }
        }
        TargetProvider p = select(all, wanted);
        return p.create(TargetConfig.load(p.name()));
    }

    private static String names(List<TargetProvider> ps) {
        return ps.stream().map(TargetProvider::name).sorted().collect(Collectors.joining(", "));
    }
}
