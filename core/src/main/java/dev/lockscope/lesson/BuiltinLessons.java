package dev.lockscope.lesson;

import dev.lockscope.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lessons that ship with Lockscope, from {@code /lessons/} on the class path, listed in its index. */
public final class BuiltinLessons {
    private static final String DIR = "/lessons/";

    /** A lesson's name and one-line description. */
    public record Entry(String name, String description) {}

    private BuiltinLessons() {}

    public static List<Entry> list() {
        try (InputStream in = BuiltinLessons.class.getResourceAsStream(DIR + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + "index.txt");
            }
            List<Entry> entries = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    entries.add(new Entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
                }
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Lesson> byName(String name) {
        if (list().stream().noneMatch(e -> e.name().equals(name))) {
            return Optional.empty();
        }
        try (InputStream in = BuiltinLessons.class.getResourceAsStream(DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("lesson " + name + " is in the index but has no file");
            }
            return Optional.of(LessonJson.read("lesson " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    null));
        } catch (InputException e) {
            throw new IllegalStateException("broken built-in lesson: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
