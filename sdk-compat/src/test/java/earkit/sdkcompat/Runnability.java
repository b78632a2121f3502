package earkit.sdkcompat;

import org.junit.jupiter.api.Assumptions;

/** Skips, saying why, a configuration this build was told not to run or whose native library cannot load here. */
final class Runnability {
    private Runnability() {
    }

    static void assume(SdkConfiguration sdk) {
        if (sdk.family().equals("Node v3")) {
            Assumptions.assumeFalse(Boolean.getBoolean("earkit.skipNode"), "the Node.js driver is skipped (-DskipNode)");
        }
        sdk.unavailable().ifPresent(reason -> {
            if (sdk == SdkConfiguration.JAVA_V2_CRT) {
                Assumptions.abort(reason);
            }
            // A runtime the build installs (Node's packages, boto3) that is missing is a broken build, not a skip.
            throw new IllegalStateException(reason);
        });
    }
}
