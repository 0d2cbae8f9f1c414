package dev.lockscope.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a script step can see, innermost block first: its block's, the enclosing blocks', its function's
 * parameters, and the script's globals (locks, primitives, their cancel functions, constants, functions). A name
 * is visible from its declaration to the end of its block, as in Go; an inner block may declare a name again.
 */
final class Scope {
    /** A name: its type, whether it is a constant, and a function's parameters. */
    record Entry(String name, GoType type, boolean constant, List<ScriptSpec.ParamSpec> params) {}

    private final Scope parent;
    private final Map<String, Entry> names = new LinkedHashMap<>();

    Scope(Scope parent) {
        this.parent = parent;
    }

    Scope child() {
        return new Scope(this);
    }

    Entry find(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Entry e = s.names.get(name);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** Declares {@code name} in this block; a second declaration in the same block is an error, as in Go. */
    void declare(String name, GoType type) {
        declare(new Entry(name, type, false, List.of()));
    }

    void declare(Entry entry) {
        if (entry.name().equals("_")) {
            return;
        }
        if (names.containsKey(entry.name())) {
            throw new StepParser.Problem(entry.name() + " is declared already in this block");
        }
        names.put(entry.name(), entry);
    }

    /** Whether {@code name} is declared in this very block. */
    boolean declaresHere(String name) {
        return names.containsKey(name);
    }

    /** The visible names whose kind is one of {@code kinds}, innermost first, each once: for error messages. */
    List<String> namesOf(GoType.Kind... kinds) {
        List<String> out = new ArrayList<>();
        List<GoType.Kind> wanted = List.of(kinds);
        for (Scope s = this; s != null; s = s.parent) {
            for (Entry e : s.names.values()) {
                if (wanted.contains(e.type().kind()) && !out.contains(e.name())) {
                    out.add(e.name());
                }
            }
        }
        return out;
    }
}
