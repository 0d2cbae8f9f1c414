package dev.lockscope.trace.store;

import java.util.List;

/**
 * Who held up a wait at one instant, followed transitively: the wait's blockers, the waits of those blockers
 * that were themselves waiting, and so on. The timeline draws {@link #edges} as arrows.
 *
 * @param edges the "waiter is blocked by blocker" relations found, breadth first from the wait asked about
 * @param roots the blockers that were not waiting themselves (the holders everyone waits for), ascending;
 *              empty if the chain only leads back into itself (a deadlock)
 */
public record BlockerChain(int waitId, long time, List<Edge> edges, List<Integer> roots) {

    public BlockerChain {
        edges = List.copyOf(edges);
        roots = List.copyOf(roots);
    }

    /**
     * @param waitId  the waiting interval
     * @param waiter  its goroutine
     * @param blocker a goroutine it was blocked by at that instant
     */
    public record Edge(int waitId, int waiter, int blocker) {}
}
