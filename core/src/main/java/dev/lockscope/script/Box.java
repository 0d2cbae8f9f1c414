package dev.lockscope.script;

/**
 * A variable: a frame's slot holds one, and a closure that captures the variable holds the same one, so that both
 * see each other's assignments (Go's closures capture variables, not values). A declaration ({@code :=}) makes a
 * new box, so each pass through a loop body declares new variables, as in Go.
 */
final class Box {
    Object value;

    Box(Object value) {
        this.value = value;
    }
}
