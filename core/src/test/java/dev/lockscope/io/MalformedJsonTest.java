package dev.lockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.scenario.ScenarioJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Each kind of malformed JSON, written to a real file and read as a scenario, gives its hand-written plain line;
 * the same mistake inside one line of a trace says "the line" and places columns within it.
 */
class MalformedJsonTest {
    private static final String VALUE = "expected a value (a string, number, object, array, true, false or null)";

    @TempDir
    Path dir;

    private void assertScenario(String text, String message) throws IOException {
        assertScenario(text.getBytes(StandardCharsets.UTF_8), message);
    }

    private void assertScenario(byte[] bytes, String message) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.write(file, bytes);
        assertThatThrownBy(() -> ScenarioJson.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + message);
    }

    /** {@code text} parsed as line 7 of a trace, from bytes, as the trace reader does. */
    private static String asTraceLine(String text) {
        return asTraceLine(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String asTraceLine(byte[] b) {
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), b, 0, b.length)) {
            JsonTree.readDocument("t.jsonl", p, new JsonTree.Limits(16, 10_000, 10_000), 7, MalformedJson.Unit.LINE);
            return "parsed";
        } catch (InputException e) {
            return e.getMessage();
        } catch (JacksonException e) {
            return JsonTree.malformedLine("t.jsonl", 7, e).getMessage();
        }
    }

    @Test
    void theFileEndsInsideAnObjectAnArrayOrAString() throws IOException {
        assertScenario("{\"name\": \"x\",", ":1: the file ends inside the object that starts at line 1, column 1 "
                + "(missing \"}\")");
        assertScenario("{\n  \"name\": \"x\",\n  \"members\": [\n    {\"name\": \"ann\"",
                ":4: the file ends inside the object that starts at line 4, column 5 (missing \"}]}\")");
        assertScenario("{\"name\": \"x\", \"members\": [1, 2",
                ":1: the file ends inside the array that starts at line 1, column 26 (missing \"]}\")");
        assertScenario("{\n  \"name\": \"unfinished", ":2: the file ends inside the string that starts at line 2, "
                + "column 11 (missing its closing quote)");
        assertScenario("{\"nam", ":1: the file ends inside a field name of the object that starts at line 1, "
                + "column 1 (missing its closing quote)");
        assertThat(asTraceLine("{\"t\":0,\"e\":")).isEqualTo("t.jsonl:7: the line ends inside the object that "
                + "starts at column 1 (missing \"}\")");
    }

    @Test
    void anUnexpectedCharacterIsNamedWithWhatWasExpected() throws IOException {
        assertScenario("{\"name\": @}", ":1:10: unexpected \"@\": " + VALUE);
        assertScenario("{\"name\": \"x\" \"durationMs\": 1}",
                ":1:14: unexpected '\"': expected \",\" or \"}\" after the value of \"name\"");
        assertScenario("{\"name\" \"x\"}", ":1:9: unexpected '\"': expected \":\" after the field name \"name\"");
        assertScenario("{\"seeds\": [1 2]}", ":1:14: unexpected \"2\": expected \",\" or \"]\" after an array item");
        assertScenario("{\"name\": \"x\", \"members\": [1}",
                ":1:28: unexpected \"}\": the array that starts at line 1, column 26 is still open (expected \"]\" "
                        + "first)");
        assertScenario("}", ":1:1: unexpected \"}\": no object is open");
        assertScenario("{\"name\": yes}", ":1:10: unexpected text \"yes\": " + VALUE);
        assertScenario("{\"name\": é}", ":1:10: unexpected text \"é\": " + VALUE);
        assertThat(asTraceLine("{\"t\":0,\"e\":@}")).isEqualTo("t.jsonl:7:12: unexpected \"@\": " + VALUE);
    }

    @Test
    void jsonSyntaxOtherFormatsAllowIsNamed() throws IOException {
        assertScenario("{name: \"x\"}", ":1:2: unexpected \"n\": expected a field name in double quotes");
        assertScenario("{'name': \"x\"}",
                ":1:2: unexpected \"'\": expected a field name in double quotes, not single quotes");
        assertScenario("{\"name\": 'x'}", ":1:10: unexpected \"'\": expected a value (strings take double quotes)");
        assertScenario("{\"name\": \"x\",}",
                ":1:14: unexpected \"}\": expected a field name (JSON allows no comma before \"}\")");
        assertScenario("{\"seeds\": [1,]}",
                ":1:14: unexpected \"]\": expected a value (JSON allows no comma before \"]\")");
        assertScenario("{\"name\": \"x\" /* the room */}", ":1:14: unexpected \"/\": JSON has no comments");
        assertScenario("// a room\n{}", ":1:1: unexpected \"/\": JSON has no comments");
        assertScenario("# a room\n{}", ":1:1: unexpected \"#\": expected a value (JSON has no comments)");
        assertScenario("{\"durationMs\": NaN}", ":1:19: \"NaN\" for \"durationMs\" is not a number in JSON (JSON has no NaN or "
                + "Infinity)");
    }

    @Test
    void invalidNumbersSayWhatIsWrong() throws IOException {
        assertScenario("{\"durationMs\": 01}",
                ":1:17: invalid number for \"durationMs\": leading zeros are not allowed (write 7, not 007)");
        assertScenario("{\"durationMs\": 1.}",
                ":1:17: invalid number for \"durationMs\": expected a digit after the decimal point, got \"}\"");
        assertScenario("{\"durationMs\": -x}", ":1:17: invalid number for \"durationMs\": expected a digit after \"-\", got \"x\"");
        assertScenario("{\"durationMs\": 1e}",
                ":1:17: invalid number for \"durationMs\": expected a digit in the exponent (after \"e\"), got \"}\"");
        assertScenario("{\"durationMs\": +1}", ":1:17: invalid number for \"durationMs\": JSON numbers take no \"+\" sign");
        assertScenario("{\"durationMs\": 1.2.3}", ":1:17: invalid number for \"durationMs\": a second decimal point");
        assertScenario("{\"durationMs\": 0x10}",
                ":1:17: invalid number for \"durationMs\": JSON has no hexadecimal numbers (write the number in decimal)");
    }

    @Test
    void stringsWithControlCharactersOrBadEscapes() throws IOException {
        assertScenario("{\"name\": \"a\tb\"}", ":1:12: tab inside a string: write it as \\t");
        assertScenario("{\n  \"name\": \"forgot to close,\n  \"durationMs\": 1\n}", ":2:28: line break inside a "
                + "string: is its closing quote missing? (a line break in a string is written \\n)");
        assertScenario("{\"name\": \"a\u0001b\"}", ":1:12: control character U+0001 inside a string: write it as "
                + "\\u0001");
        assertScenario("{\"name\": \"a\\qb\"}",
                ":1:13: invalid escape \\q in a string (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        assertScenario("{\"name\": \"a\\u12G4\"}",
                ":1:16: invalid escape: \\u must be followed by four hex digits, got \"G\"");
        assertScenario("{\"\\ud800x\": 1}", ":1:9: invalid escape: a \\uD800 to \\uDBFF escape must be followed by a "
                + "\\uDC00 to \\uDFFF escape (the two halves of one character)");
    }

    @Test
    void textAfterTheValue() throws IOException {
        assertScenario("{\"name\": \"x\"} x", ":1:15: unexpected text after the end of the JSON value");
        assertScenario("{\"name\": \"x\"}\n\n{}", ":3:1: unexpected text after the end of the JSON value");
        assertScenario("{\"name\": \"x\"}}", ":1:14: unexpected text after the end of the JSON value");
        assertScenario("", ":1: empty input: expected a JSON object");
    }

    @Test
    void encodingProblemsNameTheByteAndWhere() throws IOException {
        // "é" saved as Latin-1 (0xE9) where UTF-8 is expected.
        assertScenario(new byte[] {'{', '\n', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'},
                ":2:6: not valid UTF-8: byte 0xE9 starts a character that the next byte does not continue "
                        + "(Lockscope reads UTF-8 text)");
        assertScenario(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0}, ":1: not valid UTF-8: the file is UTF-16 (it "
                + "starts with a UTF-16 byte order mark); save it as UTF-8");
        assertScenario(new byte[] {'{', (byte) 0x80, '}'},
                ":1:2: not valid UTF-8: byte 0x80 cannot start a character (Lockscope reads UTF-8 text)");
        assertScenario("{\"name\": \"x\",\u0000\"durationMs\": 1}",
                ":1:14: unexpected NUL byte (U+0000): is this a UTF-16 or binary file? (Lockscope reads UTF-8 text)");
        assertScenario("\uFEFF{}", ":1:1: unexpected byte order mark (U+FEFF): save the file as UTF-8 without a "
                + "byte order mark");
        assertScenario("{\"name\": \"x\",\u001e\"durationMs\": 1}", ":1:14: unexpected control character U+001E: "
                + "only spaces, tabs and line breaks may separate JSON values");
        // A trace line is read as bytes by Jackson, which names the byte that breaks the character.
        assertThat(asTraceLine(new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xE9, '"', '}'})).isEqualTo("t.jsonl:7:9: "
                + "not valid UTF-8: byte 0x22 does not continue the character before it (Lockscope reads UTF-8 text)");
        assertThat(asTraceLine(new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'})).isEqualTo("t.jsonl:7:8: "
                + "not valid UTF-8: byte 0xFF cannot start a character (Lockscope reads UTF-8 text)");
        assertThat(asTraceLine(new byte[] {0x00, 0x7B, 0x00, 0x00})).isEqualTo("t.jsonl:7: not valid UTF-8: the text "
                + "looks like another encoding (Lockscope reads UTF-8 text)");
    }

    @Test
    void nestingAndSizeLimitsAndNumbersTooLarge() throws IOException {
        assertScenario("{\"name\": \"x\", \"durationMs\": 1" + "0".repeat(1500) + "}",
                ":1: number longer than 1000 characters (the limit)");
        assertScenario("{\"" + "n".repeat(60_000) + "\": 1}", ":1: field name longer than 50000 characters (the limit)");
        assertScenario("{\"name\": \"x\",\n\"durationMs\": 1e99999999999}", ":2: durationMs: number 1e99999999999 is "
                + "out of range: its exponent must be within -2147483648 to 2147483647");
        assertScenario("{\"name\": \"x\", \"members\": " + "[".repeat(40) + "]".repeat(40) + "}",
                ":1: members[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                        + "[0][0]: nested deeper than 32 levels (the limit)");
    }

    @Test
    void theLimitOfJacksonsOwnNestingIsPlainToo() {
        String deep = "[".repeat(600) + "]".repeat(600);
        assertThat(asTraceLineWithDeepLimits(deep)).isEqualTo("t.jsonl:7: nested deeper than 500 levels (the limit)");
    }

    private static String asTraceLineWithDeepLimits(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), b, 0, b.length)) {
            JsonTree.readDocument("t.jsonl", p, new JsonTree.Limits(1000, 10, 10_000), 7, MalformedJson.Unit.LINE);
            return "parsed";
        } catch (InputException e) {
            return e.getMessage();
        }
    }

    @Test
    void charactersAreNamedForPeople() {
        assertThat(MalformedJson.characterName('@')).isEqualTo("\"@\"");
        assertThat(MalformedJson.characterName('"')).isEqualTo("'\"'");
        assertThat(MalformedJson.characterName('\t')).isEqualTo("tab (U+0009)");
        assertThat(MalformedJson.characterName(0x7f)).isEqualTo("control character U+007F");
        assertThat(MalformedJson.characterName(0xe9)).isEqualTo("\"é\" (U+00E9)");
        assertThat(MalformedJson.characterName(0x1f600)).isEqualTo("\"\uD83D\uDE00\" (U+1F600)");
        assertThat(MalformedJson.characterName(0xd83d)).isEqualTo("character U+D83D");
    }
}
