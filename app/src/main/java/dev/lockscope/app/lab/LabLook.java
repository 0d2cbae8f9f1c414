package dev.lockscope.app.lab;

import dev.lockscope.app.timeline.TimelineView;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Scene;
import javafx.scene.paint.Color;

/**
 * The lab's look: the light or dark theme, and the text size (View menu, and larger text while a lesson is
 * presented, the user's own size back after it). It starts from the settings and writes them back with
 * {@link #remember()}.
 *
 * <p>Invariants, on the FX thread: the scene's stylesheets are {@code lab.css}, then {@code dark.css} when the
 * theme is dark; the font scale stays within {@link LabSettings#MIN_FONT_SCALE} and
 * {@link LabSettings#MAX_FONT_SCALE}; the scene root's font size is {@value #BASE_FONT_PX} px times the scale,
 * and the timeline, which draws its own text, is scaled alike (within 0.5 to 4).
 */
final class LabLook {
    private static final double BASE_FONT_PX = 13;

    private final Scene scene;
    private final TimelineView timeline;
    private final StringProperty message;
    private final LabSettings settings;
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");
    private final ReadOnlyDoubleWrapper fontScale = new ReadOnlyDoubleWrapper(this, "fontScale");
    /** The user's text size while a lesson is presented larger, restored after it; negative when not presenting. */
    private double scaleBeforePresenting = -1;
    /** The panel whose charts follow the theme; {@code null} until the side panels are built. */
    private MetricsPanel charts;

    /** Applies the settings' theme and text size to {@code scene} and {@code timeline} at once. */
    LabLook(Scene scene, TimelineView timeline, StringProperty message, LabSettings settings) {
        this.scene = scene;
        this.timeline = timeline;
        this.message = message;
        this.settings = settings;
        darkTheme.set(settings.darkTheme());
        fontScale.set(settings.fontScale());
        darkTheme.addListener((o, was, on) -> applyTheme());
        applyTheme();
        applyFontScale();
    }

    /** True for the dark theme; the View menu's check item is bound to it. */
    BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    void toggleDarkTheme() {
        darkTheme.set(!darkTheme.get());
    }

    /** Gives {@code panel}'s charts the theme's colours, now and whenever the theme changes. */
    void styleCharts(MetricsPanel panel) {
        charts = panel;
        applyChartColors();
    }

    /** The text size, times normal; the window lays its panes out again when it changes. */
    ReadOnlyDoubleProperty fontScaleProperty() {
        return fontScale.getReadOnlyProperty();
    }

    /** Multiplies the text size by {@code factor} (within the limits), and says so in the status bar. */
    void scaleFont(double factor) {
        setFontScale(fontScale.get() * factor);
    }

    /** Sets the text size to {@code scale} times normal (within the limits), and says so in the status bar. */
    void setFontScale(double scale) {
        scaleTo(scale);
        message.set(String.format("Text size %.0f%%", fontScale.get() * 100));
    }

    private void scaleTo(double scale) {
        fontScale.set(Math.max(LabSettings.MIN_FONT_SCALE, Math.min(LabSettings.MAX_FONT_SCALE, scale)));
        applyFontScale();
    }

    /**
     * Presentation mode: while on, text is at least {@code scale} times normal (it never shrinks what the user
     * chose); when it ends, the text size the user had before comes back, whatever happened meanwhile.
     */
    void presenting(boolean on, double scale) {
        if (on && scaleBeforePresenting < 0) {
            scaleBeforePresenting = fontScale.get();
            scaleTo(Math.max(fontScale.get(), scale));
        } else if (!on && scaleBeforePresenting >= 0) {
            double before = scaleBeforePresenting;
            scaleBeforePresenting = -1;
            scaleTo(before);
        }
    }

    /** Writes the theme and the user's text size (not a presentation's) to the settings (the caller saves them). */
    void remember() {
        settings.setDarkTheme(darkTheme.get());
        settings.setFontScale(scaleBeforePresenting >= 0 ? scaleBeforePresenting : fontScale.get());
    }

    private void applyTheme() {
        scene.getStylesheets().setAll(css("lab.css"));
        if (darkTheme.get()) {
            scene.getStylesheets().add(css("dark.css"));
        }
        applyChartColors();
    }

    private void applyChartColors() {
        if (charts != null) {
            boolean dark = darkTheme.get();
            charts.setChartColors(dark ? Color.web("#6ea8fe") : Color.web("#2f6fca"),
                    dark ? Color.web("#ffc861") : Color.web("#e08a00"));
        }
    }

    private void applyFontScale() {
        scene.getRoot().setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * fontScale.get()));
        timeline.setScale(Math.max(0.5, Math.min(4, fontScale.get())));
    }

    private static String css(String name) {
        return LabLook.class.getResource(name).toExternalForm();
    }
}
