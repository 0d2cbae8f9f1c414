package dev.lockscope.sweep;

import dev.lockscope.analysis.Summary;
import java.util.Objects;

/** One run of a sweep: a cell under one seed, and its summary (the same as {@code lockscope run --json}). */
public record SweepRow(SweepSpec.Cell cell, long seed, Summary summary) {
    public SweepRow {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(summary, "summary");
    }
}
