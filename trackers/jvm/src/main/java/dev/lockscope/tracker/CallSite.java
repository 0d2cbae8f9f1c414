package dev.lockscope.tracker;

/**
 * A place in user code that called a lock method: {@code function} is {@code "Class.method"} (the binary class
 * name without its package, so nested classes read {@code Outer$Inner.method}), {@code file} the source file
 * name, {@code line} its line number or -1 when unknown.
 */
record CallSite(String function, String file, int line) {
    /** Used when no frame outside the tracker is found (a lock method called from the JDK itself). */
    static final CallSite UNKNOWN = new CallSite("unknown", "Unknown Source", -1);

    static CallSite of(StackWalker.StackFrame frame) {
        String className = frame.getClassName();
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String file = frame.getFileName();
        return new CallSite(simple + "." + frame.getMethodName(), file == null ? "Unknown Source" : file,
                frame.getLineNumber());
    }

    /** {@code "Room.java:41"}: the name of a lock that was given none, taken from its first use. */
    String location() {
        return line < 0 ? file : file + ":" + line;
    }

    /** {@code "Room.broadcast: Room.java:41"}: the trace's site label. */
    String label() {
        return function + ": " + location();
    }
}
