package dev.lockscope.scenario;

import dev.lockscope.model.Command;
import java.util.Objects;
/** A command a scenario applies at virtual time {@code atNs}. */
public record TimedCommand(long atNs, Command command) {
    public TimedCommand {
        Objects.requireNonNull(command, "command");
        if (atNs < 0) {
            throw new IllegalArgumentException("atNs must be >= 0: " + atNs);
        }
    }
}
