package earkit.kit.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;

/** The target's virtual clock, moved only through the control API. */
public class ClockSteps {
    private final World world;

    public ClockSteps(World world) {
        this.world = world;
    }

    @When("the clock moves on by {duration}")
    public void advance(Duration by) {
        world.control().advance(by);
    }

    /** Before the first request the scenario's environment can still start at this instant (historic-clock). */
    @Given("the clock reads {string}")
    public void clockReads(String at) {
        Instant t = Instant.parse(at);
        if (!world.startClockAt(t)) {
            setTo(at);
        }
        Instant now = world.now();
        if (!now.equals(t)) {
            throw world.setUpFailure("the target's clock after setting it", t, now);
        }
    }

    @When("the clock is set to {string}")
    public void setTo(String at) {
        world.control().set(Instant.parse(at));
    }

    @When("{duration} pass(es) after the detection")
    public void afterDetection(Duration d) {
        moveTo(world.detection.plus(d), "detection at " + world.detection + " + " + d);
    }

    void moveTo(Instant target, String what) {
        Instant now = world.now();
        if (now.isAfter(target)) {
            throw world.setUpFailure("the clock before moving to " + what, "at most " + target, now);
        }
        world.control().set(target);
    }
}
