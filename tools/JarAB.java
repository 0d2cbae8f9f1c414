import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before/after on one machine: runs the same work with two builds of the CLI jar in one JVM, alternating which goes
 * first each round, and prints the median and minimum CPU time of the working thread (steadier than wall time on a
 * shared machine), its allocated bytes, and the median wall time. The first rounds are warm-up.
 *
 * <pre>
 * java tools/JarAB.java sim  BEFORE.jar AFTER.jar ROUNDS          # big-room simulated into the summary analyzer
 * java tools/JarAB.java read BEFORE.jar AFTER.jar TRACE ROUNDS    # TraceReader.read(TRACE, new TraceStore())
 * java tools/JarAB.java load BEFORE.jar AFTER.jar TRACE ROUNDS    # TraceReader.load(TRACE, new TraceStore()):
 *                                                                 # the lab's load, parsing on a second thread,
 *                                                                 # so compare its wall time
 * </pre>
 */
public class JarAB {
    interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        boolean sim = args[0].equals("sim");
        if (!List.of("sim", "read", "load").contains(args[0])) {
            System.err.println("usage: java tools/JarAB.java sim|read|load BEFORE.jar AFTER.jar [TRACE] ROUNDS");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[args.length - 1]);
        Work[] work = {work(args[0], Path.of(args[1]), sim ? null : Path.of(args[3])),
                work(args[0], Path.of(args[2]), sim ? null : Path.of(args[3]))};
        String[] names = {"before", "after"};
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, List<long[]>> times = new LinkedHashMap<>();
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < 2; k++) {
                int w = (i + k) % 2;
                System.gc();
                long c0 = mx.getCurrentThreadCpuTime();
                long a0 = mx.getCurrentThreadAllocatedBytes();
                long w0 = System.nanoTime();
                work[w].run();
                long[] m = {mx.getCurrentThreadCpuTime() - c0, mx.getCurrentThreadAllocatedBytes() - a0,
                        System.nanoTime() - w0};
                if (i >= Math.min(2, rounds - 1)) {
                    times.computeIfAbsent(names[w], x -> new ArrayList<>()).add(m);
                }
            }
        }
        times.forEach((name, ms) -> {
            List<Long> cpu = ms.stream().map(m -> m[0]).sorted().toList();
            List<Long> wall = ms.stream().map(m -> m[2]).sorted().toList();
            System.out.printf("%-6s CPU median %8.1f ms, min %8.1f ms; wall median %8.1f ms; allocated %,d MB; n=%d%n",
                    name, cpu.get(cpu.size() / 2) / 1e6, cpu.get(0) / 1e6, wall.get(wall.size() / 2) / 1e6,
                    ms.get(0)[1] >> 20, cpu.size());
        });
    }

    private static Work work(String kind, Path jar, Path trace) throws Exception {
        ClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> sink = cl.loadClass("dev.lockscope.event.EventSink");
        if (kind.equals("read")) {
            Class<?> store = cl.loadClass("dev.lockscope.trace.store.TraceStore");
            Method read = cl.loadClass("dev.lockscope.trace.TraceReader").getMethod("read", Path.class, sink);
            return () -> read.invoke(null, trace, store.getConstructor().newInstance());
        }
        if (kind.equals("load")) {
            Class<?> store = cl.loadClass("dev.lockscope.trace.store.TraceStore");
            Method load = cl.loadClass("dev.lockscope.trace.TraceReader").getMethod("load", Path.class, store);
            return () -> load.invoke(null, trace, store.getConstructor().newInstance());
        }
        Class<?> scenario = cl.loadClass("dev.lockscope.scenario.Scenario");
        Class<?> analyzer = cl.loadClass("dev.lockscope.analysis.SummaryAnalyzer");
        Method byName = cl.loadClass("dev.lockscope.scenario.BuiltinScenarios").getMethod("byName", String.class);
        Method run = cl.loadClass("dev.lockscope.run.Simulation").getMethod("run", scenario, sink);
        return () -> {
            Object s = ((Optional<?>) byName.invoke(null, "big-room")).orElseThrow();
            Object a = analyzer.getConstructor(String.class, long.class).newInstance(
                    scenario.getMethod("name").invoke(s), scenario.getMethod("durationNs").invoke(s));
            run.invoke(null, s, a);
            analyzer.getMethod("summary").invoke(a);
        };
    }
}
