package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.Quote;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the step strings of a script goroutine: {@code lock X}, {@code unlock X}, {@code rlock X},
 * {@code runlock X}, {@code sleep MS}. Words are case-sensitive; spaces and tabs around and between them are
 * ignored. A step must name a declared lock, and the read verbs need an rwmutex.
 */
final class ScriptSteps {
    private static final Pattern LOCK = Pattern.compile("\\s*(lock|unlock|rlock|runlock)\\s+(\\S+)\\s*");
    private static final Pattern SLEEP = Pattern.compile("\\s*sleep\\s+(\\S+)\\s*");
    private static final String SYNTAX = "expected \"lock X\", \"unlock X\", \"rlock X\", \"runlock X\" or \"sleep MS\"";

    private final String source;
    private final Map<String, LockKind> locks;

    /** @param locks the script's locks by name, in declaration order */
    ScriptSteps(String source, Map<String, LockKind> locks) {
        this.source = source;
        this.locks = locks;
    }

    /** Parses {@code text}; {@code path} and {@code line} place errors. */
    ScriptSpec.Step parse(String text, String path, int line) throws InputException {
        Matcher lock = LOCK.matcher(text);
        if (lock.matches()) {
            return lockStep(text, lock.group(1), lock.group(2), path, line);
        }
        Matcher sleep = SLEEP.matcher(text);
        if (sleep.matches()) {
            return new ScriptSpec.SleepStep(text, sleepNanos(sleep.group(1), path, line));
        }
        throw new InputException(source, line, path, SYNTAX + ", got " + Quote.of(text));
    }

    private ScriptSpec.Step lockStep(String text, String verb, String name, String path, int line)
            throws InputException {
        LockKind kind = locks.get(name);
        if (kind == null) {
            throw new InputException(source, line, path, "unknown lock " + Quote.of(name)
                    + " (declared: " + String.join(", ", locks.keySet()) + ")");
        }
        boolean read = verb.startsWith("r");
        if (read && kind == LockKind.MUTEX) {
            throw new InputException(source, line, path,
                    verb + " needs an rwmutex, but " + name + " is a mutex");
        }
        boolean acquire = verb.equals("lock") || verb.equals("rlock");
        return new ScriptSpec.LockStep(text, name, read ? Mode.READ : Mode.WRITE, acquire);
    }

    private long sleepNanos(String ms, String path, int line) throws InputException {
        BigDecimal value = JsonFields.decimal(ms);
        if (value == null) {
            throw new InputException(source, line, path, "expected sleep MS with MS a number >= 0, got "
                    + Quote.of(ms));
        }
        if (value.signum() < 0) {
            throw new InputException(source, line, path, "expected a number >= 0, got " + Quote.shorten(ms));
        }
        Long ns = JsonFields.exactNanos(value);
        if (ns == null) {
            throw new InputException(source, line, path, "sleep: " + JsonFields.nanosProblem(value) + ", got "
                    + Quote.shorten(ms));
        }
        return ns;
    }
}
