package dev.lockscope.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a script step into Go tokens: identifiers, numbers, double-quoted strings (with Go's escapes
 * {@code \" \\ \n \t}) and operators. Spaces and tabs separate tokens and are otherwise ignored.
 */
final class StepLexer {
    /** A token: its kind and text. */
    record Token(Kind kind, String text) {
        boolean is(String s) {
            return kind != Kind.STRING && text.equals(s);
        }

        @Override
        public String toString() {
            return kind == Kind.END ? "the end of the step" : kind == Kind.STRING ? dev.lockscope.io.Quote.of(text)
                    : "\"" + text + "\"";
        }
    }

    enum Kind { IDENT, NUMBER, STRING, OP, END }

    private static final String[] OPS = {"<-", ":=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "<", ">", "=",
            "!", "+", "-", "*", ",", ";", "(", ")", "{", "}", "&", ".", ":", "_"};

    private StepLexer() {}

    /** The tokens of {@code text}, ending with an {@link Kind#END} token. */
    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (Character.isLetter(c) || (c == '_' && i + 1 < n && isIdentPart(text.charAt(i + 1)))) {
                int start = i;
                while (i < n && isIdentPart(text.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, text.substring(start, i)));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.'
                        && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, text.substring(start, i)));
            } else if (c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new StepParser.Problem("a string that is not closed: " + text.substring(text.lastIndexOf('"')));
                    }
                    char d = text.charAt(i++);
                    if (d == '"') {
                        break;
                    }
                    if (d == '\\' && i < n) {
                        char e = text.charAt(i++);
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case '"', '\\' -> e;
                            default -> throw new StepParser.Problem("unknown escape \\" + e + " in a string");
                        });
                    } else {
                        sb.append(d);
                    }
                }
                out.add(new Token(Kind.STRING, sb.toString()));
            } else {
                String op = null;
                for (String o : OPS) {
                    if (text.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new StepParser.Problem("unexpected character '" + c + "'");
                }
                out.add(new Token(Kind.OP, op));
                i += op.length();
            }
        }
        out.add(new Token(Kind.END, ""));
        return out;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
