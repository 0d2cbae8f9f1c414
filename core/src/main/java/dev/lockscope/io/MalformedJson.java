package dev.lockscope.io;

import java.io.CharConversionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.io.ContentReference;

/**
 * Says in plain words what is wrong with malformed JSON, from Jackson's complaint. Jackson's messages are written
 * for programmers and name its own classes and switches ({@code [Source: REDACTED
 * (StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled); byte offset: #UNKNOWN]},
 * {@code JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS}); none of that reaches a user.
 *
 * <p>Rules:
 * <ul>
 *   <li>Place: the file, then the line and, where it points at a character, the column ({@code bad.json:3:12:}),
 *       as compilers print it. Columns count characters in scenario, sweep and lesson files and bytes in trace
 *       lines (the same for ASCII).</li>
 *   <li>Each kind of complaint is recognised from the exception's type, the parser's state at the failure (which
 *       objects and arrays are open, and where each starts) and the fixed words of Jackson's message, and said
 *       again: what was found (a character is named: {@code "@"}, {@code control character U+0001}) and what was
 *       expected ({@code expected "," or "}" after the value of "a"}).</li>
 *   <li>A complaint this class does not recognise becomes {@code not valid JSON} at its place, never Jackson's
 *       text. {@code MalformedJsonTest} feeds every kind of malformed input through both of Jackson's parsers (text
 *       and bytes) and fails if one falls through to that fallback.</li>
 * </ul>
 */
public final class MalformedJson {
    private static final String A_VALUE = "expected a value (a string, number, object, array, true, false or null)";
    private static final String SAVE_AS_UTF8 = "(Lockscope reads UTF-8 text)";
    private static final Pattern CHARACTER = Pattern.compile("code (\\d+)(?: / 0x[0-9a-fA-F]+)?\\)\\)");
    private static final Pattern QUOTED = Pattern.compile("'(.*?)'");
    private static final Pattern HEX_BYTE = Pattern.compile("byte 0x([0-9a-fA-F]{1,2})\\b");
    private static final Pattern LIMIT = Pattern.compile("exceeds the maximum allowed \\((\\d+)");
    private static final Pattern RANGE = Pattern.compile(
            "^Numeric value \\((.*)\\) out of range of `\\w+` \\((-?\\d+) - (-?\\d+)\\)");

    private MalformedJson() {}

    /** What one parser reads: a whole file (scenario, sweep, lesson) or one line of a JSON Lines trace. */
    public enum Unit {
        FILE("the file"), LINE("the line");

        private final String phrase;

        Unit(String phrase) {
            this.phrase = phrase;
        }
    }

    /**
     * The input exception for Jackson's complaint {@code e}.
     *
     * @param lineBase the file line of the parser's line 1
     * @param fallback where the parser was, for complaints that carry no place (a limit exceeded); may be null
     */
    public static InputException describe(String source, int lineBase, Unit unit, JacksonException e,
                                          TokenStreamLocation fallback) {
        TokenStreamLocation at = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation() : fallback;
        Problem p = new Reading(e, unit, lineBase).problem();
        Place place = Place.of(at, lineBase, unit);
        return new InputException(source, place.line(), p.where() == Where.NONE ? 0 : place.column(), "", p.text());
    }

    /**
     * A place in the file: its line and 1-based column (0 when unknown). In a line of a trace, the line is the
     * trace's and the column is within it.
     */
    public record Place(int line, int column) {
        /** The place of Jackson's location {@code at} (may be null: then the document's first line). */
        public static Place of(TokenStreamLocation at, int lineBase, Unit unit) {
            if (at == null || at.getLineNr() < 1) {
                return new Place(lineBase, 0);
            }
            if (unit == Unit.LINE) {
                return new Place(lineBase, at.getLineNr() == 1 ? at.getColumnNr() : 0);
            }
            return new Place(lineBase + at.getLineNr() - 1, at.getColumnNr());
        }
    }

    /** Which column a complaint is about. */
    private enum Where {
        /** The character Jackson stopped at. */
        CHARACTER,
        /** No column: the input ended, or a limit was passed. */
        NONE
    }

    /** The words, and which column they are about. */
    private record Problem(String text, Where where) {
        static Problem here(String text) {
            return new Problem(text, Where.CHARACTER);
        }

        static Problem whole(String text) {
            return new Problem(text, Where.NONE);
        }
    }

    /** One complaint being read: the exception, its message and the parser's state. */
    private static final class Reading {
        private final JacksonException e;
        private final String message;
        private final Unit unit;
        private final int lineBase;
        private final JsonParser parser;
        private final TokenStreamContext context;

        Reading(JacksonException e, Unit unit, int lineBase) {
            this.e = e;
            this.message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            this.unit = unit;
            this.lineBase = lineBase;
            this.parser = e.processor() instanceof JsonParser p ? p : null;
            this.context = parser == null ? null : parser.streamReadContext();
        }

        Problem problem() {
            if (message.startsWith("Unexpected end-of-input") || message.startsWith("Unexpected EOF")
                    || e instanceof UnexpectedEndOfInputException) {
                return message.contains("UTF-32") ? Problem.whole(notUtf8()) : endOfInput();
            }
            if (e instanceof StreamConstraintsException) {
                return Problem.whole(limit());
            }
            if (e instanceof InputCoercionException) {
                return Problem.here(outOfRange());
            }
            if (e instanceof JacksonIOException) {
                // Reading a byte array fails only where Jackson guesses another encoding from the first bytes.
                return Problem.whole(e.getCause() instanceof CharConversionException || message.contains("UCS-4")
                        || message.contains("UTF-32") ? notUtf8() : "cannot read the text");
            }
            if (message.startsWith("Unexpected character (")) {
                return Problem.here(unexpectedCharacter());
            }
            if (message.startsWith("Unrecognized token '")) {
                String token = Quote.of(quoted());
                return Problem.here(afterTheEnd() ? "unexpected text " + token + " after the end of the JSON value"
                        : "unexpected text " + token + ": " + A_VALUE);
            }
            if (message.startsWith("Non-standard token '")) {
                return Problem.here(Quote.of(quoted()) + forField() + " is not a number in JSON (JSON has no NaN or "
                        + "Infinity)");
            }
            if (message.startsWith("Invalid numeric value") || message.startsWith("Malformed numeric value")) {
                return Problem.here(invalidNumber() + (message.contains("Leading zeroes")
                        ? ": leading zeros are not allowed (write 7, not 007)" : ""));
            }
            if (message.startsWith("Illegal unquoted character (")) {
                return Problem.here(controlInString());
            }
            if (message.startsWith("Illegal character (")) {
                return Problem.here(controlBetweenValues());
            }
            if (message.startsWith("Unrecognized character escape")) {
                int code = code();
                return Problem.here("invalid escape " + (code >= 0x20 ? "\\" + new String(Character.toChars(code))
                        : "\\ followed by " + characterName(code)) + " in a string (expected one of \\\" \\\\ \\/ "
                        + "\\b \\f \\n \\r \\t \\uXXXX)");
            }
            if (message.startsWith("Unexpected close marker '")) {
                return Problem.here(closeMarker());
            }
            if (message.contains("surrogate") && !message.contains("UTF-8")) {
                return Problem.here("invalid escape: a \\uD800 to \\uDBFF escape must be followed by a \\uDC00 to "
                        + "\\uDFFF escape (the two halves of one character)");
            }
            if (message.contains("UTF-8") || message.contains("UTF-32") || message.contains("UCS-4")
                    || message.contains("BOM")) {
                return Problem.here(notUtf8());
            }
            return Problem.here("not valid JSON");
        }

        /** Where the input stops: inside which string, name, object or array, and what is missing. */
        private Problem endOfInput() {
            String ends = unit.phrase + " ends";
            JsonToken decoding = e instanceof UnexpectedEndOfInputException u ? u.getTokenBeingDecoded() : null;
            if (decoding == JsonToken.VALUE_STRING || message.contains("VALUE_STRING")
                    || message.contains("closing quote for a string") || message.contains("in a String value")) {
                return Problem.whole(ends + " inside the string that starts at " + tokenStart()
                        + " (missing its closing quote)");
            }
            if (decoding == JsonToken.PROPERTY_NAME || message.contains("property name")
                    || message.contains("for name")) {
                // Jackson does not keep where a name starts; the object it belongs to is known.
                return Problem.whole(ends + " inside a field name" + (context != null && context.inObject()
                        ? " of the object that starts at " + place(context.startLocation(ContentReference.unknown()))
                        : "") + " (missing its closing quote)");
            }
            if (message.contains("escape sequence")) {
                return Problem.whole(ends + " inside an escape sequence (\\u needs four hex digits)");
            }
            if (message.contains("comment")) {
                return Problem.whole(ends + " inside a comment (and JSON has no comments)");
            }
            StringBuilder missing = new StringBuilder();
            TokenStreamContext innermost = null;
            for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                innermost = innermost == null ? c : innermost;
                missing.append(c.inObject() ? '}' : ']');
            }
            if (innermost == null) {
                return Problem.whole(ends + " before the JSON value is complete");
            }
            return Problem.whole(ends + " inside the " + kind(innermost) + " that starts at "
                    + place(innermost.startLocation(ContentReference.unknown())) + " (missing \"" + missing + "\")");
        }

        private String limit() {
            Matcher m = LIMIT.matcher(message);
            String max = m.find() ? m.group(1) : "?";
            if (message.startsWith("Number value length")) {
                return "number longer than " + max + " characters (the limit)";
            }
            if (message.startsWith("Document nesting depth")) {
                return "nested deeper than " + max + " levels (the limit)";
            }
            if (message.startsWith("String value length")) {
                return "string longer than " + max + " characters (the limit)";
            }
            if (message.startsWith("Name length")) {
                return "field name longer than " + max + " characters (the limit)";
            }
            if (message.startsWith("BigDecimal scale")) {
                return "number out of range: its exponent is beyond " + max + " (the limit)";
            }
            return "input larger than " + max + " (the limit)";
        }

        private String outOfRange() {
            Matcher m = RANGE.matcher(message);
            return m.find() ? "number " + Quote.shorten(m.group(1)) + " is out of range (expected an integer from "
                    + m.group(2) + " to " + m.group(3) + ")" : "number out of range";
        }

        private String unexpectedCharacter() {
            Matcher m = CHARACTER.matcher(message);
            int code = code();
            String found = "unexpected " + characterName(code);
            String reason = m.find() ? message.substring(m.end()) : message;
            if (reason.startsWith(" in numeric value")) {
                return invalidNumber() + ": " + number(reason, code);
            }
            if (reason.contains("hexadecimal")) {
                return invalidNumber() + ": JSON has no hexadecimal numbers (write the number in decimal)";
            }
            if (reason.contains("expected a valid value") || reason.contains("expected a value")) {
                if (afterTheEnd()) {
                    return found + " after the end of the JSON value";
                }
                return switch (code) {
                    case ']' -> found + ": expected a value (JSON allows no comma before \"]\")";
                    case '\'' -> found + ": expected a value (strings take double quotes)";
                    case '#', '/' -> found + ": expected a value (JSON has no comments)";
                    case 0xfeff -> found + ": save the file as UTF-8 without a byte order mark";
                    default -> found + ": " + A_VALUE;
                };
            }
            if (reason.contains("comma to separate Object entries")) {
                String name = context == null ? null : context.currentName();
                return found + ": expected \",\" or \"}\"" + (name == null ? "" : " after the value of "
                        + Quote.of(name));
            }
            if (reason.contains("comma to separate Array entries")) {
                return found + ": expected \",\" or \"]\" after an array item";
            }
            if (reason.contains("colon to separate")) {
                String name = context == null ? null : context.currentName();
                return found + ": expected \":\" after the field name" + (name == null ? "" : " " + Quote.of(name));
            }
            if (reason.contains("to start property name")) {
                return switch (code) {
                    case '}' -> found + ": expected a field name (JSON allows no comma before \"}\")";
                    case '\'' -> found + ": expected a field name in double quotes, not single quotes";
                    default -> found + ": expected a field name in double quotes";
                };
            }
            if (reason.contains("comment")) {
                return found + ": JSON has no comments";
            }
            if (reason.contains("hex-digit")) {
                return "invalid escape: \\u must be followed by four hex digits, got " + characterName(code);
            }
            if (reason.contains("root-level") || reason.contains("after token")) {
                return found + " after the end of the JSON value";
            }
            return found;
        }

        /** "invalid number", naming the field whose value it is. */
        private String invalidNumber() {
            return "invalid number" + forField();
        }

        /** " for \"name\"" when the complaint is about the value of a field, else "". */
        private String forField() {
            String name = context != null && context.inObject() ? context.currentName() : null;
            return name == null ? "" : " for " + Quote.of(name);
        }

        private static String number(String reason, int code) {
            String got = ", got " + characterName(code);
            if (reason.contains("Decimal point")) {
                return "expected a digit after the decimal point" + got;
            }
            if (reason.contains("minus sign")) {
                return "expected a digit after \"-\"" + got;
            }
            if (reason.contains("Exponent") || reason.contains("exponent")) {
                return "expected a digit in the exponent (after \"e\")" + got;
            }
            if (reason.contains("plus sign")) {
                return "JSON numbers take no \"+\" sign";
            }
            if (reason.contains("more than one decimal point")) {
                return "a second decimal point";
            }
            return "expected a digit" + got;
        }

        private String controlInString() {
            int code = code();
            String where = message.endsWith("name") ? "a field name" : "a string";
            return switch (code) {
                case '\n', '\r' -> "line break inside " + where + ": is its closing quote missing? (a line break in "
                        + where + " is written \\n)";
                case '\t' -> "tab inside " + where + ": write it as \\t";
                default -> characterName(code) + " inside " + where + ": write it as "
                        + String.format(Locale.ROOT, "\\u%04X", Math.max(code, 0));
            };
        }

        private String controlBetweenValues() {
            int code = code();
            if (code == 0) {
                return "unexpected NUL byte (U+0000): is this a UTF-16 or binary file? " + SAVE_AS_UTF8;
            }
            return "unexpected " + characterName(code) + ": only spaces, tabs and line breaks may separate JSON values";
        }

        private String closeMarker() {
            String marker = quoted();
            String found = "unexpected " + Quote.of(marker);
            if (message.contains("no open")) {
                return afterTheEnd() || (context != null && context.inRoot() && context.getEntryCount() > 0)
                        ? found + " after the end of the JSON value"
                        : found + ": no " + (marker.equals("}") ? "object" : "array") + " is open";
            }
            if (context == null || context.inRoot()) {
                return found;
            }
            return found + ": the " + kind(context) + " that starts at "
                    + place(context.startLocation(ContentReference.unknown())) + " is still open (expected \""
                    + (context.inObject() ? '}' : ']') + "\" first)";
        }

        private String notUtf8() {
            Matcher m = HEX_BYTE.matcher(message);
            if (message.contains("UTF-8") && m.find()) {
                String b = "0x" + m.group(1).toUpperCase(Locale.ROOT);
                return message.contains("middle byte") ? "not valid UTF-8: byte " + b + " does not continue the "
                        + "character before it " + SAVE_AS_UTF8
                        : "not valid UTF-8: byte " + b + " cannot start a character " + SAVE_AS_UTF8;
            }
            return "not valid UTF-8: the text looks like another encoding " + SAVE_AS_UTF8;
        }

        /** Whether the complaint is about something after the document's one value. */
        private boolean afterTheEnd() {
            return context != null && context.inRoot() && context.getEntryCount() > 1;
        }

        /** The text between the first pair of single quotes of the message (a token, a marker). */
        private String quoted() {
            Matcher m = QUOTED.matcher(message);
            return m.find() ? m.group(1) : "";
        }

        /** The code point a message names as "(code N)", or -1. */
        private int code() {
            Matcher m = Pattern.compile("code (\\d+)").matcher(message);
            if (!m.find()) {
                return -1;
            }
            try {
                return Integer.parseInt(m.group(1));
            } catch (NumberFormatException tooLong) {
                return -1;
            }
        }

        /** Where the token being read starts ("line 2, column 11"), when the parser is known. */
        private String tokenStart() {
            try {
                return place(parser == null ? null : parser.currentTokenLocation());
            } catch (RuntimeException closed) {
                return place(null);
            }
        }

        /** "line 3, column 7" in a file; "column 7" in a line of a trace. */
        private String place(TokenStreamLocation l) {
            if (l == null || l.getLineNr() < 1) {
                return "an unknown place";
            }
            if (unit == Unit.LINE) {
                return "column " + l.getColumnNr();
            }
            return "line " + (lineBase + l.getLineNr() - 1) + ", column " + l.getColumnNr();
        }

        private static String kind(TokenStreamContext c) {
            return c.inObject() ? "object" : "array";
        }
    }

    /**
     * A character as an error message names it: {@code "@"}, {@code '"'}, {@code "é" (U+00E9)},
     * {@code control character U+0001}, {@code byte order mark (U+FEFF)}.
     */
    static String characterName(int code) {
        if (code < 0) {
            return "character";
        }
        String u = String.format(Locale.ROOT, "U+%04X", code);
        if (code == '"') {
            return "'\"'";
        }
        if (code == '\t' || code == '\n' || code == '\r') {
            return (code == '\t' ? "tab" : code == '\n' ? "line break" : "carriage return") + " (" + u + ")";
        }
        if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
            return "control character " + u;
        }
        if (code == 0xfeff) {
            return "byte order mark (" + u + ")";
        }
        if (Character.isSurrogate((char) code) && code <= 0xffff || !Character.isValidCodePoint(code)) {
            return "character " + u;
        }
        String text = "\"" + new String(Character.toChars(code)) + "\"";
        return code < 0x80 ? text : text + " (" + u + ")";
    }
}
