package dev.lockscope.cli;

import dev.lockscope.io.FileProblem;
import dev.lockscope.io.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code java -jar lockscope-cli.jar <command>}. Exit codes: 0 success; 2 bad input (a
 * scenario, trace or option), with one line on stderr and no stack trace; 1 an I/O failure (one line naming the
 * file) or an internal error (a bug); 3 a {@code replay --verify} mismatch; 130 stopped by Ctrl-C and 143 by
 * SIGTERM (128 + the signal's number, see {@link StopSignal}).
 */
@Command(name = "lockscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        // Inherited, so that every subcommand has -h/--help (usage, exit 0) before its required options are checked.
        scope = CommandLine.ScopeType.INHERIT,
        description = "Runs Go lock scenarios in deterministic virtual time and analyses their traces.",
        subcommands = {RunCommand.class, StatsCommand.class, CheckCommand.class, ReplayCommand.class, ExportCommand.class,
                ImportCommand.class, DeriveCommand.class,
                SweepCommand.class,
                ScenariosCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** The exit code of a command stopped by a signal, when the JVM does not set it itself (in tests). */
    static final int STOPPED = 130;

    private final StopSignal stop;

    private Main(StopSignal stop) {
        this.stop = stop;
    }

    /** Ctrl-C and SIGTERM reach the command that runs. */
    StopSignal stop() {
        return stop;
    }

    public static void main(String[] args) {
        StopSignal stop = StopSignal.installed();
        int code;
        try {
            code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), stop);
        } finally {
            stop.finished();
        }
        // After a signal the JVM is already exiting with the signal's status, and this call just waits for it.
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, new StopSignal());
    }

    /** Like {@link #execute(String[], PrintWriter, PrintWriter)}, with {@code stop} standing for the signals. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, StopSignal stop) {
        CommandLine cli = new CommandLine(new Main(stop));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("lockscope: " + ex.getMessage() + " (see 'lockscope "
                    + (ex.getCommandLine().getCommandName().equals("lockscope") ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable problem = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            if (problem instanceof InputException) {
                err.println("lockscope: " + problem.getMessage());
                return 2;
            }
            if (problem instanceof IOException io) {
                err.println("lockscope: " + FileProblem.line(io));
                return 1;
            }
            err.println("lockscope: internal error: " + ex);
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
