package dev.lockscope.app.lab;

import dev.lockscope.app.timeline.TimelineView;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * The lab's look: the theme (light, dark, or high contrast for a projector), and the text size (View menu), larger for the presented content while a
 * lesson is presented. It starts from the settings and writes them back with {@link #remember()}.
 *
 * <p>Invariants, on the FX thread: the scene's stylesheets are {@code lab.css}, then the theme's own
 * ({@link Theme#styleSheet()}), which also colours the timeline's canvas; the user's font scale stays within {@link LabSettings#MIN_FONT_SCALE} and
 * {@link LabSettings#MAX_FONT_SCALE}, and the scene root's font size is {@value #BASE_FONT_PX} px times it. While a
 * lesson is presented, the presented content (caption, timeline, code) is at least {@code presentingScale} times
 * normal, the {@linkplain #contentScaleProperty() content scale}; the menus, the toolbar and the status bar, which
 * are the presenter's, keep the user's size, and so does everything once the lesson ends. The timeline, which draws
 * its own text, follows the content scale (within 0.5 to 4).
 */
final class LabLook {
    private static final double BASE_FONT_PX = 13;

    private final Scene scene;
    private final TimelineView timeline;
    private final StringProperty message;
    private final LabSettings settings;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ReadOnlyDoubleWrapper contentScale = new ReadOnlyDoubleWrapper(this, "contentScale");
    private double fontScale;
    /** The presented content while a lesson is presented, else {@code null}. */
    private Node presented;
    private double presentingScale;
    /** The panel whose charts follow the theme; {@code null} until the side panels are built. */
    private MetricsPanel charts;

    /** Applies the settings' theme and text size to {@code scene} and {@code timeline} at once. */
    LabLook(Scene scene, TimelineView timeline, StringProperty message, LabSettings settings) {
        this.scene = scene;
        this.timeline = timeline;
        this.message = message;
        this.settings = settings;
        theme.set(Theme.ofId(settings.theme()));
        fontScale = settings.fontScale();
        theme.addListener((o, was, now) -> applyTheme());
        applyTheme();
        applyFontScale();
    }

    /** The theme; the View menu's radio items are bound to it. Never null. */
    ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** The next theme (Ctrl+T): light, dark, projector, light. */
    void nextTheme() {
        theme.set(theme.get().next());
        message.set("Theme: " + theme.get().label());
    }

    /** Gives {@code panel}'s charts the theme's colours, now and whenever the theme changes. */
    void styleCharts(MetricsPanel panel) {
        charts = panel;
        applyChartColors();
    }

    /**
     * The text size of the window's content, times normal: the user's, or while a lesson is presented the
     * presented content's. The window lays its panes out again when it changes.
     */
    ReadOnlyDoubleProperty contentScaleProperty() {
        return contentScale.getReadOnlyProperty();
    }

    /** The user's text size, times normal. */
    double fontScale() {
        return fontScale;
    }

    /** Multiplies the text size by {@code factor} (within the limits), and says so in the status bar. */
    void scaleFont(double factor) {
        setFontScale(fontScale * factor);
    }

    /** Sets the text size to {@code scale} times normal (within the limits), and says so in the status bar. */
    void setFontScale(double scale) {
        fontScale = Math.max(LabSettings.MIN_FONT_SCALE, Math.min(LabSettings.MAX_FONT_SCALE, scale));
        applyFontScale();
        message.set(String.format("Text size %.0f%%", fontScale * 100));
    }

    /**
     * Presentation mode: while {@code content} is presented, its text is at least {@code scale} times normal (never
     * smaller than the user's); {@code null} ends it, and the content takes the user's size again.
     */
    void present(Node content, double scale) {
        if (presented != null && presented != content) {
            presented.setStyle("");
        }
        presented = content;
        presentingScale = scale;
        applyFontScale();
    }

    /** Writes the theme and the user's text size to the settings (the caller saves them). */
    void remember() {
        settings.setTheme(theme.get().id());
        settings.setFontScale(fontScale);
    }

    private void applyTheme() {
        if (theme.get() == null) {
            theme.set(Theme.LIGHT);
            return;
        }
        scene.getStylesheets().setAll(css("lab.css"));
        theme.get().styleSheet().ifPresent(sheet -> scene.getStylesheets().add(css(sheet)));
        applyChartColors();
    }

    private void applyChartColors() {
        if (charts != null) {
            boolean dark = theme.get() == Theme.DARK;
            charts.setChartColors(dark ? Color.web("#6ea8fe") : Color.web("#2f6fca"),
                    dark ? Color.web("#ffc861") : Color.web("#e08a00"));
        }
    }

    private void applyFontScale() {
        scene.getRoot().setStyle(fontSize(fontScale));
        double content = presented == null ? fontScale : Math.max(fontScale, presentingScale);
        if (presented != null) {
            presented.setStyle(fontSize(content));
        }
        timeline.setScale(Math.max(0.5, Math.min(4, content)));
        contentScale.set(content);
    }

    private static String fontSize(double scale) {
        return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * scale);
    }

    private static String css(String name) {
        return LabLook.class.getResource(name).toExternalForm();
    }
}
