package dev.lockscope.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/** Reading JSON documents (scenarios, sweeps, lessons) with a size limit and located, plain-worded errors. */
public final class JsonDocuments {
    private JsonDocuments() {}

    /**
     * The text of {@code file}, strict UTF-8, refusing files over {@code maxBytes}; messages name the file as
     * given.
     */
    public static String readText(Path file, int maxBytes) throws InputException {
        String source = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte more than allowed, rather than trusting the size (a FIFO has none).
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (bytes.length > maxBytes) {
            throw new InputException(source, 0, "", "file is larger than " + size(maxBytes) + " (the limit is "
                    + maxBytes + " bytes)");
        }
        return Utf8Text.decode(source, bytes);
    }

    /** The input exception for a file that cannot be read: {@code s.json: cannot read: permission denied}. */
    public static InputException unreadable(String source, IOException e) {
        return new InputException(source, 0, "", e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : "cannot read: " + FileProblem.describe(e));
    }

    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** Parses {@code text} into a located tree within {@code limits}. */
    public static JsonValue parse(String source, String text, JsonTree.Limits limits) throws InputException {
        try (JsonParser parser = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), text)) {
            return JsonTree.readDocument(source, parser, limits, 1);
        } catch (JacksonException e) {
            throw JsonTree.malformed(source, 1, e);
        }
    }
}
