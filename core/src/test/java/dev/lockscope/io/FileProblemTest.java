package dev.lockscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** Java's I/O failures in the words a user reads; Java names some only by the exception's type. */
class FileProblemTest {
    @Test
    void failuresJavaNamesOnlyByTypeGetWords() {
        assertThat(FileProblem.line(new AccessDeniedException("s.json"))).isEqualTo("s.json: permission denied");
        assertThat(FileProblem.line(new NoSuchFileException("s.json"))).isEqualTo("s.json: no such file or directory");
        assertThat(FileProblem.line(new NotDirectoryException("a/s.json"))).isEqualTo("a/s.json: not a directory");
        assertThat(FileProblem.describe(new MalformedInputException(1))).isEqualTo("not valid UTF-8 text");
    }

    @Test
    void theOperatingSystemsOwnWordsAreKept() {
        assertThat(FileProblem.line(new FileSystemException("out.csv", null, "No space left on device")))
                .isEqualTo("out.csv: no space left on device");
        assertThat(FileProblem.describe(new IOException("Is a directory"))).isEqualTo("is a directory");
        assertThat(FileProblem.describe(new IOException())).isEqualTo("input/output error");
    }

    @Test
    void aReaderSaysPermissionDeniedNotTheBarePath() {
        assertThat(JsonDocuments.unreadable("s.json", new AccessDeniedException("s.json")).getMessage())
                .isEqualTo("s.json: cannot read: permission denied");
        assertThat(JsonDocuments.unreadable("s.json", new NoSuchFileException("s.json")).getMessage())
                .isEqualTo("s.json: no such file");
    }
}
