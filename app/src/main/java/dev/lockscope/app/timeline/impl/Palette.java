package dev.lockscope.app.timeline.impl;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;

/**
 * The timeline's colours, one per {@link Role}: immutable, made by the skin from the control's styleable colour
 * properties (so that a theme's style sheet reaches the canvas) and handed to the {@link FramePainter}.
 *
 * <p>The defaults ({@link #LIGHT}) are the Okabe&ndash;Ito palette, which stays distinguishable with the common
 * forms of colour blindness, on white. Waiting is vermillion <em>and</em> hatched with an outline, so it reads as
 * trouble without colour too; read holds are blue, write holds reddish purple; sends are yellow stripes. Waits on
 * primitives are hatched and outlined as lock waits are, in a colour per operation: a channel send blue, a
 * receive bluish green, a select violet, a WaitGroup, Cond or Once wait olive; values in a buffer are sky blue.
 */
public final class Palette {
    /** What a colour is for. */
    public enum Role {
        BACKGROUND("#FFFFFF"), ROW_ALT("#F6F7F9"), SECTION("#E4E7EC"), GROUP("#EEF0F3"), GRID("#E2E4E8"),
        TEXT("#1B1F24"), MUTED("#5A6270"), TEXT_ON_BAR("#FFFFFF"),
        RUNNING("#A9AFB8"), IDLE("#D3D7DD"), READ("#0072B2"), WRITE("#CC79A7"),
        WAITING("#D55E00"), WAIT_STRIPE("#7A2E00"), WAIT_OUTLINE("#5A1F00"), SENDING("#F0E442"),
        WAITERS("#D55E00"), IN_FLIGHT("#56B4E9"), INK("#000000"),
        ALERT("#D55E00"), COMMAND("#009E73"), RELOAD("#E69F00"), PLAYHEAD("#A16F00"), RANGE("#0072B2"),
        SUBJECT("#E69F00"),
        CHAN_SEND("#0072B2"), CHAN_RECV("#009E73"), SELECT("#8A63D2"), SYNC_WAIT("#999933"), BUFFERED("#56B4E9");

        private final Color light;

        Role(String light) {
            this.light = Color.web(light);
        }

        /** The colour in the default, light look. */
        public Color light() {
            return light;
        }
    }

    /** The default look: {@link Role#light()} for every role. */
    public static final Palette LIGHT = new Palette(Role::light);

    private final Map<Role, Color> colors = new EnumMap<>(Role.class);
    /** The hatch of waits, made the first time it is painted (an image; only on the FX thread). */
    private Paint hatch;
    /** The hatches of the waits on primitives, by style, made as {@link #hatch} is. */
    private final Paint[] primHatches = new Paint[Ink.STYLES];

    /** A palette taking each role's colour from {@code colorOf}. */
    public Palette(Function<Role, Color> colorOf) {
        for (Role r : Role.values()) {
            colors.put(r, colorOf.apply(r));
        }
    }

    public Color get(Role role) {
        return colors.get(role);
    }

    /** The fill of a plan style. */
    public Paint fill(byte style) {
        return switch (style) {
            case Ink.RUNNING -> get(Role.RUNNING);
            case Ink.SLEEPING, Ink.PARKED -> get(Role.IDLE);
            case Ink.SENDING -> get(Role.SENDING);
            case Ink.HOLD_READ -> get(Role.READ);
            case Ink.HOLD_WRITE -> get(Role.WRITE);
            case Ink.WAITING -> waitingHatch();
            case Ink.CHAN_SEND, Ink.CHAN_RECV, Ink.SELECT, Ink.SYNC_WAIT -> hatch(style);
            case Ink.BUFFERED -> get(Role.BUFFERED);
            case Ink.WAITERS -> get(Role.WAITERS);
            case Ink.MEMBER_SEND -> get(Role.IN_FLIGHT);
            case Ink.DELIVERY -> get(Role.INK);
            default -> get(Role.MUTED);
        };
    }

    /** The waiting colour crossed by diagonal stripes, 8 px to a tile. */
    public Paint waitingHatch() {
        if (hatch == null) {
            hatch = stripes(get(Role.WAITING));
        }
        return hatch;
    }

    /**
     * A wait on a primitive: its colour crossed by the same stripes as a lock wait, so that every wait reads as
     * one, and its colour says on what.
     */
    private Paint hatch(byte style) {
        if (primHatches[style] == null) {
            Role role = switch (style) {
                case Ink.CHAN_SEND -> Role.CHAN_SEND;
                case Ink.CHAN_RECV -> Role.CHAN_RECV;
                case Ink.SELECT -> Role.SELECT;
                default -> Role.SYNC_WAIT;
            };
            primHatches[style] = stripes(get(role));
        }
        return primHatches[style];
    }

    private Paint stripes(Color base) {
        int n = 8;
        WritableImage image = new WritableImage(n, n);
        Color stripe = get(Role.WAIT_STRIPE);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                image.getPixelWriter().setColor(x, y, Math.floorMod(x + y, n) < 2 ? stripe : base);
            }
        }
        return new ImagePattern(image, 0, 0, n, n, false);
    }

    /** Whether {@code other} has the same colours. */
    public boolean sameAs(Palette other) {
        return colors.equals(other.colors);
    }
}
