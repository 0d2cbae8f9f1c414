package dev.lockscope.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Builds a {@link JsonValue} tree from Jackson's streaming parser, enforcing {@link Limits} as it goes so that a
 * hostile file fails early with a message naming the limit. Every failure, including malformed JSON, becomes one
 * {@link InputException} that names the source, line and field path, in plain words ({@link MalformedJson});
 * nothing else escapes.
 */
public final class JsonTree {

    /**
     * Bounds on a tree.
     *
     * @param maxDepth        deepest nesting of objects and arrays (the root object is depth 1)
     * @param maxStringLength longest string value or field name, in chars
     * @param maxEntries      most items in one array
     */
    public record Limits(int maxDepth, int maxStringLength, int maxEntries) {}

    private final String source;
    private final JsonParser parser;
    private final Limits limits;
    private final int lineBase;
    private final MalformedJson.Unit unit;

    private JsonTree(String source, JsonParser parser, Limits limits, int lineBase, MalformedJson.Unit unit) {
        this.source = source;
        this.parser = parser;
        this.limits = limits;
        this.lineBase = lineBase;
        this.unit = unit;
    }

    /**
     * Reads one whole file: a single value and nothing after it.
     *
     * @param lineBase the file line of the parser's line 1 (1 when the parser reads the whole file)
     */
    public static JsonValue readDocument(String source, JsonParser parser, Limits limits, int lineBase)
            throws InputException {
        return readDocument(source, parser, limits, lineBase, MalformedJson.Unit.FILE);
    }

    /**
     * Reads one whole document, a file or one line of a JSON Lines file ({@code unit}, which decides how
     * messages place a problem): a single value and nothing after it.
     */
    public static JsonValue readDocument(String source, JsonParser parser, Limits limits, int lineBase,
                                         MalformedJson.Unit unit) throws InputException {
        JsonTree tree = new JsonTree(source, parser, limits, lineBase, unit);
        try {
            if (parser.nextToken() == null) {
                throw new InputException(source, lineBase, "", "empty input: expected a JSON object");
            }
            JsonValue root = tree.value("", 1);
            tree.nothingAfter();
            return root;
        } catch (JacksonException e) {
            throw tree.malformed(e);
        }
    }

    /**
     * Reads the value, within one line of a JSON Lines file, whose first token is the parser's current token,
     * leaving the parser on its last token.
     *
     * @param path  the field path of the value, used in messages
     * @param depth the nesting depth of the value (1 for a root object)
     */
    public static JsonValue readValue(String source, JsonParser parser, Limits limits, int lineBase, String path,
                                      int depth) throws InputException {
        JsonTree tree = new JsonTree(source, parser, limits, lineBase, MalformedJson.Unit.LINE);
        try {
            return tree.value(path, depth);
        } catch (JacksonException e) {
            throw tree.malformed(e);
        }
    }

    /**
     * The input exception for Jackson's complaint about a whole file, in plain words ({@link MalformedJson}). A
     * complaint without a location (one about the input's first bytes, such as its encoding) is placed on the
     * document's first line.
     */
    public static InputException malformed(String source, int lineBase, JacksonException e) {
        return MalformedJson.describe(source, lineBase, MalformedJson.Unit.FILE, e, null);
    }

    /** Likewise for Jackson's complaint about line {@code line} of a JSON Lines file (a trace). */
    public static InputException malformedLine(String source, int line, JacksonException e) {
        return MalformedJson.describe(source, line, MalformedJson.Unit.LINE, e, null);
    }

    private InputException malformed(JacksonException e) {
        TokenStreamLocation here;
        try {
            here = parser.currentLocation();
        } catch (RuntimeException closed) {
            here = null;
        }
        return MalformedJson.describe(source, lineBase, unit, e, here);
    }

    /** After the root value: anything at all, even valid JSON, is one complaint, placed where it starts. */
    private void nothingAfter() throws InputException {
        TokenStreamLocation at;
        try {
            if (parser.nextToken() == null) {
                return;
            }
            at = parser.currentTokenLocation();
        } catch (JacksonException e) {
            at = e.getLocation();
        }
        MalformedJson.Place place = MalformedJson.Place.of(at, lineBase, unit);
        throw new InputException(source, place.line(), place.column(), "",
                "unexpected text after the end of the JSON value");
    }

    /** Writes {@code value} as JSON, fields in their order; the inverse of reading it. */
    public static void write(JsonGenerator g, JsonValue value) {
        switch (value) {
            case JsonValue.Obj o -> {
                g.writeStartObject();
                for (Map.Entry<String, JsonValue> e : o.fields().entrySet()) {
                    g.writeName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case JsonValue.Arr a -> {
                g.writeStartArray();
                for (JsonValue item : a.items()) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case JsonValue.Str s -> g.writeString(s.value());
            case JsonValue.Num n -> g.writeNumber(n.value());
            case JsonValue.Bool b -> g.writeBoolean(b.value());
            case JsonValue.Null n -> g.writeNull();
        }
    }

    private int line() {
        return unit == MalformedJson.Unit.LINE ? lineBase : parser.currentTokenLocation().getLineNr() + lineBase - 1;
    }

    private JsonValue value(String path, int depth) throws InputException {
        JsonToken token = parser.currentToken();
        int line = line();
        return switch (token) {
            case START_OBJECT -> object(path, depth, line);
            case START_ARRAY -> array(path, depth, line);
            case VALUE_STRING -> new JsonValue.Str(line, string(path, parser.getString()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new JsonValue.Num(line, number(path, line));
            case VALUE_TRUE -> new JsonValue.Bool(line, true);
            case VALUE_FALSE -> new JsonValue.Bool(line, false);
            case VALUE_NULL -> new JsonValue.Null(line);
            default -> throw new InputException(source, line, path, "unexpected token " + token);
        };
    }

    private BigDecimal number(String path, int line) throws InputException {
        // NaN and infinities are off in the factory, so every number is finite and exact here, unless its exponent
        // does not fit the int a BigDecimal keeps it in (1e99999999999), which Jackson reports as a bare
        // NumberFormatException.
        try {
            return parser.getDecimalValue();
        } catch (NumberFormatException e) {
            throw new InputException(source, line, path, "number " + Quote.shorten(parser.getText())
                    + " is out of range: its exponent must be within -2147483648 to 2147483647");
        }
    }

    private JsonValue object(String path, int depth, int line) throws InputException {
        checkDepth(path, depth, line);
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextName()) != null) {
            string(path, name);
            String child = path.isEmpty() ? name : path + "." + name;
            if (fields.containsKey(name)) {
                throw new InputException(source, line(), child, "duplicate field " + Quote.of(name));
            }
            parser.nextToken();
            fields.put(name, value(child, depth + 1));
        }
        return new JsonValue.Obj(line, fields);
    }

    private JsonValue array(String path, int depth, int line) throws InputException {
        checkDepth(path, depth, line);
        List<JsonValue> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (items.size() == limits.maxEntries()) {
                throw new InputException(source, line, path,
                        "more than " + limits.maxEntries() + " entries (the limit)");
            }
            items.add(value(path + "[" + items.size() + "]", depth + 1));
        }
        return new JsonValue.Arr(line, items);
    }

    private void checkDepth(String path, int depth, int line) throws InputException {
        if (depth > limits.maxDepth()) {
            throw new InputException(source, line, path,
                    "nested deeper than " + limits.maxDepth() + " levels (the limit)");
        }
    }

    private String string(String path, String text) throws InputException {
        if (text.length() > limits.maxStringLength()) {
            throw new InputException(source, line(), path, "string of " + text.length()
                    + " characters is longer than " + limits.maxStringLength() + " (the limit)");
        }
        return text;
    }
}
