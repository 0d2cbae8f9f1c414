package dev.lockscope.scenario;

import java.util.Objects;

/**
 * A value in a script step: a literal, a name, {@code len(ch)} or {@code cap(ch)}, or an operator applied to values.
 * Types are checked when the script is read; evaluation is the script interpreter's.
 */
public sealed interface Expr {
    /** An integer literal. */
    record Int(long value) implements Expr {}

    /** A string literal (Go's double-quoted form). */
    record Str(String value) implements Expr {}

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements Expr {}

    /** {@code nil}. */
    record Nil() implements Expr {}

    /** {@code struct{}{}}. */
    record Struct() implements Expr {}

    /** A variable, parameter, constant or declared object. */
    record Name(String name) implements Expr {
        public Name {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code len(ch)} ({@code cap} false) or {@code cap(ch)}. */
    record Len(String chan, boolean cap) implements Expr {}

    /** {@code !x}. */
    record Not(Expr operand) implements Expr {}

    /** {@code a OP b}: OP one of {@code + - * == != < <= > >= && ||}. */
    record Binary(String op, Expr left, Expr right) implements Expr {}
}
