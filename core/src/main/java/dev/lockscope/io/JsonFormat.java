package dev.lockscope.io;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import java.io.Writer;

/**
 * The one Jackson configuration Lockscope reads and writes its files with: strict JSON (no comments, NaN or
 * single quotes), and for humans a pretty form with two-space indents, {@code "name": value} and {@code \n} line
 * ends on every platform, so that canonical files are byte-identical everywhere. Factories are immutable and
 * thread-safe, which is why sharing one is fine.
 */
public final class JsonFormat {
    /** Strict JSON. Our own limits are checked by {@link JsonTree} and the trace reader, below Jackson's. */
    public static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonFormat() {}

    /** A generator writing pretty, platform-independent JSON to {@code out}. */
    public static JsonGenerator prettyGenerator(Writer out) {
        return FACTORY.createGenerator(new PrettyContext(), out);
    }

    private static final class PrettyContext extends ObjectWriteContext.Base {
        @Override
        public PrettyPrinter getPrettyPrinter() {
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            Separators separators = Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("");
            return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
        }

        @Override
        public boolean hasPrettyPrinter() {
            return true;
        }
    }
}
