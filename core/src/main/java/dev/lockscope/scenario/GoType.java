package dev.lockscope.scenario;

import java.util.Objects;

/**
 * The Go type of a name in a script: what it may be used for, checked when the script is read. A channel has an
 * element type (whose zero value a receive from a closed channel gives) and a direction; a slice an element type. A
 * world that runs programs (the room) adds types of its own by name ({@link Vocabulary}): {@code Message},
 * {@code *Member}.
 *
 * @param elem a channel's or slice's element type, else {@code null}
 * @param dir  a channel's direction, else {@link Dir#BOTH}
 * @param name a world type's name ({@link Kind#WORLD}), else {@code null}
 */
public record GoType(Kind kind, GoType elem, Dir dir, String name) {

    /** The kinds of value a script can name. */
    public enum Kind {
        MUTEX, RWMUTEX, CHAN, WAITGROUP, COND, ONCE, CONTEXT, CANCEL, TIMER, TICKER, AFTERFUNC, INT, STRING, BOOL,
        STRUCT, ERROR, TIME, FUNC, SLICE, WORLD;

        /** Whether a value of this kind is a lock or primitive, which a goroutine may act on. */
        public boolean isObject() {
            return switch (this) {
                case INT, STRING, BOOL, STRUCT, ERROR, TIME, FUNC, SLICE, WORLD -> false;
                default -> true;
            };
        }
    }

    /** A channel's direction: {@code chan T}, {@code chan<- T} (send only) or {@code <-chan T} (receive only). */
    public enum Dir { BOTH, SEND, RECV }

    public static final GoType INT = simple(Kind.INT);
    public static final GoType STRING = simple(Kind.STRING);
    public static final GoType BOOL = simple(Kind.BOOL);
    public static final GoType STRUCT = simple(Kind.STRUCT);
    public static final GoType ERROR = simple(Kind.ERROR);
    public static final GoType TIME = simple(Kind.TIME);

    public GoType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dir, "dir");
        if ((kind == Kind.CHAN || kind == Kind.SLICE) != (elem != null)) {
            throw new IllegalArgumentException("a channel or slice and only they have an element type");
        }
        if ((kind == Kind.WORLD) != (name != null)) {
            throw new IllegalArgumentException("a world type and only it has a name");
        }
    }

    public static GoType simple(Kind kind) {
        return new GoType(kind, null, Dir.BOTH, null);
    }

    public static GoType chan(GoType elem, Dir dir) {
        return new GoType(Kind.CHAN, elem, dir, null);
    }

    /** {@code []elem}. */
    public static GoType slice(GoType elem) {
        return new GoType(Kind.SLICE, elem, Dir.BOTH, null);
    }

    /** A world's type, by the name Go writes: {@code Message}, {@code *Member}. */
    public static GoType world(String name) {
        return new GoType(Kind.WORLD, null, Dir.BOTH, name);
    }

    /** The zero value of a value type: {@code 0}, {@code ""}, {@code false}, {@code struct{}{}}, {@code nil}. */
    public Object zero() {
        return switch (kind) {
            case INT, TIME -> 0L;
            case STRING -> "";
            case BOOL -> Boolean.FALSE;
            case STRUCT -> Values.STRUCT;
            default -> null;
        };
    }

    /** Whether a value of type {@code from} may be used where this type is expected. */
    public boolean accepts(GoType from) {
        if (kind == Kind.CHAN && from.kind == Kind.CHAN) {
            return elem.equals(from.elem) && (dir == Dir.BOTH ? from.dir == Dir.BOTH : from.dir == Dir.BOTH || from.dir == dir);
        }
        if (kind == Kind.ERROR) {
            return from.kind == Kind.ERROR;
        }
        if (kind == Kind.SLICE || kind == Kind.WORLD) {
            return equals(from);
        }
        return kind == from.kind;
    }

    /** The type as Go writes it: {@code chan int}, {@code <-chan struct{}}, {@code *sync.WaitGroup}, ... */
    @Override
    public String toString() {
        return switch (kind) {
            case CHAN -> (dir == Dir.RECV ? "<-chan " : dir == Dir.SEND ? "chan<- " : "chan ") + elem;
            case MUTEX -> "*sync.Mutex";
            case RWMUTEX -> "*sync.RWMutex";
            case WAITGROUP -> "*sync.WaitGroup";
            case COND -> "*sync.Cond";
            case ONCE -> "*sync.Once";
            case CONTEXT -> "context.Context";
            case CANCEL -> "context.CancelFunc";
            case TIMER -> "*time.Timer";
            case TICKER -> "*time.Ticker";
            case AFTERFUNC -> "*time.Timer";
            case INT -> "int";
            case STRING -> "string";
            case BOOL -> "bool";
            case STRUCT -> "struct{}";
            case ERROR -> "error";
            case TIME -> "time.Time";
            case FUNC -> "func()";
            case SLICE -> "[]" + elem;
            case WORLD -> name;
        };
    }
}
