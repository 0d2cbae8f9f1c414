import dev.lockscope.analysis.*;
import dev.lockscope.room.Strategy;
import dev.lockscope.run.*;
import dev.lockscope.scenario.Scenario;

/**
 * The "simulated" column of README.md, until the CLI has `run SCENARIO.json --json`: the five hand-example
 * variants through the simulator (test-scope scenario builder + SummaryAnalyzer), one summary JSON each.
 *
 *   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q -DskipTests package   # also compiles test classes
 *   cd core && $JAVA_HOME/bin/java -cp target/lockscope-cli.jar:target/test-classes \
 *       ../tools/go-harness/simfigures/SimFigures.java
 */
public class SimFigures {
    public static void main(String[] a) throws Exception {
        for (Strategy s : Strategy.values()) {
            Scenario sc = Scenarios.room().member("a", 20).member("b", 30).member("c", 600).period(200).duration(3000)
                .strategy(s).join(1010, "d", 10).build();
            SummaryAnalyzer an = new SummaryAnalyzer("hand-example-" + s.id(), sc.durationNs());
            Simulation.run(sc, an);
            System.out.println(SummaryJson.write(an.summary()));
        }
    }
}
