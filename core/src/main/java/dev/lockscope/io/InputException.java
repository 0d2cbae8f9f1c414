package dev.lockscope.io;

/**
 * A user's input is wrong: a scenario, sweep or trace file, or a command-line value. The message is one line
 * that names the source, the line (when known), the field, and what was expected, for example
 * {@code demo.json:7: members[1].latencyMs: expected a number >= 0, got -5}; malformed JSON also names the column,
 * as compilers do ({@code demo.json:7:12: unexpected "@": expected a value ...}). The CLI prints it and exits 2;
 * the app shows it in a dialog.
 */
public final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String field;

    /**
     * @param source the file name (or built-in name) the input came from
     * @param line   1-based line number, or 0 when unknown
     * @param field  the path of the offending field ({@code members[1].latencyMs}), or empty
     * @param problem what was expected, and what was found
     */
    public InputException(String source, int line, String field, String problem) {
        this(source, line, 0, field, problem);
    }

    /**
     * @param column 1-based column within the line, or 0 when unknown or not useful; shown only with a line
     */
    public InputException(String source, int line, int column, String field, String problem) {
        super(format(source, line, column, field, problem));
        this.source = source;
        this.line = line;
        this.column = line > 0 ? Math.max(0, column) : 0;
        this.field = field;
    }

    private static String format(String source, int line, int column, String field, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String source() {
        return source;
    }

    /** 1-based, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based, or 0 when unknown or not shown. */
    public int column() {
        return column;
    }

    public String field() {
        return field;
    }
}
