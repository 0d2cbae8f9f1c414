package dev.lockscope.trace.export;

/**
 * The thread of one channel or sync primitive in the export's "Primitives" process: async slices for the goroutines
 * waiting on it and, for a channel, for each value in its buffer; counters of its waiters and of its buffer's length
 * ({@code len(ch)}), written when they changed during an instant.
 */
final class PrimRows {
    final int prim;
    final String name;
    final long tid;
    final boolean channel;
    int len;
    int writtenLen = -1;
    int waiters;
    int writtenWaiters = -1;

    private PrimRows(int prim, String name, long tid, boolean channel) {
        this.prim = prim;
        this.name = name;
        this.tid = tid;
        this.channel = channel;
    }

    /** A primitive's thread, created and named at once, so that it shows even if nothing happens on it. */
    static PrimRows create(int prim, String name, String label, boolean channel, ChromeTraceWriter out,
                           LockRows.TidAllocator tids, long ns) {
        PrimRows rows = new PrimRows(prim, name, tids.next(), channel);
        out.metadata("thread_name", PerfettoExporter.PRIMS_PID, rows.tid, ns, "name", label);
        out.metadata("thread_sort_index", PerfettoExporter.PRIMS_PID, rows.tid, ns, "sort_index", prim);
        return rows;
    }
}
