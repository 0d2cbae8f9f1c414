package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.Quote;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a strategy program (docs/scenario-format.md, "Strategy programs"): a JSON object {@code {"strategy": ID,
 * "description": ..., "funcs": [...]}} whose functions are a script's ({@code name}, {@code params}, {@code steps}),
 * {@code Broadcast(msg Message)} and, for a strategy that uses outboxes, {@code writeLoop(m *Member)}. Their steps
 * are read by the script reader against the room's words ({@link StrategySpec#WORDS}); this class checks what is the
 * room's to ask: the id, the two functions and their parameters, and that an outbox has a writer. Every error names
 * the source, the line, the field ({@code funcs[0].steps[2]}) and what was expected.
 */
final class StrategyReader {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final JsonFields root;

    StrategyReader(JsonFields root) {
        this.root = root;
    }

    StrategySpec read(JsonValue program) throws InputException {
        root.allowOnly(List.of("strategy", "description", "funcs"));
        String id = root.string("strategy");
        if (!ID.matcher(id).matches()) {
            throw root.failAt("strategy", "expected the strategy's id (lower-case letters, digits and -), got "
                    + Quote.of(id));
        }
        String description = root.has("description") ? root.string("description").strip() : "";
        List<JsonValue> funcs = root.array("funcs");
        if (funcs.isEmpty() || funcs.size() > 2) {
            throw root.failAt("funcs", "expected Broadcast, and for a strategy that uses outboxes writeLoop, got "
                    + funcs.size() + " functions");
        }
        List<ScriptSpec.FuncSpec> read = new ArrayList<>();
        read.add(function(funcs, 0, "Broadcast", "msg", "Message"));
        if (funcs.size() == 2) {
            read.add(function(funcs, 1, "writeLoop", "m", "*Member"));
        } else if (sendsToAnOutbox(read.getFirst().steps())) {
            throw root.failAt("funcs", "m.outbox <- msg needs a writer: add the function writeLoop after Broadcast");
        }
        return new StrategySpec(id, description, program, read);
    }

    /** Function {@code i}: {@code name}, with the one parameter the room passes it, and its steps. */
    private ScriptSpec.FuncSpec function(List<JsonValue> funcs, int i, String name, String param, String type)
            throws InputException {
        JsonFields f = JsonFields.of(root.source(), root.pathOf("funcs") + "[" + i + "]", funcs.get(i));
        f.allowOnly(List.of("name", "params", "steps"));
        String given = f.string("name");
        if (!given.equals(name)) {
            throw f.failAt("name", "expected " + Quote.of(name) + (i == 0 ? " (the first function)"
                    : " (the second function, the writer of an outbox strategy)") + ", got " + Quote.of(given));
        }
        String text = param + " " + type;
        List<JsonValue> params = f.array("params");
        if (params.size() != 1 || !(params.getFirst() instanceof JsonValue.Str s)
                || !s.value().strip().replaceAll("\\s+", " ").equals(text)) {
            throw f.failAt("params", "expected [" + Quote.of(text) + "] (what the room passes " + name + ")");
        }
        List<ScriptSpec.ParamSpec> signature = List.of(new ScriptSpec.ParamSpec(text, param,
                StrategySpec.WORDS.types().get(type)));
        return new ScriptSpec.FuncSpec(name, signature,
                ScriptReader.worldSteps(f, StrategySpec.WORDS, name, signature));
    }

    private static boolean sendsToAnOutbox(List<ScriptSpec.Step> steps) {
        for (ScriptSpec.Step s : steps) {
            boolean found = switch (s) {
                case ScriptSpec.Simple simple -> simple.stmt() instanceof Stmt.Send send
                        && send.chan().endsWith(".outbox");
                case ScriptSpec.ForStep f -> sendsToAnOutbox(f.body());
                case ScriptSpec.IfStep i -> sendsToAnOutbox(i.then()) || sendsToAnOutbox(i.otherwise());
                case ScriptSpec.GoBlock g -> sendsToAnOutbox(g.body());
                case ScriptSpec.DeferBlock d -> sendsToAnOutbox(d.body());
                case ScriptSpec.SelectStep sel -> sel.cases().stream().anyMatch(c -> c.comm() instanceof Stmt.Send send
                                && send.chan().endsWith(".outbox") || sendsToAnOutbox(c.body()))
                        || sel.otherwise() != null && sendsToAnOutbox(sel.otherwise());
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }
}
