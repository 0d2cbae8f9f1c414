package dev.lockscope.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/** Reading small JSON documents (sweeps, lessons) with a size limit and located errors. */
public final class JsonDocuments {
    private JsonDocuments() {}

    /** The text of {@code file}, refusing files over {@code maxBytes}; messages name the file as given. */
    public static String readText(Path file, int maxBytes) throws InputException {
        String source = file.toString();
        try {
            if (Files.size(file) > maxBytes) {
                throw new InputException(source, 0, "", "file is larger than " + maxBytes + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(source, 0, "", "no such file");
        } catch (IOException e) {
            throw new InputException(source, 0, "", "cannot read: " + e.getMessage());
        }
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
