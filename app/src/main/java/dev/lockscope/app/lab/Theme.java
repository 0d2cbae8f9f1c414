package dev.lockscope.app.lab;

import java.util.Optional;

/**
 * The lab's looks. Each is {@code lab.css} plus, for all but the light one, a style sheet of its own that sets the
 * lab's colours and the timeline's ({@code .timeline-view { -timeline-background: ...; }}, see
 * {@link dev.lockscope.app.timeline.TimelineColor}), so that a theme reaches the timeline's canvas.
 */
enum Theme {
    LIGHT("light", "Light", null),
    DARK("dark", "Dark", "dark.css"),
    /** High contrast for a projector, which washes out pale colours and thin lines. */
    PROJECTOR("projector", "Projector (high contrast)", "projector.css");

    private final String id;
    private final String label;
    private final String styleSheet;

    Theme(String id, String label, String styleSheet) {
        this.id = id;
        this.label = label;
        this.styleSheet = styleSheet;
    }

    /** As the settings write it. */
    String id() {
        return id;
    }

    /** As the View menu shows it. */
    String label() {
        return label;
    }

    /** The style sheet over lab.css, if any. */
    Optional<String> styleSheet() {
        return Optional.ofNullable(styleSheet);
    }

    /** The next in the menu's order, the first after the last (Ctrl+T). */
    Theme next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The theme of a settings id; light for an unknown one. */
    static Theme ofId(String id) {
        for (Theme t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return LIGHT;
    }
}
