package dev.lockscope.model;

/** The mode a lock is requested, held or released in. */
public enum Mode {
    /** Shared: {@code RLock}. */
    READ("r"),
    /** Exclusive: {@code Lock}; a plain mutex is always taken in this mode. */
    WRITE("w");

    private final String code;

    Mode(String code) {
        this.code = code;
    }

    /** The one-letter code used in trace files. */
    public String code() {
        return code;
    }

    /** The mode for a trace code, or {@code null} if the code is unknown. */
    public static Mode ofCode(String code) {
        return switch (code) {
            case "r" -> READ;
            case "w" -> WRITE;
            default -> null;
        };
    }
}
