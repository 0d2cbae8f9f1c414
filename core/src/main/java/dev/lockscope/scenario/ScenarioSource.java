package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves what a user typed for a scenario: an existing file wins, then a built-in of that name. A file named
 * like a built-in therefore shadows it, which is what someone editing a copy in the working directory expects.
 */
public final class ScenarioSource {
    private ScenarioSource() {}

    /** Loads the file {@code fileOrBuiltinName} if it exists, else the built-in of that name. */
    public static Scenario load(String fileOrBuiltinName) throws InputException {
        Optional<Path> file = file(fileOrBuiltinName);
        if (file.isPresent()) {
            return ScenarioJson.read(file.get());
        }
        var builtin = BuiltinScenarios.byName(fileOrBuiltinName);
        if (builtin.isPresent()) {
            return builtin.get();
        }
        // The source is phrased so the whole message reads "unknown scenario X: not a file and not a built-in ...".
        throw new InputException("unknown scenario " + fileOrBuiltinName, 0, "",
                "not a file and not a built-in (built-ins: " + String.join(", ", BuiltinScenarios.names()) + ")");
    }

    /**
     * Like {@link #load}, but a relative file name is first looked up in {@code dir} (the folder of the sweep or
     * lesson file that names it).
     */
    public static Scenario load(String fileOrBuiltinName, Path dir) throws InputException {
        Path relative = dir == null ? null : pathOrNull(dir.toString(), fileOrBuiltinName);
        return load(relative != null && Files.isRegularFile(relative) ? relative.toString() : fileOrBuiltinName);
    }

    /** The file {@link #load(String)} reads for {@code fileOrBuiltinName}; empty for a built-in or unknown name. */
    public static Optional<Path> file(String fileOrBuiltinName) {
        Path path = pathOrNull(fileOrBuiltinName);
        return path != null && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The file {@link #load(String, Path)} reads; empty for a built-in or unknown name. */
    public static Optional<Path> file(String fileOrBuiltinName, Path dir) {
        Path relative = dir == null ? null : pathOrNull(dir.toString(), fileOrBuiltinName);
        return relative != null && Files.isRegularFile(relative) ? Optional.of(relative) : file(fileOrBuiltinName);
    }

    private static Path pathOrNull(String dir, String name) {
        try {
            return Path.of(dir).resolve(name);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private static Path pathOrNull(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
