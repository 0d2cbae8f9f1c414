package dev.lockscope.sweep;

import dev.lockscope.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A what-if grid over a scenario: the cartesian product of the axes' values, each cell run once per seed.
 * Cells are numbered from 0 with the last axis varying fastest, as nested loops would.
 */
public record SweepSpec(String name, Scenario base, List<Axis> axes, List<Long> seeds) {

    /** One parameter and the values it takes, all of the same parameter. */
    public record Axis(String parameter, List<Setting> values) {
        public Axis {
            Objects.requireNonNull(parameter, "parameter");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("an axis needs at least one value: " + parameter);
            }
        }
    }

    /** One point of the grid: its number and one setting per axis, in axis order. */
    public record Cell(int index, List<Setting> settings) {
        public Cell {
            settings = List.copyOf(settings);
        }

        /** The base scenario with this cell's settings applied, in axis order, and the given seed. */
        public Scenario scenario(Scenario base, long seed) {
            Scenario s = base.withSeed(seed);
            for (Setting setting : settings) {
                s = setting.apply(s);
            }
            return s;
        }
    }

    public SweepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(base, "base");
        axes = List.copyOf(axes);
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one seed");
        }
    }

    /** Every cell, in order. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        int total = cellCount();
        for (int index = 0; index < total; index++) {
            List<Setting> settings = new ArrayList<>(axes.size());
            int rest = index;
            for (int a = axes.size() - 1; a >= 0; a--) {
                List<Setting> values = axes.get(a).values();
                settings.addFirst(values.get(rest % values.size()));
                rest /= values.size();
            }
            cells.add(new Cell(index, settings));
        }
        return cells;
    }

    public int cellCount() {
        int n = 1;
        for (Axis a : axes) {
            n = Math.multiplyExact(n, a.values().size());
        }
        return n;
    }

    /** Runs in all: cells times seeds. */
    public int runCount() {
        return Math.multiplyExact(cellCount(), seeds.size());
    }
}
