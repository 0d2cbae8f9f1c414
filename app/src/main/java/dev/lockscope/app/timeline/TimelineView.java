package dev.lockscope.app.timeline;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.paint.Color;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.image.WritableImage;

/**
 * A live Gantt chart of a {@link TraceStore}: who holds and who waits for each lock, what every goroutine is
 * doing, the sends to each member, and the alerts and commands of the run, on one virtual time axis.
 *
 * <p><b>Rows.</b> <em>Locks</em>: per lock its holders (read and write holds in different colours, concurrent
 * readers stacked) and the number of goroutines waiting for it. <em>Goroutines</em>: grouped by kind
 * ({@code Broadcast}, {@code Add}, {@code Remove}, {@code Reload}, and the sends to each member), each group packed
 * into as few lanes as its goroutines need. <em>Members</em>: sends in flight and deliveries, joins, leaves,
 * reloads and latency changes. Alerts are diamonds on the axis and marks on the rows involved; commands are
 * labelled flags with a dashed line.
 *
 * <p><b>Blocked by.</b> Hovering or selecting a wait draws arrows to what it waited for, and on along the chain
 * to the goroutines everyone waits for; selecting a hold draws arrows from everyone who queued behind it.
 * The {@link #selectionProperty() selection} carries the same facts for a side panel.
 *
 * <p><b>Navigation.</b> Wheel or Ctrl+wheel zooms at the cursor, drag pans, W/S zoom, A/D pan, F fits the
 * selection, Home fits the whole trace, L (or End) returns to {@link #followProperty() follow} mode, Escape
 * clears the selection; dragging on the axis selects a time range and publishes its
 * {@link #rangeSummaryProperty() summary}. Wheel over the row labels (or Shift+wheel) scrolls the rows; clicking
 * a section or group header collapses it.
 *
 * <p><b>Cost.</b> The skin draws on one canvas, only when something changed, from a lock-free snapshot of the
 * store taken per frame; a frame costs what its visible pixels and rows cost, not what the trace holds
 * (docs/timeline.md, docs/benchmarks.md).
 *
 * <pre>{@code
 * TraceStore store = new TraceStore();
 * TimelineView timeline = new TimelineView(store);
 * timeline.setLive(true);
 * timeline.setFollow(true);
 * timeline.selectionProperty().addListener((o, was, now) -> panel.show(now));
 * }</pre>
 */
public class TimelineView extends Control {
    private static final String DEFAULT_STYLE_CLASS = "timeline-view";
    private static final long DEFAULT_SPAN = 1_000_000_000L;

    public TimelineView() {
        getStyleClass().add(DEFAULT_STYLE_CLASS);
        setFocusTraversable(true);
    }

    public TimelineView(TraceStore store) {
        this();
        setStore(store);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TimelineSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return Objects.requireNonNull(TimelineView.class.getResource("timeline.css")).toExternalForm();
    }

    // ---- store ----

    private final ObjectProperty<TraceStore> store = new SimpleObjectProperty<>(this, "store") {
        @Override
        protected void invalidated() {
            setSelection(null);
            rangeSummary.set(null);
        }
    };

    /** The trace shown; it may keep growing while shown. Default {@code null}: an empty timeline. */
    public final ObjectProperty<TraceStore> storeProperty() {
        return store;
    }

    public final TraceStore getStore() {
        return store.get();
    }

    public final void setStore(TraceStore value) {
        store.set(value);
    }

    // ---- live ----

    private final BooleanProperty live = new SimpleBooleanProperty(this, "live", false);

    /**
     * Whether the trace is still being produced: draws the "now" line at the last event and offers a button
     * back to follow mode. Default {@code false} (a finished run or a replayed file).
     */
    public final BooleanProperty liveProperty() {
        return live;
    }

    public final boolean isLive() {
        return live.get();
    }

    public final void setLive(boolean value) {
        live.set(value);
    }

    // ---- follow ----

    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", false);

    /**
     * Whether the visible range keeps "now" near its right edge, scrolling with the run at its current span.
     * Any manual pan or zoom, and {@link #showRange}, {@link #fitAll} and {@link #fitSelection}, set it to
     * {@code false}; the L key, End, or the follow button set it back. Default {@code false}.
     */
    public final BooleanProperty followProperty() {
        return follow;
    }

    public final boolean isFollow() {
        return follow.get();
    }

    public final void setFollow(boolean value) {
        follow.set(value);
    }

    // ---- scale ----

    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.0) {
        @Override
        protected void invalidated() {
            double v = get();
            if (!(v >= 0.5 && v <= 4)) {
                set(Double.isNaN(v) ? 1.0 : Math.clamp(v, 0.5, 4));
            }
        }
    };

    /**
     * The size of rows, fonts, markers and arrows: 1 for a laptop screen, 1.5 to 2 for a projector. Kept in
     * [0.5, 4] (a value outside is clamped; NaN resets it to 1). Default 1.
     */
    public final DoubleProperty scaleProperty() {
        return scale;
    }

    public final double getScale() {
        return scale.get();
    }

    public final void setScale(double value) {
        scale.set(value);
    }

    // ---- playhead ----

    private final LongProperty playhead = new SimpleLongProperty(this, "playhead", -1);

    /**
     * The replay position in virtual ns, drawn as an orange line with a handle on the axis; negative for none. Not
     * drawn while {@link #liveProperty() live}, where the "now" line marks the run's instant. The lab binds it.
     * Default -1.
     */
    public final LongProperty playheadProperty() {
        return playhead;
    }

    public final long getPlayhead() {
        return playhead.get();
    }

    public final void setPlayhead(long value) {
        playhead.set(value);
    }

    // ---- colours ----

    private final Map<TimelineColor, StyleableObjectProperty<Color>> colors = colorProperties();

    private Map<TimelineColor, StyleableObjectProperty<Color>> colorProperties() {
        Map<TimelineColor, StyleableObjectProperty<Color>> map = new EnumMap<>(TimelineColor.class);
        for (TimelineColor c : TimelineColor.values()) {
            map.put(c, new SimpleStyleableObjectProperty<>(StyleableProperties.COLORS.get(c), this,
                    "color" + c.name(), c.initial()));
        }
        return map;
    }

    /**
     * The colour the timeline draws {@code role} with: a styleable property, set by the CSS property
     * {@link TimelineColor#cssProperty()} (so a theme's style sheet reaches the canvas) or in code. Default
     * {@link TimelineColor#initial()}, the light look.
     */
    public final ObjectProperty<Color> colorProperty(TimelineColor role) {
        return colors.get(role);
    }

    public final Color getColor(TimelineColor role) {
        return colors.get(role).get();
    }

    public final void setColor(TimelineColor role, Color value) {
        colors.get(role).set(value);
    }

    /** The CSS properties of the timeline's colours, one {@link CssMetaData} per {@link TimelineColor}. */
    private static final class StyleableProperties {
        private static final Map<TimelineColor, CssMetaData<TimelineView, Color>> COLORS = new EnumMap<>(TimelineColor.class);
        private static final List<CssMetaData<? extends Styleable, ?>> STYLEABLES;

        static {
            for (TimelineColor c : TimelineColor.values()) {
                COLORS.put(c, new CssMetaData<>(c.cssProperty(), StyleConverter.getColorConverter(), c.initial()) {
                    @Override
                    public boolean isSettable(TimelineView view) {
                        return !view.colors.get(c).isBound();
                    }

                    @Override
                    public StyleableProperty<Color> getStyleableProperty(TimelineView view) {
                        return view.colors.get(c);
                    }
                });
            }
            List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Control.getClassCssMetaData());
            all.addAll(COLORS.values());
            STYLEABLES = List.copyOf(all);
        }
    }

    /** The CSS properties of this class: those of {@link Control}, and one per {@link TimelineColor}. */
    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return StyleableProperties.STYLEABLES;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return getClassCssMetaData();
    }

    // ---- goroutine rows ----

    private final ObjectProperty<GoroutineRows> goroutineRows = new SimpleObjectProperty<>(this, "goroutineRows",
            GoroutineRows.PACKED) {
        @Override
        protected void invalidated() {
            if (get() == null) {
                set(GoroutineRows.PACKED);
            }
        }
    };

    /**
     * Whether goroutines are packed into lanes or have a row each ({@link GoroutineRows}); a change reads the trace
     * again (over a few frames for a large one). Never {@code null}. Default {@link GoroutineRows#PACKED}.
     */
    public final ObjectProperty<GoroutineRows> goroutineRowsProperty() {
        return goroutineRows;
    }

    public final GoroutineRows getGoroutineRows() {
        return goroutineRows.get();
    }

    public final void setGoroutineRows(GoroutineRows value) {
        goroutineRows.set(value);
    }

    // ---- search ----

    private final ReadOnlyObjectWrapper<List<SearchMatch>> matches = new ReadOnlyObjectWrapper<>(this, "matches", List.of());
    private final ReadOnlyIntegerWrapper matchIndex = new ReadOnlyIntegerWrapper(this, "matchIndex", -1);

    /**
     * Looks for {@code text} (case-insensitively, anywhere in a name): locks, members and goroutine groups by their
     * row's name, then goroutines by their own name in the order they started. The goroutines are searched off the
     * FX thread; {@link #matchesProperty()} and {@link #matchIndexProperty()} change when the search is done, and the
     * first match is shown. Blank text clears the search.
     */
    public final void search(String text) {
        if (getSkin() instanceof TimelineSkin skin) {
            skin.search(text == null ? "" : text.strip());
        }
    }

    /** The matches of the last {@link #search}, in order; empty for none. */
    public final ReadOnlyObjectProperty<List<SearchMatch>> matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    public final List<SearchMatch> getMatches() {
        return matches.get();
    }

    /** The match shown now, an index into {@link #getMatches()}; -1 for none. */
    public final ReadOnlyIntegerProperty matchIndexProperty() {
        return matchIndex.getReadOnlyProperty();
    }

    public final int getMatchIndex() {
        return matchIndex.get();
    }

    /**
     * Shows the next match (after the last, the first): a goroutine is selected, its row scrolled into view and its
     * life brought into the visible range; a lock, member or group row is marked and scrolled into view (the
     * {@linkplain #subjectProperty() subject}).
     *
     * @return whether there was a match to show
     */
    public final boolean nextMatch() {
        return showMatch(matchIndex.get() + 1);
    }

    /** Shows the previous match (before the first, the last); see {@link #nextMatch()}. */
    public final boolean previousMatch() {
        return showMatch(matchIndex.get() - 1);
    }

    /** Sets the result of a search; for the skin. */
    void setMatches(List<SearchMatch> found) {
        matches.set(List.copyOf(found));
        matchIndex.set(-1);
        if (!found.isEmpty()) {
            showMatch(0);
        }
    }

    private boolean showMatch(int index) {
        List<SearchMatch> all = matches.get();
        if (all.isEmpty() || !(getSkin() instanceof TimelineSkin skin)) {
            return false;
        }
        int i = Math.floorMod(index, all.size());
        matchIndex.set(i);
        skin.reveal(all.get(i));
        return true;
    }

    // ---- subject ----

    private final ObjectProperty<List<String>> subject = new SimpleObjectProperty<>(this, "subject", List.of()) {
        @Override
        protected void invalidated() {
            if (get() == null) {
                set(List.of());
            }
        }
    };

    /**
     * The rows the viewer should look at, by name: a lock ({@code membersMx}), a goroutine group ({@code Add},
     * {@code Send(eve)}) or the one row of a goroutine of its own ({@code Add(eve)}), a member ({@code eve}). They are
     * marked with a band, and scrolled into view when the subject changes and whenever rows appear or go: as many as
     * fit, from the first. A presented lesson sets it to what its step talks about. Never {@code null} (set to
     * {@code null}, it becomes empty). Default empty.
     */
    public final ObjectProperty<List<String>> subjectProperty() {
        return subject;
    }

    public final List<String> getSubject() {
        return subject.get();
    }

    public final void setSubject(List<String> value) {
        subject.set(value == null ? List.of() : List.copyOf(value));
    }

    /**
     * Whether the rows called {@code name} (as for {@link #subjectProperty()}) were all inside the rows area in the
     * frame drawn last; false when there is no such row. FX thread.
     */
    public final boolean isRowVisible(String name) {
        return getSkin() instanceof TimelineSkin skin && skin.isRowVisible(name);
    }

    // ---- visible range ----

    private final ReadOnlyLongWrapper visibleStart = new ReadOnlyLongWrapper(this, "visibleStart", 0);
    private final ReadOnlyLongWrapper visibleEnd = new ReadOnlyLongWrapper(this, "visibleEnd", DEFAULT_SPAN);

    /** The virtual time at the left edge of the plot, ns; changed by navigation and {@link #showRange}. Default 0. */
    public final ReadOnlyLongProperty visibleStartProperty() {
        return visibleStart.getReadOnlyProperty();
    }

    public final long getVisibleStart() {
        return visibleStart.get();
    }

    /** The virtual time at the right edge of the plot, ns; always after the start. Default 1 s. */
    public final ReadOnlyLongProperty visibleEndProperty() {
        return visibleEnd.getReadOnlyProperty();
    }

    public final long getVisibleEnd() {
        return visibleEnd.get();
    }

    /** Sets the visible range without touching follow mode: for the skin's navigation and following. */
    void setVisibleRange(long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("end must be > start: " + end + " <= " + start);
        }
        visibleStart.set(start);
        visibleEnd.set(end);
    }

    // ---- selection ----

    private final ReadOnlyObjectWrapper<TimelineSelection> selection = new ReadOnlyObjectWrapper<>(this, "selection");

    /**
     * The selected wait, hold, send or goroutine, with who it waited for or who queued behind it; {@code null}
     * when nothing is selected. Set by clicking, {@link #selectInterval}, {@link #selectAlert}. Default
     * {@code null}.
     */
    public final ReadOnlyObjectProperty<TimelineSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public final TimelineSelection getSelection() {
        return selection.get();
    }

    void setSelection(TimelineSelection value) {
        selection.set(value);
    }

    // ---- range summary ----

    private final ReadOnlyObjectWrapper<RangeSummary> rangeSummary = new ReadOnlyObjectWrapper<>(this, "rangeSummary");

    /**
     * The waits in the time range last dragged out on the axis, per lock and goroutine group; {@code null} when
     * no range is selected. Computed off the FX thread, so it arrives shortly after the drag ends. Default
     * {@code null}.
     */
    public final ReadOnlyObjectProperty<RangeSummary> rangeSummaryProperty() {
        return rangeSummary.getReadOnlyProperty();
    }

    public final RangeSummary getRangeSummary() {
        return rangeSummary.get();
    }

    void setRangeSummary(RangeSummary value) {
        rangeSummary.set(value);
    }

    // ---- navigation ----

    /** Shows [start, end) and leaves follow mode. */
    public final void showRange(long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("end must be > start: " + end + " <= " + start);
        }
        setFollow(false);
        setVisibleRange(start, end);
    }

    /** Shows the whole trace, from 0 to its last event, with a little room on either side; leaves follow mode. */
    public final void fitAll() {
        TraceStore s = getStore();
        long now = s == null ? 0 : s.view().now();
        long span = Math.max(now, DEFAULT_SPAN / 1000);
        long pad = span / 50;
        showRange(-pad, now + pad);
    }

    /**
     * Shows the selected interval with a margin of a fifth of its length on either side (at least 1 ms of
     * context), and leaves follow mode.
     *
     * @return whether there was a selection to fit
     */
    public final boolean fitSelection() {
        TimelineSelection s = getSelection();
        if (s == null) {
            return false;
        }
        TraceStore st = getStore();
        long end = s.end() == TraceView.OPEN ? (st == null ? s.start() : st.view().now()) : s.end();
        long pad = Math.max((end - s.start()) / 5, 1_000_000);
        showRange(s.start() - pad, Math.max(end, s.start() + 1) + pad);
        return true;
    }

    /**
     * Selects interval {@code id} (a row of the store that starts an interval: a wait's {@code Request}, a hold's
     * {@code Acquire}, a {@code SendStart}, a {@code Spawn}), with its blocked-by relations taken in the middle of
     * it. Does not move the view; call {@link #fitSelection()} for that.
     *
     * @return whether it was selected (false for a row that starts no interval, or before the control is shown)
     */
    public final boolean selectInterval(int id) {
        return getSkin() instanceof TimelineSkin skin && skin.select(id, Long.MIN_VALUE, null);
    }

    /** As {@link #selectInterval(int)}, with the blocked-by relations taken at instant {@code at}. */
    public final boolean selectInterval(int id, long at) {
        return getSkin() instanceof TimelineSkin skin && skin.select(id, at, null);
    }

    /**
     * Jumps to an alert and selects the wait or hold it is about: the first goroutine's wait at the alert's
     * time, or else its hold of the alert's lock, with blocked-by relations at the alert's time; then fits it
     * like {@link #fitSelection()} and leaves follow mode.
     *
     * @return whether the alert's goroutine was found in the trace
     */
    public final boolean selectAlert(TraceEvent.Alert alert) {
        Objects.requireNonNull(alert, "alert");
        return getSkin() instanceof TimelineSkin skin && skin.selectAlert(alert);
    }

    /** Clears the selection and the selected time range. */
    public final void clearSelection() {
        setSelection(null);
        setRangeSummary(null);
        if (getSkin() instanceof TimelineSkin skin) {
            skin.clearHighlights();
        }
    }

    /**
     * An image of the control as it is drawn now (redrawn first, tooltip hidden), for an Export &rarr; PNG.
     * FX thread only.
     */
    public final WritableImage exportImage() {
        if (getSkin() instanceof TimelineSkin skin) {
            skin.redrawNow();
        }
        return snapshot(null, null);
    }

    /**
     * An image of the timeline for a file (Export &rarr; PNG): the visible time range and the rows as shown, drawn
     * afresh at least {@code minWidth} px wide (wider if the control is) and tall enough for all rows (at least as
     * tall as the control, at most three times the width), whatever the size of the window. FX thread; before the
     * control is shown, as {@link #exportImage()}.
     */
    public final WritableImage exportImage(double minWidth) {
        if (!(getSkin() instanceof TimelineSkin skin)) {
            return exportImage();
        }
        double width = Math.ceil(Math.max(getWidth(), minWidth));
        double height = Math.ceil(Math.clamp(skin.contentHeight(), Math.max(getHeight(), 400), 3 * width));
        return skin.render(width, height);
    }
}
