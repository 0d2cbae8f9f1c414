package dev.lockscope.app.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the lab remembers between runs, in {@code settings.properties} under its home directory: the theme, the
 * font scale, recent files, the window's bounds and split positions, whether alerts pop up. The home is {@code ~/.lockscope}, or the
 * system property {@code lockscope.home} (tests point it at a temporary directory). A missing or unreadable file
 * gives the defaults; a failed save is reported to the caller and changes nothing else.
 */
public final class LabSettings {
    public static final int MAX_RECENT = 8;
    public static final double MIN_FONT_SCALE = 0.75;
    public static final double MAX_FONT_SCALE = 2.5;

    private final Path file;
    private final Properties props = new Properties();

    private LabSettings(Path file) {
        this.file = file;
    }

    /** The home directory: {@code lockscope.home}, or {@code ~/.lockscope}. */
    public static Path defaultHome() {
        String home = System.getProperty("lockscope.home");
        return home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".lockscope");
    }

    /** Loads the settings under {@code home}; defaults when there are none. */
    public static LabSettings load(Path home) {
        LabSettings s = new LabSettings(home.resolve("settings.properties"));
        if (Files.isRegularFile(s.file)) {
            try (Reader in = Files.newBufferedReader(s.file)) {
                s.props.load(in);
            } catch (IOException | IllegalArgumentException e) {
                s.props.clear(); // unreadable: start from the defaults
            }
        }
        return s;
    }

    public void save() throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".settings", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp)) {
            props.store(out, "Lockscope lab settings");
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Path file() {
        return file;
    }

    /** The theme's id: {@code light} (the default), {@code dark} or {@code projector}. */
    public String theme() {
        return props.getProperty("theme", "light");
    }

    public void setTheme(String id) {
        props.setProperty("theme", id);
    }

    public double fontScale() {
        return clamp(number("fontScale", 1.0), MIN_FONT_SCALE, MAX_FONT_SCALE);
    }

    public void setFontScale(double scale) {
        props.setProperty("fontScale", String.valueOf(clamp(scale, MIN_FONT_SCALE, MAX_FONT_SCALE)));
    }

    /** Most recent first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String p = props.getProperty("recent." + i);
            if (p != null) {
                out.add(Path.of(p));
            }
        }
        return out;
    }

    /** Puts {@code file} first in the recent files, once. */
    public void addRecent(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentFiles());
        list.remove(abs);
        list.addFirst(abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                props.setProperty("recent." + i, list.get(i).toString());
            } else {
                props.remove("recent." + i);
            }
        }
    }

    /** Whether the timeline gives every goroutine a row of its own (else it packs them into lanes). */
    public boolean rowPerGoroutine() {
        return Boolean.parseBoolean(props.getProperty("rowPerGoroutine", "false"));
    }

    public void setRowPerGoroutine(boolean on) {
        props.setProperty("rowPerGoroutine", String.valueOf(on));
    }

    /** The folder a kind of file (sweep, lesson) was last opened from, if any. */
    public java.util.Optional<Path> lastDirectory(String kind) {
        return java.util.Optional.ofNullable(props.getProperty("dir." + kind)).map(Path::of);
    }

    public void setLastDirectory(String kind, Path dir) {
        props.setProperty("dir." + kind, dir.toString());
    }

    /** x, y, width, height, or null when never saved. */
    public double[] windowBounds() {
        String v = props.getProperty("window");
        if (v == null) {
            return null;
        }
        try {
            String[] parts = v.split(",");
            if (parts.length != 4) {
                return null;
            }
            double[] b = new double[4];
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].strip());
            }
            return b[2] >= 400 && b[3] >= 300 ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void setWindowBounds(double x, double y, double w, double h) {
        props.setProperty("window", x + "," + y + "," + w + "," + h);
    }

    public boolean maximized() {
        return Boolean.parseBoolean(props.getProperty("maximized", "false"));
    }

    public void setMaximized(boolean m) {
        props.setProperty("maximized", String.valueOf(m));
    }

    /** A split pane's divider positions as the user left them, or {@code fallback} (which may be {@code null}). */
    public double[] dividers(String name, double[] fallback) {
        String v = props.getProperty("dividers." + name);
        if (v == null) {
            return fallback;
        }
        try {
            String[] parts = v.split(",");
            if (fallback != null && parts.length != fallback.length) {
                return fallback;
            }
            double[] d = new double[parts.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = clamp(Double.parseDouble(parts[i]), 0.05, 0.95);
            }
            return d;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Remembers a split pane's divider positions; {@code null} forgets them. */
    public void setDividers(String name, double[] positions) {
        if (positions == null) {
            props.remove("dividers." + name);
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (double p : positions) {
            sb.append(sb.isEmpty() ? "" : ",").append(p);
        }
        props.setProperty("dividers." + name, sb.toString());
    }

    /**
     * Whether a live run's alerts pop up over the timeline (never while a lesson is presented). Off by default: the
     * docked alert strip always shows them, and a pop-up is for those who ask for it.
     */
    public boolean alertPopups() {
        return Boolean.parseBoolean(props.getProperty("alertPopups", "false"));
    }

    public void setAlertPopups(boolean on) {
        props.setProperty("alertPopups", String.valueOf(on));
    }

    /** The port last attached to, as typed; empty before the first attach. */
    public String lastAttachPort() {
        return props.getProperty("attachPort", "");
    }

    public void setLastAttachPort(String port) {
        props.setProperty("attachPort", port);
    }

    private double number(String key, double fallback) {
        try {
            String v = props.getProperty(key);
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
    }
}
