package dev.lockscope.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * Plain words for a failed file operation, the one place that turns Java's I/O exceptions into what a user reads
 * ({@code permission denied}, {@code no such file or directory}, {@code no space left on device}). Java names
 * some failures only by the exception's type (an {@link AccessDeniedException}'s message is the bare path), and
 * others by the operating system's own words, which are kept, starting lower case.
 */
public final class FileProblem {
    private FileProblem() {}

    /** What went wrong, without the path: "permission denied". */
    public static String describe(IOException e) {
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory";
            case AccessDeniedException a -> "permission denied";
            case NotDirectoryException n -> "not a directory";
            case DirectoryNotEmptyException d -> "directory not empty";
            case FileAlreadyExistsException f -> "already exists";
            case FileSystemLoopException l -> "too many levels of symbolic links";
            case FileSystemException f -> f.getReason() != null ? plain(f.getReason()) : "cannot access the file";
            case CharacterCodingException c -> "not valid UTF-8 text";
            case ZipException z -> "not valid gzip data";
            case EOFException eof -> "ends unexpectedly";
            default -> e.getMessage() != null && !e.getMessage().isBlank() ? plain(e.getMessage()) : "input/output error";
        };
    }

    /**
     * The failure as one line naming the file when the exception knows it: {@code out.csv: permission denied}.
     */
    public static String line(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + describe(e);
        }
        return describe(e);
    }

    /** The operating system's words ("No space left on device") as the middle of a sentence. */
    private static String plain(String reason) {
        String r = reason.strip();
        if (r.length() > 1 && Character.isUpperCase(r.charAt(0)) && !Character.isUpperCase(r.charAt(1))) {
            r = r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
        }
        return r;
    }
}
