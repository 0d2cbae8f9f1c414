package dev.lockscope.app.timeline;

import dev.lockscope.app.timeline.impl.FramePainter;
import dev.lockscope.app.timeline.impl.FramePlan;
import dev.lockscope.app.timeline.impl.Ink;
import dev.lockscope.app.timeline.impl.Metrics;
import dev.lockscope.app.timeline.impl.Palette;
import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.app.timeline.impl.Viewport;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.util.Millis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Font;

/**
 * Draws a {@link TimelineView} on one canvas and handles its input. Each pulse an {@link AnimationTimer}
 * checks whether anything changed (a flag set by input and property listeners, or the store's published size);
 * only then does it take a {@link TraceView} snapshot, read the new rows into the catalog (within a time budget),
 * build a {@link FramePlan} and paint it. Nothing here waits for the simulation: views are lock-free.
 */
final class TimelineSkin extends SkinBase<TimelineView> {
    /** Time the catalog may spend per frame reading new rows (a freshly opened large trace takes a few frames). */
    private static final long CATALOG_BUDGET_NS = 6_000_000;
    private static final double CLICK_SLOP = 4;
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "timeline-range-summary");
        t.setDaemon(true);
        return t;
    });

    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final Label tooltip = new Label();
    private final Label rangeLabel = new Label();
    private final Button followButton = new Button("Follow live  (L)");
    private final FramePlan plan = new FramePlan();
    private final FramePainter painter = new FramePainter();
    private final Set<String> collapsed = new HashSet<>();
    /** Groups collapsed to make the subject fit; opened again when the subject changes. */
    private final Set<String> autoCollapsed = new HashSet<>();
    private final AnimationTimer timer;
    private final EventHandler<KeyEvent> keyHandler = this::keyPressed;

    private TraceStore attached;
    private TraceCatalog catalog = new TraceCatalog();
    /** After a new catalog (another row mode), the selection's arrows are worked out again once it has caught up. */
    private boolean rehighlight;
    /** A goroutine whose row to scroll into view at the next frame (a selection from outside), or -1. */
    private int revealGoroutine = -1;
    /** The text of the search under way, to drop a result that a newer search has overtaken. */
    private String searching = "";
    private RowLayout layout;
    private double layoutScale = -1;
    private int lastSize = -1;
    private boolean dirty = true;
    private boolean fitted;
    private FramePlan.Highlight selectionHighlight = FramePlan.Highlight.NONE;
    private FramePlan.Highlight hoverHighlight = FramePlan.Highlight.NONE;
    private int hovered = -1;
    private long rangeStart = -1;
    private long rangeEnd = -1;

    // drag state
    private double pressX;
    private double pressY;
    private double lastDragX;
    private boolean dragging;
    private boolean selectingRange;
    private double mouseX = Double.NaN;
    /** Whether the subject has been scrolled into view in the current layout. */
    private boolean subjectShown;
    private final java.util.BitSet marked = new java.util.BitSet();
    /** The control's colours as the painter takes them; {@code null} when one changed. */
    private Palette palette;

    // frame statistics, for tests and benchmarks
    long frames;
    long lastBuildNanos;
    long maxBuildNanos;
    long lastPaintNanos;
    long maxPaintNanos;
    /** Whether the last frame's catalog had read every row of the store. */
    boolean catalogCaughtUp;

    TimelineSkin(TimelineView control) {
        super(control);
        vbar.setOrientation(Orientation.VERTICAL);
        vbar.setVisible(false);
        vbar.valueProperty().addListener(o -> dirty = true);
        tooltip.getStyleClass().add("timeline-tooltip");
        tooltip.setManaged(false);
        tooltip.setVisible(false);
        tooltip.setMouseTransparent(true);
        rangeLabel.getStyleClass().add("timeline-range-summary");
        rangeLabel.setManaged(false);
        rangeLabel.setVisible(false);
        rangeLabel.setMouseTransparent(true);
        followButton.getStyleClass().add("timeline-follow-button");
        followButton.setManaged(false);
        followButton.setVisible(false);
        followButton.setFocusTraversable(false);
        followButton.setOnAction(e -> control.setFollow(true));
        getChildren().addAll(canvas, vbar, rangeLabel, followButton, tooltip);

        registerChangeListener(control.storeProperty(), o -> dirty = true);
        registerChangeListener(control.followProperty(), o -> dirty = true);
        registerChangeListener(control.liveProperty(), o -> dirty = true);
        registerChangeListener(control.playheadProperty(), o -> dirty = true);
        registerChangeListener(control.visibleStartProperty(), o -> dirty = true);
        registerChangeListener(control.visibleEndProperty(), o -> dirty = true);
        registerChangeListener(control.scaleProperty(), o -> dirty = true);
        registerChangeListener(control.selectionProperty(), o -> {
            if (control.getSelection() == null) {
                selectionHighlight = FramePlan.Highlight.NONE;
            }
            dirty = true;
        });
        registerChangeListener(control.rangeSummaryProperty(), o -> showRangeSummary());
        for (TimelineColor c : TimelineColor.values()) {
            registerChangeListener(control.colorProperty(c), o -> {
                palette = null;
                dirty = true;
            });
        }
        registerChangeListener(control.goroutineRowsProperty(), o -> {
            catalog = newCatalog();
            layout = null;
            rehighlight = control.getSelection() != null;
            hovered = -1;
            hoverHighlight = FramePlan.Highlight.NONE;
            dirty = true;
        });
        registerChangeListener(control.subjectProperty(), o -> {
            subjectShown = false;
            if (!autoCollapsed.isEmpty()) { // what was collapsed for the last subject opens again
                autoCollapsed.clear();
                layout = null;
            }
            dirty = true;
        });

        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::mouseMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            mouseX = Double.NaN;
            hover(-1, 0, 0, 0);
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::mousePressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::mouseDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::mouseReleased);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keyHandler);

        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse();
            }
        };
        timer.start();
    }

    @Override
    public void dispose() {
        timer.stop();
        getSkinnable().removeEventHandler(KeyEvent.KEY_PRESSED, keyHandler);
        super.dispose();
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double barW = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
        canvas.setLayoutX(x);
        canvas.setLayoutY(y);
        canvas.setWidth(Math.max(1, Math.floor(w - barW)));
        if (canvas.getHeight() != Math.max(1, Math.floor(h))) {
            subjectShown = false; // the rows area changed: the subject may no longer be in view
        }
        canvas.setHeight(Math.max(1, Math.floor(h)));
        Metrics m = metrics();
        if (vbar.isVisible()) {
            vbar.resizeRelocate(x + w - barW, y + m.axisHeight(), barW, Math.max(1, h - m.axisHeight() - m.legendHeight()));
        }
        followButton.autosize();
        followButton.relocate(x + w - barW - followButton.getWidth() - 8, y + 4);
        rangeLabel.autosize();
        rangeLabel.relocate(x + m.gutter() + 8, y + m.axisHeight() + 6);
        tooltip.autosize();
        dirty = true;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return 900;
    }

    // The canvas is sized to the control in layoutChildren; the default minimum (the children's, so the canvas's
    // current size) would forbid the control from ever shrinking, e.g. when side panels join beside it.
    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return 200;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return 120;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return 500;
    }

    // ---- frame ----

    private TraceCatalog newCatalog() {
        return new TraceCatalog(getSkinnable().getGoroutineRows() == GoroutineRows.ONE_PER_GOROUTINE);
    }

    private Metrics metrics() {
        return new Metrics(getSkinnable().getScale());
    }

    /** Redraws if something changed since the last frame. */
    private void pulse() {
        TimelineView control = getSkinnable();
        TraceStore store = control.getStore();
        if (store != attached) {
            attached = store;
            catalog = newCatalog();
            layout = null;
            lastSize = -1;
            fitted = false;
            hovered = -1;
            selectionHighlight = FramePlan.Highlight.NONE;
            hoverHighlight = FramePlan.Highlight.NONE;
            dirty = true;
        }
        int size = store == null ? 0 : store.size();
        if (!dirty && size == lastSize) {
            return;
        }
        redraw(store, size);
    }

    /** Paints now, whatever changed; for {@link TimelineView#exportImage()}. */
    void redrawNow() {
        TraceStore store = getSkinnable().getStore();
        tooltip.setVisible(false);
        redraw(store, store == null ? 0 : store.size());
    }

    private void redraw(TraceStore store, int size) {
        long started = System.nanoTime();
        TimelineView control = getSkinnable();
        TraceView view = store == null ? new TraceStore().view() : store.view();
        boolean caughtUp = catalog.update(view, CATALOG_BUDGET_NS);
        catalogCaughtUp = caughtUp;
        Metrics m = metrics();
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        double rowsTop = m.axisHeight();
        double rowsBottom = Math.max(rowsTop + 1, height - m.legendHeight());
        if (layout == null || layout.structure() != catalog.structure() || layoutScale != m.scale()) {
            layout = buildLayout(m.scale());
            layoutScale = m.scale();
            subjectShown = false; // rows moved: find the subject again
        }
        markSubject();
        if (!subjectShown) {
            fitSubject(rowsBottom - rowsTop, m.scale());
        }
        if (rehighlight && caughtUp && control.getSelection() != null) {
            selectionHighlight = new Selections(view, catalog).highlight(control.getSelection());
            rehighlight = false;
        }
        double plotWidth = Math.max(1, width - m.gutter());
        if (control.isFollow() && view.size() > 0) {
            long span = control.getVisibleEnd() - control.getVisibleStart();
            // "now" near the right edge, but never a view of negative time while the run is younger than the span.
            long end = Math.max(span - span / 50, view.now() + span / 20);
            control.setVisibleRange(end - span, end);
        } else if (!fitted && view.size() > 0 && !control.isFollow() && control.getVisibleStart() == 0
                && control.getVisibleEnd() == 1_000_000_000L) {
            fitted = true;
            long pad = Math.max(view.now(), 1_000_000) / 50;
            control.setVisibleRange(-pad, Math.max(view.now(), 1_000_000) + pad);
        }
        double maxScroll = Math.max(0, layout.height() - (rowsBottom - rowsTop));
        boolean needBar = maxScroll > 0;
        if (vbar.isVisible() != needBar) {
            vbar.setVisible(needBar);
            getSkinnable().requestLayout();
        }
        vbar.setMax(maxScroll);
        vbar.setVisibleAmount(maxScroll * (rowsBottom - rowsTop) / Math.max(1, layout.height()));
        if (!subjectShown) {
            scrollToSubject(rowsBottom - rowsTop, maxScroll);
            subjectShown = true;
        }
        if (revealGoroutine >= 0 && caughtUp) {
            int r = layout.laneRow(catalog.laneOf(revealGoroutine));
            if (r >= 0) {
                RowLayout.Row row = layout.row(r);
                double scroll = vbar.getValue();
                double visible = rowsBottom - rowsTop;
                if (row.y() < scroll || row.bottom() > scroll + visible) {
                    vbar.setValue(Math.clamp(row.y() - visible / 3, 0, maxScroll)); // a third down: context above
                }
            }
            revealGoroutine = -1;
        }
        double scrollY = Math.clamp(vbar.getValue(), 0, maxScroll);
        Viewport vp = new Viewport(control.getVisibleStart(), control.getVisibleEnd(), plotWidth);
        FramePlan.Highlight highlight = hoverHighlight.arrows().isEmpty() ? selectionHighlight : hoverHighlight;
        FramePlan.Frame frame = new FramePlan.Frame(vp, m.gutter(), 0, rowsTop, rowsBottom, scrollY, m.scale(),
                view.now(), control.isLive(), shownPlayhead(control), rangeStart, rangeEnd, highlight);
        plan.build(view, catalog, layout, frame);
        long built = System.nanoTime();
        painter.setMarkedRows(marked);
        if (palette == null) {
            palette = new Palette(role -> control.getColor(colorOf(role)));
            painter.setPalette(palette);
        }
        painter.paint(canvas.getGraphicsContext2D(), plan, catalog, width, height);
        long painted = System.nanoTime();
        followButton.setVisible(control.isLive() && !control.isFollow());
        if (tooltip.getFont().getSize() != m.fontSize()) {
            tooltip.setFont(Font.font(m.fontSize()));
        }
        lastSize = size;
        dirty = !caughtUp;
        frames++;
        lastBuildNanos = built - started;
        lastPaintNanos = painted - built;
        maxBuildNanos = Math.max(maxBuildNanos, lastBuildNanos);
        maxPaintNanos = Math.max(maxPaintNanos, lastPaintNanos);
    }

    private RowLayout buildLayout(double scale) {
        if (autoCollapsed.isEmpty()) {
            return RowLayout.build(catalog, collapsed, scale);
        }
        Set<String> all = new HashSet<>(collapsed);
        all.addAll(autoCollapsed);
        return RowLayout.build(catalog, all, scale);
    }

    /**
     * Makes the subject fit in {@code visible} px if it does not: collapses, one at a time and the largest first, the
     * goroutine groups that are not part of it and lie between its rows (a collapsed group is one row that still shows
     * what its goroutines do). They open again when the subject changes.
     */
    private void fitSubject(double visible, double scale) {
        while (!marked.isEmpty()) {
            int first = marked.nextSetBit(0);
            int last = marked.previousSetBit(marked.length());
            if (layout.row(last).bottom() - layout.row(first).y() <= visible) {
                return;
            }
            RowLayout.Row biggest = null;
            int biggestSize = 1;
            for (int i = first + 1; i < last; i++) {
                RowLayout.Row r = layout.row(i);
                if (r.type() == RowLayout.Type.GROUP && !r.collapsed() && !marked.get(i)) {
                    int size = 1;
                    while (i + size < layout.rows().size() && layout.row(i + size).depth() > r.depth()) {
                        size++;
                    }
                    if (size > biggestSize) {
                        biggest = r;
                        biggestSize = size;
                    }
                }
            }
            if (biggest == null) {
                return;
            }
            autoCollapsed.add(biggest.key());
            layout = buildLayout(scale);
            markSubject();
        }
    }

    private static TimelineColor colorOf(Palette.Role role) {
        for (TimelineColor c : TimelineColor.values()) {
            if (c.role() == role) {
                return c;
            }
        }
        throw new IllegalArgumentException("no TimelineColor for " + role);
    }

    /** The playhead to draw: none while the run is live, where the "now" line marks the same instant. */
    private static long shownPlayhead(TimelineView control) {
        return control.isLive() ? -1 : control.getPlayhead();
    }

    /** Marks the subject's rows for the painter. */
    private void markSubject() {
        marked.clear();
        for (String name : getSkinnable().getSubject()) {
            for (int r : layout.rowsNamed(name, catalog)) {
                marked.set(r);
            }
        }
    }

    /**
     * Scrolls the marked rows into view with the least movement: all of them when they fit in {@code visible} px,
     * else from the first.
     */
    private void scrollToSubject(double visible, double maxScroll) {
        if (marked.isEmpty()) {
            return;
        }
        double top = layout.row(marked.nextSetBit(0)).y();
        double bottom = layout.row(marked.previousSetBit(marked.length())).bottom();
        double scroll = vbar.getValue();
        if (bottom - top > visible || top < scroll) {
            scroll = top;
        } else if (bottom > scroll + visible) {
            scroll = bottom - visible;
        }
        vbar.setValue(Math.clamp(scroll, 0, maxScroll));
    }

    /** Whether every row called {@code name} was inside the rows area in the last frame. */
    boolean isRowVisible(String name) {
        FramePlan.Frame f = plan.frame();
        if (layout == null || f == null) {
            return false;
        }
        int[] rows = layout.rowsNamed(name, catalog);
        for (int r : rows) {
            double y = f.top() + layout.row(r).y() - f.scrollY();
            if (y < f.top() - 0.5 || y + layout.row(r).height() > f.bottom() + 0.5) {
                return false;
            }
        }
        return rows.length > 0;
    }

    /**
     * The timeline drawn afresh on a canvas of its own, {@code width} × {@code height}: the visible time range, rows
     * from the current scroll position, the selection and the subject, as the control shows them; for an export at a
     * size of its own. FX thread.
     */
    javafx.scene.image.WritableImage render(double width, double height) {
        TimelineView control = getSkinnable();
        TraceStore store = control.getStore();
        TraceView view = store == null ? new TraceStore().view() : store.view();
        catalog.update(view, Long.MAX_VALUE);
        Metrics m = metrics();
        RowLayout rows = buildLayout(m.scale());
        java.util.BitSet subject = new java.util.BitSet();
        for (String name : control.getSubject()) {
            for (int r : rows.rowsNamed(name, catalog)) {
                subject.set(r);
            }
        }
        double rowsTop = m.axisHeight();
        double rowsBottom = Math.max(rowsTop + 1, height - m.legendHeight());
        double scrollY = Math.clamp(vbar.getValue(), 0, Math.max(0, rows.height() - (rowsBottom - rowsTop)));
        Viewport vp = new Viewport(control.getVisibleStart(), control.getVisibleEnd(), Math.max(1, width - m.gutter()));
        FramePlan.Frame frame = new FramePlan.Frame(vp, m.gutter(), 0, rowsTop, rowsBottom, scrollY, m.scale(),
                view.now(), control.isLive(), shownPlayhead(control), rangeStart, rangeEnd, selectionHighlight);
        FramePlan exported = new FramePlan().build(view, catalog, rows, frame);
        Canvas target = new Canvas(width, height);
        FramePainter p = new FramePainter();
        p.setPalette(new Palette(role -> control.getColor(colorOf(role))));
        p.setMarkedRows(subject);
        p.paint(target.getGraphicsContext2D(), exported, catalog, width, height);
        return target.snapshot(null, null);
    }

    /** The height all rows need, with the axis and the legend. */
    double contentHeight() {
        Metrics m = metrics();
        RowLayout rows = layout != null ? layout : buildLayout(m.scale());
        return m.axisHeight() + rows.height() + m.legendHeight();
    }

    /** Asks for a redraw at the next pulse. */
    void invalidate() {
        dirty = true;
    }

    /** The last plan built; for tests. */
    FramePlan plan() {
        return plan;
    }

    TraceCatalog catalog() {
        return catalog;
    }

    /** The row layout of the last frame; for tests. */
    RowLayout layoutForTests() {
        return layout;
    }

    /** The plot's left edge, in the control's coordinates. */
    double plotX() {
        return metrics().gutter();
    }

    double plotWidth() {
        return Math.max(1, canvas.getWidth() - metrics().gutter());
    }

    // ---- selection ----

    private Selections selections() {
        TraceStore store = getSkinnable().getStore();
        if (store == null) {
            return null;
        }
        TraceView view = store.view();
        catalog.update(view, Long.MAX_VALUE);
        return new Selections(view, catalog);
    }

    boolean select(int id, long at, TraceEvent.Alert alert) {
        Selections s = selections();
        if (s == null || !startsInterval(s, id)) {
            return false;
        }
        TraceView view = getSkinnable().getStore().view();
        long time = at != Long.MIN_VALUE ? at : midpoint(view, id);
        TimelineSelection selection = s.of(id, time);
        if (alert != null) {
            selection = selection.withAlert(alert);
        }
        selectionHighlight = s.highlight(selection);
        getSkinnable().setSelection(selection);
        revealGoroutine = selection.goroutine().id();
        dirty = true;
        return true;
    }

    private static long midpoint(TraceView view, int id) {
        long start = view.start(id);
        return start + (view.endOrNow(id) - start) / 2;
    }

    private static boolean startsInterval(Selections s, int id) {
        TraceView view = s.view();
        return id >= 0 && id < view.size() && view.type(id).startsInterval();
    }

    boolean selectAlert(TraceEvent.Alert alert) {
        Selections s = selections();
        if (s == null) {
            return false;
        }
        int id = s.intervalOf(alert);
        if (id < 0 || !select(id, alert.time(), alert)) {
            return false;
        }
        getSkinnable().fitSelection();
        return true;
    }

    void clearHighlights() {
        selectionHighlight = FramePlan.Highlight.NONE;
        hoverHighlight = FramePlan.Highlight.NONE;
        rangeStart = rangeEnd = -1;
        dirty = true;
    }

    // ---- input ----

    private boolean inPlot(double x, double y) {
        Metrics m = metrics();
        return x >= m.gutter() && x < canvas.getWidth() && y >= m.axisHeight() && y < canvas.getHeight() - m.legendHeight();
    }

    private boolean onAxis(double x, double y) {
        return x >= metrics().gutter() && y >= 0 && y < metrics().axisHeight();
    }

    private Viewport viewport() {
        TimelineView c = getSkinnable();
        return new Viewport(c.getVisibleStart(), c.getVisibleEnd(), plotWidth());
    }

    private long maxSpan() {
        TraceStore store = getSkinnable().getStore();
        long now = store == null ? 0 : store.view().now();
        return Math.max(4 * now, 10_000_000_000L);
    }

    private void navigate(Viewport vp) {
        getSkinnable().setFollow(false);
        getSkinnable().setVisibleRange(vp.start(), vp.end());
    }

    private void mouseMoved(MouseEvent e) {
        mouseX = e.getX();
        if (plan.frame() == null) {
            return;
        }
        if (inPlot(e.getX(), e.getY())) {
            int id = plan.intervalAt(e.getX(), e.getY());
            hover(id, viewport().time(e.getX() - plotX()), e.getX(), e.getY());
            if (id < 0) {
                hoverMarker(e.getX(), e.getY());
            }
        } else if (onAxis(e.getX(), e.getY())) {
            hover(-1, 0, 0, 0);
            hoverMarker(e.getX(), e.getY());
        } else {
            hover(-1, 0, 0, 0);
        }
    }

    private void hover(int id, long at, double x, double y) {
        if (id < 0) {
            if (hovered >= 0 || !hoverHighlight.arrows().isEmpty() || tooltip.isVisible()) {
                hovered = -1;
                hoverHighlight = FramePlan.Highlight.NONE;
                tooltip.setVisible(false);
                dirty = true;
            }
            return;
        }
        Selections s = selections();
        if (s == null) {
            return;
        }
        TimelineSelection sel = s.of(id, at);
        if (sel.kind().isWait()) {
            FramePlan.Highlight h = s.highlight(sel);
            hoverHighlight = new FramePlan.Highlight(h.outlined(), h.arrows(), h.time(), List.of()); // the tooltip tells it
        } else {
            hoverHighlight = FramePlan.Highlight.NONE;
        }
        hovered = id;
        showTooltip(s.describe(sel), x, y);
        dirty = true;
    }

    private void hoverMarker(double x, double y) {
        int i = plan.markerAt(x, y, metrics().scale());
        if (i < 0) {
            return;
        }
        TraceStore store = getSkinnable().getStore();
        int row = plan.markerRef(i);
        if (store == null || row < 0 || row >= store.size()) {
            return;
        }
        TraceEvent e = store.view().event(row);
        String text = switch (e) {
            case TraceEvent.Alert a -> "Alert: " + a.kind().id() + " at " + Millis.seconds(a.time()) + "\n" + a.summary();
            case TraceEvent.CommandApplied c -> (c.live() ? "Live command" : "Scenario command") + " at "
                    + Millis.seconds(c.time()) + "\n" + FramePlan.describe(c.command());
            default -> null;
        };
        if (text != null) {
            showTooltip(text, x, y);
        }
    }

    private void showTooltip(String text, double x, double y) {
        tooltip.setText(text);
        tooltip.autosize();
        double w = tooltip.prefWidth(-1);
        double h = tooltip.prefHeight(w);
        double tx = x + 16;
        double ty = y + 18;
        if (tx + w > canvas.getWidth()) {
            tx = Math.max(0, x - w - 12);
        }
        if (ty + h > canvas.getHeight()) {
            ty = Math.max(0, y - h - 12);
        }
        tooltip.resizeRelocate(tx, ty, w, h);
        tooltip.setVisible(true);
    }

    private void mousePressed(MouseEvent e) {
        getSkinnable().requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        lastDragX = e.getX();
        dragging = false;
        selectingRange = e.getButton() == MouseButton.PRIMARY && onAxis(e.getX(), e.getY());
    }

    private void mouseDragged(MouseEvent e) {
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) < CLICK_SLOP) {
            return;
        }
        dragging = true;
        tooltip.setVisible(false);
        Viewport vp = viewport();
        if (selectingRange) {
            long a = vp.time(pressX - plotX());
            long b = vp.time(Math.clamp(e.getX(), plotX(), plotX() + plotWidth()) - plotX());
            rangeStart = Math.min(a, b);
            rangeEnd = Math.max(a, b);
            dirty = true;
        } else {
            navigate(vp.panPixels(e.getX() - lastDragX));
        }
        lastDragX = e.getX();
    }

    private void mouseReleased(MouseEvent e) {
        if (dragging) {
            if (selectingRange && rangeEnd > rangeStart) {
                summarizeRange(rangeStart, rangeEnd);
            }
            dragging = false;
            return;
        }
        double x = e.getX();
        double y = e.getY();
        if (x < plotX() && y >= metrics().axisHeight()) {
            toggleRow(y);
            return;
        }
        if (!inPlot(x, y) && !onAxis(x, y)) {
            return;
        }
        int marker = plan.markerAt(x, y, metrics().scale());
        if (marker >= 0 && (plan.markerKind(marker) == Ink.ALERT_AXIS || plan.markerKind(marker) == Ink.ALERT_ROW)) {
            TraceStore store = getSkinnable().getStore();
            if (store != null && store.view().event(plan.markerRef(marker)) instanceof TraceEvent.Alert alert) {
                Selections s = selections();
                int id = s.intervalOf(alert);
                if (id >= 0) {
                    select(id, alert.time(), alert);
                }
                return;
            }
        }
        int id = inPlot(x, y) ? plan.intervalAt(x, y) : -1;
        if (id >= 0) {
            select(id, viewport().time(x - plotX()), null);
        } else if (inPlot(x, y)) {
            getSkinnable().clearSelection();
        }
    }

    private void toggleRow(double y) {
        if (layout == null) {
            return;
        }
        int r = layout.rowAt(y - metrics().axisHeight() + vbar.getValue());
        if (r < 0) {
            return;
        }
        RowLayout.Row row = layout.row(r);
        if (row.key() != null) {
            if (!autoCollapsed.remove(row.key()) && !collapsed.remove(row.key())) {
                collapsed.add(row.key());
            }
            layout = null;
            dirty = true;
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0 && e.getDeltaX() == 0) {
            return;
        }
        if (e.getX() < plotX() || e.isShiftDown()) {
            double d = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
            vbar.setValue(Math.clamp(vbar.getValue() - d, 0, vbar.getMax()));
        } else if (e.getDeltaY() != 0) {
            double notches = e.getDeltaY() / (e.getMultiplierY() > 0 ? e.getMultiplierY() : 40.0); // wheel up: zoom in
            double factor = Math.pow(0.8, Math.clamp(notches, -5, 5));
            navigate(viewport().zoomAt(e.getX() - plotX(), factor, maxSpan()));
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        TimelineKey key = TimelineKey.of(e);
        if (key == null) {
            return;
        }
        TimelineView c = getSkinnable();
        Viewport vp = viewport();
        double anchor = !Double.isNaN(mouseX) && mouseX >= plotX() ? mouseX - plotX() : vp.width() / 2;
        switch (key) {
            case ZOOM_IN -> navigate(vp.zoomAt(anchor, 0.8, maxSpan()));
            case ZOOM_OUT -> navigate(vp.zoomAt(anchor, 1.25, maxSpan()));
            case PAN_EARLIER -> navigate(vp.panPixels(vp.width() / 5));
            case PAN_LATER -> navigate(vp.panPixels(-vp.width() / 5));
            case FIT_SELECTION -> c.fitSelection();
            case FIT_ALL -> c.fitAll();
            case FOLLOW, FOLLOW_END -> c.setFollow(true);
            case CLEAR -> c.clearSelection();
        }
        e.consume();
    }

    // ---- search ----

    /** Looks for {@code text} off the FX thread; the control gets the matches when the search is done. */
    void search(String text) {
        searching = text;
        TimelineView control = getSkinnable();
        TraceStore store = control.getStore();
        if (text.isEmpty() || store == null) {
            control.setMatches(List.of());
            return;
        }
        TraceView view = store.view();
        catalog.update(view, Long.MAX_VALUE);
        String q = text.toLowerCase(java.util.Locale.ROOT);
        List<SearchMatch> rows = new java.util.ArrayList<>();
        catalog.locks().stream().filter(l -> l.name().toLowerCase(java.util.Locale.ROOT).contains(q))
                .forEach(l -> rows.add(new SearchMatch(SearchMatch.Kind.LOCK, l.name(), -1, -1)));
        catalog.members().stream().filter(m -> m.name().toLowerCase(java.util.Locale.ROOT).contains(q))
                .forEach(m -> rows.add(new SearchMatch(SearchMatch.Kind.MEMBER, m.name(), -1, -1)));
        catalog.groups().stream().filter(g -> g.goroutines() > 1 && g.key().toLowerCase(java.util.Locale.ROOT).contains(q))
                .forEach(g -> rows.add(new SearchMatch(SearchMatch.Kind.GROUP, g.key(), -1, -1)));
        TraceCatalog.Goroutines goroutines = catalog.goroutines();
        CompletableFuture.supplyAsync(() -> goroutinesNamed(view, goroutines, q), BACKGROUND)
                .thenAccept(found -> Platform.runLater(() -> {
                    if (searching.equals(text) && control.getStore() == store) {
                        List<SearchMatch> all = new java.util.ArrayList<>(rows);
                        all.addAll(found);
                        control.setMatches(all);
                    }
                }));
    }

    /** At most this many goroutines are listed as matches: a search for "send" in a big room finds too many. */
    private static final int MAX_GOROUTINE_MATCHES = 10_000;

    /** The goroutines whose name contains {@code q} (lower case), in the order they started; any thread. */
    private static List<SearchMatch> goroutinesNamed(TraceView view, TraceCatalog.Goroutines goroutines, String q) {
        List<SearchMatch> out = new java.util.ArrayList<>();
        // Rows in start order: the first matches are the ones kept.
        for (int i = 0; i < goroutines.count() && out.size() < MAX_GOROUTINE_MATCHES; i++) {
            int row = goroutines.spawnRow(i);
            if (row < view.size()) {
                String name = view.spawnName(row);
                if (name.toLowerCase(java.util.Locale.ROOT).contains(q)) {
                    out.add(new SearchMatch(SearchMatch.Kind.GOROUTINE, name, row, view.start(row)));
                }
            }
        }
        out.sort(java.util.Comparator.comparingLong(SearchMatch::start));
        return out;
    }

    /** Shows a match: a goroutine selected, its row and its start in view; a row marked and in view. */
    void reveal(SearchMatch match) {
        TimelineView control = getSkinnable();
        if (match.kind() != SearchMatch.Kind.GOROUTINE) {
            control.setSubject(List.of(match.name()));
            return;
        }
        if (select(match.interval(), Long.MIN_VALUE, null)) {
            long start = match.start();
            long span = control.getVisibleEnd() - control.getVisibleStart();
            if (start < control.getVisibleStart() || start > control.getVisibleEnd() - span / 10) {
                control.showRange(start - span / 4, start - span / 4 + span); // its start a quarter in
            }
        }
    }

    // ---- range summary ----

    private void summarizeRange(long from, long to) {
        TraceStore store = getSkinnable().getStore();
        if (store == null) {
            return;
        }
        TraceView view = store.view();
        catalog.update(view, Long.MAX_VALUE);
        TraceCatalog.Goroutines goroutines = catalog.goroutines();
        RangeSummaries job = new RangeSummaries(view, catalog.locks(), g -> goroutines.groupKey(view, g));
        CompletableFuture.supplyAsync(() -> job.summarize(from, to), BACKGROUND)
                .thenAccept(summary -> Platform.runLater(() -> {
                    if (rangeStart == from && rangeEnd == to) {
                        getSkinnable().setRangeSummary(summary);
                    }
                }));
    }

    private void showRangeSummary() {
        RangeSummary s = getSkinnable().getRangeSummary();
        if (s == null) {
            rangeLabel.setVisible(false);
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(Millis.seconds(s.start())).append(" – ").append(Millis.seconds(s.end()))
                .append("  (").append(Millis.duration(s.end() - s.start())).append(")");
        if (s.rows().isEmpty()) {
            b.append("\nno waits");
        }
        for (RangeSummary.Row row : s.rows()) {
            b.append(String.format("%n%-16s %5d waits   total %-9s  max %s", row.name(), row.waits(),
                    Millis.duration(row.totalWait()), Millis.duration(row.maxWait())));
        }
        rangeLabel.setText(b.toString());
        rangeLabel.setFont(Font.font("Monospaced", metrics().fontSize()));
        rangeLabel.autosize();
        rangeLabel.setVisible(true);
    }
}
