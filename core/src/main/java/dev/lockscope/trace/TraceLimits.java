package dev.lockscope.trace;

/**
 * Bounds {@link TraceReader} enforces, so that a damaged or hostile file fails with a message instead of
 * exhausting memory or time (docs/trace-format.md, "Limits").
 *
 * @param maxLineBytes   longest event line, without its newline
 * @param maxHeaderBytes longest header line, which embeds the scenario (so it gets the scenario file limit)
 * @param maxString      longest string value, in chars
 * @param maxDepth       deepest nesting of objects and arrays in an event line, the line's own object counting 1;
 *                       the header line may nest one level deeper than a scenario file may, since it embeds one
 *                       ({@link #maxHeaderDepth})
 * @param maxEvents      most events in one file; {@link TraceWriter} stops before writing more
 * @param maxBlankLines  most empty lines in one file: the writer writes none, readers skip a few (a hand edit)
 *                       but not a file of nothing but newlines, which would otherwise take minutes to read
 */
record TraceLimits(int maxLineBytes, int maxHeaderBytes, int maxString, int maxDepth, long maxEvents,
                   int maxBlankLines) {
    static final TraceLimits DEFAULTS = new TraceLimits(1 << 20, 16 << 20, 10_000, 16, TraceFile.MAX_EVENTS, 1_000);

    /** The header's nesting limit: every scenario the scenario reader accepts, one level down in the header. */
    int maxHeaderDepth() {
        return Math.max(maxDepth, dev.lockscope.scenario.ScenarioJson.MAX_DEPTH + 1);
    }
}
