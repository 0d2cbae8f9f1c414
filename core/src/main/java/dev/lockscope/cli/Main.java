package dev.lockscope.cli;

import dev.lockscope.io.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar lockscope-cli.jar <command>}. Exit codes: 0 success, 1 an internal or I/O
 * failure (running out of memory included), 2 bad input (a scenario, trace or option), always with one line on
 * stderr and no stack trace.
 */
@Command(name = "lockscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs Go lock scenarios in deterministic virtual time and analyses their traces.",
        subcommands = {RunCommand.class, StatsCommand.class, CheckCommand.class, ReplayCommand.class, ExportCommand.class,
                SweepCommand.class,
                ScenariosCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("lockscope: " + ex.getMessage() + " (see 'lockscope "
                    + (ex.getCommandLine().getCommandName().equals("lockscope") ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputException) {
                err.println("lockscope: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.IOException io) {
                err.println("lockscope: " + describe(io));
                return 1;
            }
            err.println("lockscope: internal error: " + ex);
            return 1;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // The command's data is garbage once its stack has unwound: there is room again for one line.
            err.println(outOfMemory(args, Runtime.getRuntime().maxMemory()));
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** One line for a command that ran out of heap: which command, how much heap, what to do. */
    static String outOfMemory(String[] args, long maxHeapBytes) {
        return "lockscope: out of memory running '" + String.join(" ", args) + "' in a Java heap of "
                + (maxHeapBytes >> 20) + " MB; run it with a larger heap (JAVA_TOOL_OPTIONS=-Xmx4g lockscope ...), "
                + "or give it a smaller input";
    }

    private static String describe(java.io.IOException e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException n -> n.getFile() + ": no such file or directory";
            case java.nio.file.AccessDeniedException a -> a.getFile() + ": permission denied";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }
}
