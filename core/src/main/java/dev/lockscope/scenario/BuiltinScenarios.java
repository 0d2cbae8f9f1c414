package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scenarios that ship with Lockscope: JSON files in {@code /scenarios/} on the class path, listed with a
 * one-line description in {@code /scenarios/index.txt} (one {@code name: description} per line, in display
 * order). Only names in the index load, so a name can never reach another resource. A built-in that fails to
 * parse is a packaging bug and throws {@link IllegalStateException}.
 */
public final class BuiltinScenarios {
    private static final String DIR = "/scenarios/";

    /** A built-in's name, as given to {@link #byName}, and what it shows. */
    public record Entry(String name, String description) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }

    private BuiltinScenarios() {}

    /** All built-ins in index order. */
    public static List<Entry> list() {
        try (InputStream in = resource("index.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + "index.txt");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Entry> entries = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                int colon = line.indexOf(':');
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                entries.add(new Entry(line.substring(0, colon).strip(), line.substring(colon + 1).strip()));
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of all built-ins, in index order. */
    public static List<String> names() {
        return list().stream().map(Entry::name).toList();
    }

    /** The built-in called {@code name}, or empty when there is none. */
    public static Optional<Scenario> byName(String name) {
        if (!names().contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = resource(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("built-in " + name + " is in the index but has no file");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Optional.of(ScenarioJson.read("built-in " + name, reader));
            }
        } catch (InputException e) {
            throw new IllegalStateException("broken built-in scenario: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String file) {
        return BuiltinScenarios.class.getResourceAsStream(DIR + file);
    }
}
