package dev.lockscope.app.timeline.impl;

import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;

/**
 * The timeline's colours: the Okabe&ndash;Ito palette, chosen to stay distinguishable with the common forms of
 * colour blindness, on a white background (projectors wash out dark themes). Waiting is vermillion
 * <em>and</em> hatched with a dark outline, so it reads as trouble without colour too; read holds are blue,
 * write holds reddish purple; sends are yellow stripes (the bar under them says what is held meanwhile).
 */
public final class Palette {
    public static final Color BLACK = Color.web("#000000");
    public static final Color ORANGE = Color.web("#E69F00");
    public static final Color SKY_BLUE = Color.web("#56B4E9");
    public static final Color BLUISH_GREEN = Color.web("#009E73");
    public static final Color YELLOW = Color.web("#F0E442");
    public static final Color BLUE = Color.web("#0072B2");
    public static final Color VERMILLION = Color.web("#D55E00");
    public static final Color REDDISH_PURPLE = Color.web("#CC79A7");

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color ROW_ALT = Color.web("#F6F7F9");
    public static final Color SECTION = Color.web("#E4E7EC");
    public static final Color GROUP = Color.web("#EEF0F3");
    public static final Color GRID = Color.web("#E2E4E8");
    public static final Color TEXT = Color.web("#1B1F24");
    public static final Color MUTED = Color.web("#5A6270");
    public static final Color RUNNING = Color.web("#A9AFB8");
    public static final Color IDLE = Color.web("#D3D7DD");
    public static final Color MARK = Color.web("#E69F00", 0.16);
    public static final Color MARK_EDGE = Color.web("#E69F00");

    private static Paint hatch;

    private Palette() {}

    /** The fill of a plan style. */
    public static Paint fill(byte style) {
        return switch (style) {
            case Ink.RUNNING -> RUNNING;
            case Ink.SLEEPING, Ink.PARKED -> IDLE;
            case Ink.SENDING -> YELLOW;
            case Ink.HOLD_READ -> BLUE;
            case Ink.HOLD_WRITE -> REDDISH_PURPLE;
            case Ink.WAITING -> waitingHatch();
            case Ink.WAITERS -> VERMILLION;
            case Ink.MEMBER_SEND -> SKY_BLUE;
            case Ink.DELIVERY -> BLACK;
            default -> MUTED;
        };
    }

    /** Vermillion crossed by dark diagonal stripes, 8 px to a tile. */
    public static Paint waitingHatch() {
        if (hatch == null) {
            int n = 8;
            WritableImage image = new WritableImage(n, n);
            Color dark = Color.web("#7A2E00");
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int d = Math.floorMod(x + y, n);
                    image.getPixelWriter().setColor(x, y, d < 2 ? dark : VERMILLION);
                }
            }
            hatch = new ImagePattern(image, 0, 0, n, n, false);
        }
        return hatch;
    }
}
