package dev.lockscope.cli;

import picocli.CommandLine.Option;

/** {@code --progress} / {@code --no-progress}: whether long commands draw a progress bar on stderr. */
final class ProgressOption {
    @Option(names = "--progress", negatable = true, description = "Show a progress bar on stderr (default: only "
            + "when the terminal is interactive).")
    Boolean progress;

    /** Asked for, or by default when the command runs on a terminal. */
    boolean shown() {
        if (progress != null) {
            return progress;
        }
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
