package dev.lockscope.app.timeline;

import dev.lockscope.app.timeline.impl.Palette;
import javafx.scene.paint.Color;

/**
 * The colours a {@link TimelineView} draws with, each a styleable property of the control
 * ({@link TimelineView#colorProperty(TimelineColor)}) with a CSS property of its own, so that a style sheet reaches
 * the canvas:
 *
 * <pre>{@code
 * .timeline-view {
 *     -timeline-background: #181b1f;
 *     -timeline-text: #e6e8eb;
 *     -timeline-read: #3d9be0;
 * }
 * }</pre>
 *
 * The defaults are the light look (docs/timeline.md, "Colours"): the Okabe&ndash;Ito palette on white.
 */
public enum TimelineColor {
    /** The plot, the axis and the row labels. */
    BACKGROUND(Palette.Role.BACKGROUND, "-timeline-background"),
    /** Every other row, and the legend. */
    ROW_ALT(Palette.Role.ROW_ALT, "-timeline-row-alt"),
    /** A section header row (Locks, Goroutines, Members). */
    SECTION(Palette.Role.SECTION, "-timeline-section"),
    /** A goroutine group's header row. */
    GROUP(Palette.Role.GROUP, "-timeline-group"),
    /** The time grid. */
    GRID(Palette.Role.GRID, "-timeline-grid"),
    /** Labels, ticks and captions. */
    TEXT(Palette.Role.TEXT, "-timeline-text"),
    /** Secondary text and rules. */
    MUTED(Palette.Role.MUTED, "-timeline-muted"),
    /** Text on a coloured bar, and the strokes of the member glyphs. */
    TEXT_ON_BAR(Palette.Role.TEXT_ON_BAR, "-timeline-text-on-bar"),
    /** A goroutine running (the thin bar). */
    RUNNING(Palette.Role.RUNNING, "-timeline-running"),
    /** A goroutine sleeping or parked. */
    IDLE(Palette.Role.IDLE, "-timeline-idle"),
    /** A read hold (RLock). */
    READ(Palette.Role.READ, "-timeline-read"),
    /** A write hold (Lock). */
    WRITE(Palette.Role.WRITE, "-timeline-write"),
    /** A wait for a lock, under its stripes. */
    WAITING(Palette.Role.WAITING, "-timeline-waiting"),
    /** The stripes of a wait. */
    WAIT_STRIPE(Palette.Role.WAIT_STRIPE, "-timeline-wait-stripe"),
    /** The outline of a wait. */
    WAIT_OUTLINE(Palette.Role.WAIT_OUTLINE, "-timeline-wait-outline"),
    /** A goroutine sending to a member. */
    SENDING(Palette.Role.SENDING, "-timeline-sending"),
    /** The waiter count under a lock. */
    WAITERS(Palette.Role.WAITERS, "-timeline-waiters"),
    /** A send in flight to a member. */
    IN_FLIGHT(Palette.Role.IN_FLIGHT, "-timeline-in-flight"),
    /** Arrows, outlines, deliveries and the "now" line. */
    INK(Palette.Role.INK, "-timeline-ink"),
    /** Alert diamonds. */
    ALERT(Palette.Role.ALERT, "-timeline-alert"),
    /** Command flags, joins and latency changes. */
    COMMAND(Palette.Role.COMMAND, "-timeline-command"),
    /** Reload markers. */
    RELOAD(Palette.Role.RELOAD, "-timeline-reload"),
    /** The replay's playhead. */
    PLAYHEAD(Palette.Role.PLAYHEAD, "-timeline-playhead"),
    /** A time range dragged out on the axis. */
    RANGE(Palette.Role.RANGE, "-timeline-range"),
    /** The band on the rows of the {@linkplain TimelineView#subjectProperty() subject}. */
    SUBJECT(Palette.Role.SUBJECT, "-timeline-subject"),
    /** A goroutine blocked sending on a channel, and a channel's waiting senders (hatched). */
    CHAN_SEND(Palette.Role.CHAN_SEND, "-timeline-chan-send"),
    /** A goroutine blocked receiving from a channel, and a channel's waiting receivers (hatched). */
    CHAN_RECV(Palette.Role.CHAN_RECV, "-timeline-chan-recv"),
    /** A goroutine blocked in a {@code select} (hatched). */
    SELECT(Palette.Role.SELECT, "-timeline-select"),
    /** A goroutine blocked on a WaitGroup, a Cond or a Once (hatched). */
    SYNC_WAIT(Palette.Role.SYNC_WAIT, "-timeline-sync-wait"),
    /** The values in a channel's buffer. */
    BUFFERED(Palette.Role.BUFFERED, "-timeline-buffered");

    private final Palette.Role role;
    private final String cssProperty;

    TimelineColor(Palette.Role role, String cssProperty) {
        this.role = role;
        this.cssProperty = cssProperty;
    }

    /** The CSS property that sets it, such as {@code -timeline-background}. */
    public String cssProperty() {
        return cssProperty;
    }

    /** Its default, the light look. */
    public Color initial() {
        return role.light();
    }

    Palette.Role role() {
        return role;
    }
}
