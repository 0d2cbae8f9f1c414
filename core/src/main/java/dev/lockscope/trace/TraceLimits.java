package dev.lockscope.trace;

/**
 * Bounds {@link TraceReader} enforces, so that a damaged or hostile file fails with a message instead of
 * exhausting memory.
 *
 * @param maxLineBytes   longest event line, without its newline
 * @param maxHeaderBytes longest header line, which embeds the scenario (so it gets the scenario file limit)
 * @param maxString      longest string value, in chars
 * @param maxDepth       deepest nesting of objects and arrays, the line's own object counting 1
 * @param maxEvents      most events in one file
 */
record TraceLimits(int maxLineBytes, int maxHeaderBytes, int maxString, int maxDepth, long maxEvents) {
    static final TraceLimits DEFAULTS = new TraceLimits(1 << 20, 16 << 20, 10_000, 16, 50_000_000L);
}
