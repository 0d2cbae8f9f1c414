package dev.lockscope.scenario;

import java.util.List;
import java.util.Map;

/**
 * The names and verbs a world adds to the script language for the programs it runs: global names (which may be
 * qualified, {@code r.membersMx}), its types by the name Go writes ({@code *Member}), the fields of those types
 * ({@code m.outbox}) and their methods ({@code m.Send(msg)}). The reader checks a program against it; the world
 * gives the meaning when it runs the program. A script has none.
 *
 * @param globals the world's names and their types
 * @param types   the world's types by name
 * @param fields  a field's type by {@code TYPE.FIELD}: {@code *Member.outbox}
 * @param methods a method's parameter types by {@code TYPE.METHOD}: {@code *Member.Send}
 */
public record Vocabulary(Map<String, GoType> globals, Map<String, GoType> types, Map<String, GoType> fields,
                         Map<String, List<GoType>> methods) {
    public Vocabulary {
        globals = Map.copyOf(globals);
        types = Map.copyOf(types);
        fields = Map.copyOf(fields);
        methods = Map.copyOf(methods);
    }

    /** The type of field {@code field} of a value of type {@code type}, or null. */
    public GoType field(GoType type, String field) {
        return type.kind() == GoType.Kind.WORLD ? fields.get(type.name() + "." + field) : null;
    }

    /** The parameter types of method {@code method} of {@code type}, or null. */
    public List<GoType> method(GoType type, String method) {
        return type.kind() == GoType.Kind.WORLD ? methods.get(type.name() + "." + method) : null;
    }
}
