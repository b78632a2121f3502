package earkit.kit.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import earkit.kit.spi.Target;
import earkit.kit.spi.TargetConfig;
import earkit.kit.spi.TargetProvider;
import earkit.kit.spi.Targets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection rule of DESIGN.md over the built-in providers, as ServiceLoader finds them in the kit. */
class TargetsTest {
    private static TargetProvider provider(String name) {
        return new TargetProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Target create(TargetConfig config) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private final TargetProvider reference = new ReferenceTargetProvider();
    private final TargetProvider remote = new RemoteTargetProvider();

    @Test
    void theReferenceWhenNothingElseIsThere() {
        assertEquals("reference", Targets.select(List.of(remote, reference), Optional.empty()).name());
    }

    @Test
    void theSinglePluggedInProviderWins() {
        assertEquals("mine", Targets.select(List.of(remote, reference, provider("mine")), Optional.empty()).name());
    }

    @Test
    void anExplicitChoiceWins() {
        assertEquals("reference", Targets.select(List.of(reference, provider("mine")), Optional.of("reference")).name());
    }

    @Test
    void twoCandidatesWithoutAChoiceNameTheProperty() {
        var e = assertThrows(IllegalStateException.class,
                () -> Targets.select(List.of(reference, provider("a"), provider("b")), Optional.empty()));
        assertTrue(e.getMessage().contains("kit.target") && e.getMessage().contains("a, b"), e.getMessage());
    }

    @Test
    void anUnknownChoiceListsTheKnownTargets() {
        var e = assertThrows(IllegalStateException.class, () -> Targets.select(List.of(reference, remote), Optional.of("nope")));
        assertTrue(e.getMessage().contains("reference, remote"), e.getMessage());
    }

    @Test
    void bothBuiltInTargetsAreFoundWithServiceLoader() {
        assertEquals(List.of("reference", "remote"), Targets.discovered().stream().map(TargetProvider::name).sorted().toList());
    }
}
