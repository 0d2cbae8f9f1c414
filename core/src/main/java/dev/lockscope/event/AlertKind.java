package dev.lockscope.event;

/** The kinds of detector alert; every summary lists all of them, zeros included. */
public enum AlertKind {
    LONG_WAIT("long-wait"),
    LONG_HOLD("long-hold"),
    LOCK_ORDER("lock-order"),
    RECURSIVE("recursive"),
    DEADLOCK("deadlock"),
    GLOBAL_DEADLOCK("global-deadlock"),
    LEAK("leak"),
    PANIC("panic");

    private final String id;

    AlertKind(String id) {
        this.id = id;
    }

    /** The name used in files, summaries and on the command line. */
    public String id() {
        return id;
    }

    /** The kind with this id, or {@code null}. */
    public static AlertKind ofId(String id) {
        for (AlertKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
