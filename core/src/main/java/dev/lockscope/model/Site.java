package dev.lockscope.model;

import java.util.Objects;

/**
 * A place in the simulated Go code where a goroutine performs a step, such as
 * {@code Room.Broadcast: r.membersMx.RLock()}.
 *
 * @param op    the operation the step belongs to, which keys the per-operation statistics
 *              ({@code Add}, {@code Remove}, {@code Broadcast} in a room; the goroutine's name in a script)
 * @param label the text shown to users: function and statement
 */
public record Site(String op, String label) {
    public Site {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
        return label;
    }
}
