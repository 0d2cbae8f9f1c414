package dev.lockscope.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file all or nothing: the content goes to a hidden temporary file in the target's directory, which is
 * renamed over the target ({@code ATOMIC_MOVE}) only when the content is complete. Readers of the target see
 * the old file or the whole new one; a failure (bad input half-way, a full disk) leaves the target untouched
 * and removes the temporary file.
 */
public final class AtomicOutput {
    private AtomicOutput() {}

    /** Produces the content of a file into a stream; the stream is closed afterwards by {@link #write}. */
    @FunctionalInterface
    public interface Body<T> {
        T writeTo(OutputStream out) throws IOException, InputException;
    }

    public static <T> T write(Path target, Body<T> body) throws IOException, InputException {
        Path dir = target.toAbsolutePath().getParent();
        // Not createTempFile: its owner-only permissions would end up on the target; a new file gets the umask's.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        boolean moved = false;
        try {
            T result;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                result = body.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            return result;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
