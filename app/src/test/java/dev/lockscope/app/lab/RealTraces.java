package dev.lockscope.app.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Makes a simulated trace look like a real program's: no scenario, another producer, no alerts of its own. */
final class RealTraces {
    private RealTraces() {}

    static void stripScenario(Path simulated, Path target) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(simulated)), StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(target)),
                     StandardCharsets.UTF_8)) {
            in.readLine();
            out.write("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"a tracker\",\"producer\":\"lockscope-go\"}\n");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.contains("\"e\":\"alert\"")) {
                    out.write(line + "\n");
                }
            }
        }
    }
}
