package dev.lockscope.cli;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.Quote;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The options of {@code run} that override the scenario file. */
final class Overrides {
    @Option(names = "--seed", paramLabel = "N", description = "Seed for jitter (overrides the file).")
    Long seed;

    @Option(names = "--strategy", paramLabel = "S",
            description = "Broadcast strategy: sequential, goroutine-per-send, parallel-wait, snapshot, member-queue.")
    String strategy;

    @Option(names = "--lock", paramLabel = "L", description = "Lock semantics: go-rwmutex, reader-preferring, fair.")
    String lock;

    @Option(names = "--duration", paramLabel = "MS", description = "Virtual duration in milliseconds.")
    String durationMs;

    Scenario apply(Scenario s) throws InputException {
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (lock != null) {
            LockSemantics l = LockSemantics.ofId(lock);
            if (l == null) {
                throw bad("--lock", lock, Arrays.stream(LockSemantics.values()).map(LockSemantics::id));
            }
            s = s.withLock(l);
        }
        if (strategy != null) {
            Strategy st = Strategy.ofId(strategy);
            if (st == null) {
                throw bad("--strategy", strategy, Arrays.stream(Strategy.values()).map(Strategy::id));
            }
            if (!(s.body() instanceof RoomSpec room)) {
                throw new InputException("command line", 0, "--strategy", "applies to rooms only, and "
                        + s.name() + " is a script");
            }
            s = s.withBody(room.withStrategy(st));
        }
        if (durationMs != null) {
            s = s.withDurationNs(durationNs(durationMs));
        }
        return s;
    }

    /** The --duration in nanoseconds, by the rule of every time in a file ({@link JsonFields#nanosProblem}). */
    private static long durationNs(String text) throws InputException {
        BigDecimal ms = JsonFields.decimal(text);
        if (ms == null || ms.signum() <= 0) {
            throw new InputException("command line", 0, "--duration", "expected a number of milliseconds > 0, got "
                    + Quote.of(text));
        }
        Long ns = JsonFields.exactNanos(ms);
        if (ns == null) {
            throw new InputException("command line", 0, "--duration", JsonFields.nanosProblem(ms) + ", got "
                    + Quote.shorten(text));
        }
        return ns;
    }

    private static InputException bad(String option, String value, java.util.stream.Stream<String> allowed) {
        return new InputException("command line", 0, option, "expected one of "
                + allowed.collect(Collectors.joining(", ")) + ", got \"" + value + "\"");
    }
}
