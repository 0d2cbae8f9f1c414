package dev.lockscope.script;

/**
 * Where a name of a compiled function lives: a global (a declared lock, primitive, cancel function, constant), a
 * slot of the function's frame (a parameter or a local), or a variable the function captured from the function
 * that made it (a closure's), by index into its captures; or a field of a world's value, read each time.
 */
sealed interface Ref {
    record Global(String name) implements Ref {}

    record Slot(int index) implements Ref {}

    record Capture(int index) implements Ref {}

    /** A field of a world's value ({@code m.outbox}): {@code get} applied to the value {@code base} names. */
    record Field(Ref base, java.util.function.UnaryOperator<Object> get) implements Ref {}
}
