package dev.lockscope.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.sim.Kernel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the shape of core (docs/architecture.md): its packages form no cycle, plain data sits at the bottom,
 * and the kernel knows goroutines, time, locks and Go's other synchronisation primitives but no world built on it.
 */
class PackageCyclesTest {
    private static PackageGraph graph;

    @BeforeAll
    static void readCompiledCore() throws URISyntaxException {
        Path classes = Path.of(Kernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        graph = PackageGraph.read(classes, "dev.lockscope");
    }

    @Test
    void coreHasNoPackageCycle() {
        assertThat(graph.edges()).containsKeys("model", "event", "sim", "lock", "prim", "run", "trace.store");
        assertThat(graph.cycles()).as("package cycles in core").isEmpty();
    }

    @Test
    void plainDataUsesNoOtherPackage() {
        assertThat(graph.uses("model")).isEmpty();
        assertThat(graph.uses("util")).isEmpty();
        assertThat(graph.uses("event")).containsOnly("model");
    }

    @Test
    void kernelKnowsOnlyEventsLocksPrimitivesAndPlainData() {
        assertThat(graph.uses("sim")).isSubsetOf("event", "lock", "prim", "model", "util");
        // Primitives sit beside locks (a Cond is bound to one): below the kernel, above the events.
        assertThat(graph.uses("prim")).isSubsetOf("event", "lock", "model", "util");
        assertThat(graph.uses("lock")).isSubsetOf("event", "model", "util");
    }

    @Test
    void cycleFinderReportsTheCycleItFinds() {
        // The finder itself, on a graph with a known cycle, so that an empty answer above means something.
        PackageGraph classes = PackageGraph.read(testClasses(), "dev.lockscope.architecture.fixture");
        assertThat(classes.cycles()).containsExactly(List.of("a", "b", "c", "a"));
        assertThat(classes.edges()).isEqualTo(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d",
                Set.of("a")));
    }

    private static Path testClasses() {
        try {
            return Path.of(PackageCyclesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
