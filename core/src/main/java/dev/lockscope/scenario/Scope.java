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
    private final Vocabulary vocabulary;
    private final Map<String, Entry> names = new LinkedHashMap<>();
    /** Whether a {@code break} here has a loop or select to leave, and a {@code continue} a loop to go on with. */
    private final boolean canBreak;
    private final boolean canContinue;

    Scope(Scope parent) {
        this(parent, parent != null && parent.canBreak, parent != null && parent.canContinue);
    }

    private Scope(Scope parent, boolean canBreak, boolean canContinue) {
        this.parent = parent;
        this.vocabulary = parent == null ? null : parent.vocabulary;
        this.canBreak = canBreak;
        this.canContinue = canContinue;
    }

    /** The outermost scope of a world's program: the world's names. */
    Scope(Vocabulary vocabulary) {
        this.parent = null;
        this.vocabulary = vocabulary;
        this.canBreak = false;
        this.canContinue = false;
        vocabulary.globals().forEach(this::declare);
    }

    Scope child() {
        return new Scope(this);
    }

    /** A loop's body: {@code break} and {@code continue} apply to the loop. */
    Scope loopBody() {
        return new Scope(this, true, true);
    }

    /** A select case's body: {@code break} leaves the select; {@code continue} is the enclosing loop's, if any. */
    Scope caseBody() {
        return new Scope(this, true, canContinue);
    }

    /** A closure's body ({@code go}, {@code defer} blocks): no loop or select of the enclosing function applies. */
    Scope funcBody() {
        return new Scope(this, false, false);
    }

    boolean canBreak() {
        return canBreak;
    }

    boolean canContinue() {
        return canContinue;
    }

    /** The world's names and verbs, or null in a script. */
    Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * The type of {@code name}, which may be a field of a world's value ({@code m.conn}, {@code m.outbox}); null
     * when it names nothing.
     */
    GoType typeOf(String name) {
        Entry e = find(name);
        if (e != null) {
            return e.type();
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || vocabulary == null) {
            return null;
        }
        GoType base = typeOf(name.substring(0, dot));
        return base == null ? null : vocabulary.field(base, name.substring(dot + 1));
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

    /** Whether {@code name} resolves to the outermost scope: a script's global (a declared channel, a lock, ...). */
    boolean isGlobal(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.names.containsKey(name)) {
                return s.parent == null;
            }
        }
        return false;
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
