package dev.lockscope.tracker;

/** The side of a lock an event is about, with its trace spelling: {@code r} for a read lock, {@code w} otherwise. */
enum Mode {
    READ("r"),
    WRITE("w");

    private final String json;

    Mode(String json) {
        this.json = json;
    }

    /** The value of the trace's {@code mode} field. */
    String json() {
        return json;
    }
}
