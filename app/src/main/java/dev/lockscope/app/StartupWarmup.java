package dev.lockscope.app;

import dev.lockscope.scenario.BuiltinScenarios;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads, on a background thread, the classes a start of the lab needs, while the FX thread is busy starting the
 * toolkit and building the window: the same idea as the JDK's own class list for its shared archive, without
 * an archive (which cannot hold classes from directories, and {@code mvn javafx:run} runs from them).
 *
 * <p>The list, {@code startup-classes.txt} beside this class, holds the classes a start loaded after the toolkit
 * was up, in their order, one package per line: {@code package Class Class$Inner ...}. Regenerate it with
 * {@code tools/startup-classes.sh} when the start changes a lot; {@code StartupWarmupTest} fails when a listed
 * class no longer exists.
 *
 * <p><b>Safety.</b> Classes are only loaded, not initialised ({@code Class.forName(name, false, loader)}):
 * no static initialiser runs on this thread, so the toolkit's single-threaded start-up code still runs on
 * the FX thread, in its order. Loading is thread-safe; if both threads want a class at once, one waits for the
 * other. The thread is a daemon and never fails the start: a class that cannot be loaded is skipped. Lockscope's
 * own scenario parser is warmed by parsing the built-in {@code article}, which has no side effect.
 */
public final class StartupWarmup {
    static final String LIST = "startup-classes.txt";

    private StartupWarmup() {}

    /** Starts the warm-up thread and returns at once. */
    public static void start(ClassLoader loader) {
        Thread.ofPlatform().name("lockscope-warmup").daemon().priority(Thread.MIN_PRIORITY).start(() -> run(loader));
    }

    private static void run(ClassLoader loader) {
        List<String> names;
        try {
            names = classNames();
        } catch (UncheckedIOException e) {
            return; // the jar cannot be read: the start goes on without help
        }
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // a stale entry, or a class this platform lacks: the FX thread will load what it really needs
            }
        }
        BuiltinScenarios.byName("article");
    }

    /** The listed class names, in order. */
    static List<String> classNames() {
        try (InputStream in = StartupWarmup.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>(4096);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] parts = line.strip().split(" ");
                for (int i = 1; i < parts.length; i++) {
                    names.add(parts[0] + "." + parts[i]);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
