package dev.lockscope.sweep;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonDocuments;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioSource;
import dev.lockscope.scenario.TimedCommand;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads sweep files (docs/sweeps.md). Every problem is one {@link InputException} naming the file, line and
 * field, like scenario files.
 */
public final class SweepJson {
    private static final int MAX_BYTES = 1 << 20;
    private static final int MAX_RUNS = 100_000;
    private static final JsonTree.Limits LIMITS = new JsonTree.Limits(16, 10_000, 10_000);

    private SweepJson() {}

    public static SweepSpec read(Path file) throws InputException {
        return read(file.toString(), JsonDocuments.readText(file, MAX_BYTES), file.toAbsolutePath().getParent());
    }

    /**
     * The scenario file that the sweep file {@code file} names, when it names a file rather than a built-in: an
     * input of the sweep as much as the sweep file is. The file is read again; call after {@link #read(Path)}.
     */
    public static Optional<Path> scenarioFile(Path file) throws InputException {
        String source = file.toString();
        JsonFields f = JsonFields.of(source, "", JsonDocuments.parse(source, JsonDocuments.readText(file, MAX_BYTES),
                LIMITS));
        return ScenarioSource.file(f.nonEmptyString("scenario"), file.toAbsolutePath().getParent());
    }

    /** Parses sweep text; a relative scenario path is resolved against {@code dir}. */
    public static SweepSpec read(String source, String text, Path dir) throws InputException {
        JsonValue root = JsonDocuments.parse(source, text, LIMITS);
        JsonFields f = JsonFields.of(source, "", root);
        f.allowOnly(List.of("name", "scenario", "seeds", "durationMs", "grid"));
        String name = f.nonEmptyString("name");
        Scenario base = loadScenario(f, dir);
        base = base.withDurationNs(f.nanos("durationMs", base.durationNs(), true));
        List<Long> seeds = seeds(f, base);
        List<SweepSpec.Axis> axes = axes(f, base);
        // Counted in a long that stops growing past the limit: the product of many axes overflows even a long.
        long runs = seeds.size();
        for (SweepSpec.Axis a : axes) {
            runs = Math.min(runs * a.values().size(), MAX_RUNS + 1L);
        }
        if (runs > MAX_RUNS) {
            throw f.failAt("grid", "expected at most " + MAX_RUNS + " runs (cells times seeds), got more: "
                    + describeRuns(axes, seeds.size()));
        }
        return new SweepSpec(name, base, axes, seeds);
    }

    /** "200 values × 300 values × 5 seeds", the sizes whose product is the number of runs. */
    private static String describeRuns(List<SweepSpec.Axis> axes, int seeds) {
        StringBuilder sb = new StringBuilder();
        for (SweepSpec.Axis a : axes) {
            sb.append(a.values().size()).append(' ').append(a.parameter()).append(" × ");
        }
        return sb.append(seeds).append(seeds == 1 ? " seed" : " seeds").toString();
    }

    private static Scenario loadScenario(JsonFields f, Path dir) throws InputException {
        String ref = f.nonEmptyString("scenario");
        try {
            return ScenarioSource.load(ref, dir);
        } catch (InputException e) {
            throw f.failAt("scenario", "cannot load " + ref + ": " + e.getMessage());
        }
    }

    private static List<Long> seeds(JsonFields f, Scenario base) throws InputException {
        var value = f.value("seeds");
        if (value.isEmpty()) {
            return List.of(base.seed());
        }
        if (value.get() instanceof JsonValue.Num n) {
            long count = f.integer("seeds", 1, 1);
            if (count > 1000) {
                throw f.failAt("seeds", "expected at most 1000 seeds, got " + n.describe());
            }
            List<Long> seeds = new ArrayList<>();
            for (long s = 1; s <= count; s++) {
                seeds.add(s);
            }
            return seeds;
        }
        List<Long> seeds = new ArrayList<>();
        List<JsonValue> items = f.array("seeds");
        for (int i = 0; i < items.size(); i++) {
            Long seed = items.get(i) instanceof JsonValue.Num n ? JsonFields.exactLong(n.value()) : null;
            if (seed == null) {
                throw new InputException(f.source(), items.get(i).line(), "seeds[" + i + "]",
                        "expected an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", got "
                                + items.get(i).describe());
            }
            seeds.add(seed);
        }
        if (seeds.isEmpty()) {
            throw f.failAt("seeds", "expected a count >= 1 or a non-empty list of seeds");
        }
        return seeds;
    }

    private static List<SweepSpec.Axis> axes(JsonFields f, Scenario base) throws InputException {
        var grid = f.object("grid");
        if (grid.isEmpty()) {
            return List.of();
        }
        JsonFields g = grid.get();
        List<SweepSpec.Axis> axes = new ArrayList<>();
        for (String parameter : g.names()) {
            List<JsonValue> items = g.array(parameter);
            if (items.isEmpty()) {
                throw g.failAt(parameter, "expected a non-empty list of values");
            }
            List<Setting> settings = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                settings.add(setting(g, parameter, i, items.get(i), base));
            }
            axes.add(new SweepSpec.Axis(parameter, settings));
        }
        return axes;
    }

    private static Setting setting(JsonFields g, String parameter, int i, JsonValue v, Scenario base)
            throws InputException {
        String field = g.pathOf(parameter) + "[" + i + "]";
        boolean room = base.body() instanceof RoomSpec;
        if (!room && !parameter.equals("lock") && !parameter.equals("durationMs")) {
            throw new InputException(g.source(), v.line(), g.pathOf(parameter),
                    "only lock and durationMs apply to a script scenario");
        }
        String[] parts = parameter.split(":", 2);
        return switch (parts[0]) {
            case "strategy" -> new Setting.StrategySetting(choice(g, field, v, Arrays.stream(Strategy.values())
                    .collect(Collectors.toMap(Strategy::id, s -> s, (a, b) -> a, java.util.LinkedHashMap::new))));
            case "lock" -> new Setting.LockSetting(choice(g, field, v, Arrays.stream(LockSemantics.values())
                    .collect(Collectors.toMap(LockSemantics::id, s -> s, (a, b) -> a, java.util.LinkedHashMap::new))));
            case "broadcastPeriodMs" -> new Setting.PeriodSetting(nanos(g, field, v, true));
            case "durationMs" -> new Setting.DurationSetting(nanos(g, field, v, true));
            case "reloadAfterNoUpdateMs" -> new Setting.ReloadSetting(nanos(g, field, v, false));
            case "members" -> new Setting.MemberCountSetting(count(g, field, v));
            case "latencyMs", "jitterMs" -> {
                if (parts.length < 2 || !memberExists(base, parts[1])) {
                    throw new InputException(g.source(), v.line(), g.pathOf(parameter), "expected " + parts[0]
                            + ":NAME with NAME an initial member or a member that joins, got " + parameter);
                }
                yield new Setting.MemberNetworkSetting(parts[1], parts[0].equals("jitterMs"), nanos(g, field, v, false));
            }
            default -> throw new InputException(g.source(), v.line(), g.pathOf(parameter),
                    "unknown parameter (expected strategy, lock, broadcastPeriodMs, durationMs, "
                            + "reloadAfterNoUpdateMs, members, latencyMs:NAME or jitterMs:NAME)");
        };
    }

    private static boolean memberExists(Scenario base, String member) {
        RoomSpec room = (RoomSpec) base.body();
        return room.members().stream().anyMatch(m -> m.name().equals(member))
                || room.events().stream().map(TimedCommand::command)
                .anyMatch(c -> c instanceof Command.Join j && j.member().equals(member));
    }

    private static <E> E choice(JsonFields g, String field, JsonValue v, Map<String, E> byId) throws InputException {
        if (v instanceof JsonValue.Str s && byId.containsKey(s.value())) {
            return byId.get(s.value());
        }
        throw new InputException(g.source(), v.line(), field, "expected one of " + String.join(", ", byId.keySet())
                + ", got " + v.describe());
    }

    private static long nanos(JsonFields g, String field, JsonValue v, boolean positive) throws InputException {
        if (v instanceof JsonValue.Num n && (positive ? n.value().signum() > 0 : n.value().signum() >= 0)) {
            Long ns = JsonFields.exactNanos(n.value());
            if (ns != null) {
                return ns;
            }
            throw new InputException(g.source(), v.line(), field, JsonFields.nanosProblem(n.value()) + ", got "
                    + v.describe());
        }
        throw new InputException(g.source(), v.line(), field, "expected a number of milliseconds "
                + (positive ? "> 0" : ">= 0") + ", got " + v.describe());
    }

    private static int count(JsonFields g, String field, JsonValue v) throws InputException {
        if (v instanceof JsonValue.Num n && n.value().stripTrailingZeros().scale() <= 0
                && n.value().compareTo(BigDecimal.ONE) >= 0 && n.value().compareTo(BigDecimal.valueOf(10_000)) <= 0) {
            return n.value().intValueExact();
        }
        throw new InputException(g.source(), v.line(), field, "expected a whole number from 1 to 10000, got "
                + v.describe());
    }
}
