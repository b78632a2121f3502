package earkit.kit.steps;

import io.cucumber.java.en.Then;

/**
 * data-paths.feature: one data path ({@link DataPath}) at a time on a table whose key is gone or which is
 * archived. Every call goes on a new connection, which holds no table key from before the loss (a kept-alive
 * connection may rightly go on with its cached key until the refresh: EAR-REF-003).
 */
public class DataPathSteps {
    private final World world;

    public DataPathSteps(World world) {
        this.world = world;
    }

    private DataPath.Call call(String table, DataPath.Aim aim) {
        String region = world.tableRegion(table);
        return new DataPath.Call(world.clients().dynamoOnNewConnections(region), world.clients().streamsOnNewConnections(region),
                world.table(table), world.writtenTo(table), aim);
    }

    /**
     * A refusal of an archived table is EAR-INA-005's; of an index of an inaccessible table EAR-IDX-001's where the
     * row carries it; otherwise EAR-INA-001's. Only HTTP 400 with a code the catalogue accepts passes.
     */
    @Then("{dataPath} on {string} is refused as documented")
    public void refused(DataPath path, String table) {
        Requirement r = path.index() ? world.judged(Requirement.INA_005, Requirement.IDX_001, Requirement.INA_001)
                : world.judged(Requirement.INA_005, Requirement.INA_001);
        Outcome outcome = Outcome.of(() -> path.run(call(table, DataPath.Aim.WRITTEN)));
        world.checkRefused(r, outcome, path + " on \"" + table + "\"");
    }

    /** With access given back, the path answers again, and a read sees what was written (EAR-INA-004). */
    @Then("{dataPath} on {string} works again")
    public void worksAgain(DataPath path, String table) {
        int[] seen = {-1};
        Outcome outcome = Outcome.of(() -> seen[0] = path.run(call(table, DataPath.Aim.PROBE)));
        world.check(Requirement.INA_004, outcome.isAccepted(), path + " on \"" + table + "\" with the key back", "accepted", outcome);
        int expected = path.expected(world.writtenTo(table));
        world.check(Requirement.INA_004, seen[0] == expected, path + " on \"" + table + "\" with the key back",
                expected < 0 ? "done in full" : expected + " items or records", seen[0] == 0 && expected < 0 ? "writes left unprocessed" : seen[0]);
    }
}
