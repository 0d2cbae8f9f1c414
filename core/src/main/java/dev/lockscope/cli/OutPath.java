package dev.lockscope.cli;

import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one check of every {@code --out}, made before any work so that a long run never ends in "cannot write".
 * An {@code --out} is refused (exit 2) when it is a directory, when its directory does not exist or cannot be
 * written, or when it is one of the command's inputs (the same file by any name: a link, {@code ./x}); writing it
 * would destroy the input. Devices, FIFOs and open descriptors such as {@code /dev/stdout} are fine: they are
 * written directly ({@link AtomicOutput#writesInPlace}).
 */
final class OutPath {
    /** An input of a command, and how messages call it ("the trace", "the sweep's scenario file"). */
    record Input(Path path, String what) {}

    private OutPath() {}

    static void check(Path out, List<Input> inputs) throws InputException {
        if (out.toString().isEmpty()) {
            throw bad("expected a file name, got \"\"");
        }
        if (Files.isDirectory(out)) {
            throw bad(out + " is a directory; expected a file");
        }
        for (Input input : inputs) {
            if (sameFile(out, input.path())) {
                throw bad("is " + input.what() + " itself; choose another file");
            }
        }
        if (AtomicOutput.writesInPlace(out)) {
            if (!Files.isWritable(out)) {
                throw bad("cannot write " + out + ": permission denied");
            }
            return; // a device, a FIFO or an open descriptor (/dev/stdout), written in place
        }
        Path dir = AtomicOutput.replacedFile(out).toAbsolutePath().getParent(); // where the file is written
        if (!Files.isDirectory(dir)) {
            throw bad("directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw bad("cannot write in directory " + dir + ": permission denied");
        }
    }

    private static boolean sameFile(Path out, Path input) {
        try {
            return Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input);
        } catch (IOException unreadable) {
            return false; // the input's own reader reports it
        }
    }

    private static InputException bad(String problem) {
        return new InputException("command line", 0, "--out", problem);
    }
}
