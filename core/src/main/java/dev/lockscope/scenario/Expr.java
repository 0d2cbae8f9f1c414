package dev.lockscope.scenario;

import java.util.Objects;
import java.util.function.Function;

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

    /** {@code ch == nil} ({@code nil} true) or {@code ch != nil}: whether a channel variable is nil. */
    record IsNil(String chan, boolean nil) implements Expr {}

    /** {@code !x}. */
    record Not(Expr operand) implements Expr {}

    /** {@code a OP b}: OP one of {@code + - * == != < <= > >= && ||}. */
    record Binary(String op, Expr left, Expr right) implements Expr {}

    /** {@code slices.Clone(s)}: a copy of slice {@code s} as it is now. */
    record Clone(Expr slice) implements Expr {}

    /**
     * The type of this expression, given the types of names: Go's rule for the operators scripts have (arithmetic
     * keeps its left operand's type, comparisons and logic give {@code bool}). It assumes the operands agree; the
     * script reader checks that first.
     */
    default GoType type(Function<String, GoType> nameType) {
        return switch (this) {
            case Int i -> GoType.INT;
            case Str s -> GoType.STRING;
            case Bool b -> GoType.BOOL;
            case Nil n -> GoType.ERROR;
            case Struct s -> GoType.STRUCT;
            case Len l -> GoType.INT;
            case IsNil n -> GoType.BOOL;
            case Name n -> nameType.apply(n.name());
            case Not n -> GoType.BOOL;
            case Clone c -> c.slice().type(nameType);
            case Binary b -> switch (b.op()) {
                case "+", "-", "*" -> b.left().type(nameType);
                default -> GoType.BOOL;
            };
        };
    }
}
