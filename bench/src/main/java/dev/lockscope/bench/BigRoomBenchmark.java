package dev.lockscope.bench;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code big-room} built-in (500 members, a broadcast every 10 ms, 120 s of virtual time: 6 million member
 * sends) simulated in-process into the summary analyzer, as {@code run --json} does. Single shot, so each
 * measurement is a whole run; the first one in each fork is cold.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BigRoomBenchmark {
    @Param({"goroutine-per-send", "sequential"})
    public String strategy;

    private Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() {
        Scenario big = BuiltinScenarios.byName("big-room").orElseThrow();
        scenario = big.withBody(((RoomSpec) big.body()).withStrategy(Strategy.ofId(strategy)));
    }

    /** Returns deliveries so the work cannot be optimized away; divide 6,000,000 sends by the time. */
    @Benchmark
    public long simulate() throws Exception {
        SummaryAnalyzer analyzer = new SummaryAnalyzer(scenario.name(), scenario.durationNs());
        Simulation.run(scenario, analyzer);
        return analyzer.summary().delivery().count();
    }
}
