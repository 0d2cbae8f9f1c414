package dev.lockscope.cli;

import dev.lockscope.scenario.BuiltinScenarios;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scenarios}: the built-in scenarios, one line each. */
@Command(name = "scenarios", description = "Lists the built-in scenarios.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        var entries = BuiltinScenarios.list();
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (var e : entries) {
            out.printf("%-" + width + "s  %s%n", e.name(), e.description());
        }
        return 0;
    }
}
