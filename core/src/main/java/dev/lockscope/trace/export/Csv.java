package dev.lockscope.trace.export;

/** RFC 4180 fields: quoted only when they contain a comma, a double quote or a line break; quotes doubled. */
final class Csv {
    private Csv() {}

    static String field(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }
}
