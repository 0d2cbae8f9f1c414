package dev.lockscope.app.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The curated samples of {@code sample-traces/} (File ▸ Open sample): traces to replay and scenarios to run live,
 * each with its description, taken from the folder's README table ({@code | `article` | The blog post's stall: ... |}),
 * which so stays the one place the samples are described. The folder is the system property
 * {@code lockscope.samples}, or {@code sample-traces} in the working directory or its parent.
 */
final class Samples {
    /** A sample file: a trace ({@code .jsonl}, {@code .jsonl.gz}) or a scenario ({@code .json}). */
    record Sample(Path file, String name, boolean trace, String description) {}

    private Samples() {}

    /** The samples, traces first, each kind by name; empty when there is no folder. */
    static List<Sample> list() {
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return List.of();
        }
        Map<String, String> described = descriptions(dir.get().resolve("README.md"));
        List<Sample> traces = new ArrayList<>();
        List<Sample> scenarios = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.get())) {
            for (Path p : files.sorted().toList()) {
                String file = p.getFileName().toString();
                boolean trace = file.endsWith(".jsonl") || file.endsWith(".jsonl.gz");
                if (!trace && !FileOpener.isScenarioName(p)) {
                    continue;
                }
                String name = file.replaceFirst("\\.jsonl(\\.gz)?$|\\.json$", "");
                (trace ? traces : scenarios).add(new Sample(p, name, trace, described.getOrDefault(name, "")));
            }
        } catch (IOException e) {
            return List.of();
        }
        traces.addAll(scenarios);
        return traces;
    }

    /** The samples folder, if there is one. */
    static Optional<Path> folder() {
        String configured = System.getProperty("lockscope.samples");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Stream.of(cwd, cwd.getParent()).filter(p -> p != null).map(p -> p.resolve("sample-traces"))
                .filter(Files::isDirectory).findFirst();
    }

    /** Name to short description, from the README's table rows; empty when there is no README. */
    static Map<String, String> descriptions(Path readme) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(readme)) {
                String[] cells = line.split("\\|");
                if (cells.length >= 3 && cells[1].strip().startsWith("`") && cells[1].strip().endsWith("`")) {
                    String name = cells[1].strip().replace("`", "");
                    out.put(name, shortened(cells[2].strip()));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** A description's first clause (up to its first colon or full stop), for one line of a menu. */
    static String shortened(String description) {
        int colon = description.indexOf(": ");
        int stop = description.indexOf(". ");
        int end = Stream.of(colon, stop).filter(i -> i > 0).min(Integer::compare).orElse(description.length());
        String clause = description.substring(0, end).strip();
        return clause.endsWith(".") ? clause.substring(0, clause.length() - 1) : clause;
    }
}
