package dev.lockscope.scenario;

import dev.lockscope.io.InputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves what a user typed for a scenario: an existing file wins, then a built-in of that name. A file named
 * like a built-in therefore shadows it, which is what someone editing a copy in the working directory expects.
 */
public final class ScenarioSource {
    private ScenarioSource() {}

    /** Loads the file {@code fileOrBuiltinName} if it exists, else the built-in of that name. */
    public static Scenario load(String fileOrBuiltinName) throws InputException {
        Path path = pathOrNull(fileOrBuiltinName);
        if (path != null && Files.isRegularFile(path)) {
            return ScenarioJson.read(path);
        }
        var builtin = BuiltinScenarios.byName(fileOrBuiltinName);
        if (builtin.isPresent()) {
            return builtin.get();
        }
        // The source is phrased so the whole message reads "unknown scenario X: not a file and not a built-in ...".
        throw new InputException("unknown scenario " + fileOrBuiltinName, 0, "",
                "not a file and not a built-in (built-ins: " + String.join(", ", BuiltinScenarios.names()) + ")");
    }

    private static Path pathOrNull(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
