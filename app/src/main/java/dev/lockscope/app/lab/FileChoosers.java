package dev.lockscope.app.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The lab's open and save dialogs, modal over the window. They start in the folder of the most recent file that
 * still exists, so that a user working through a folder of traces stays in it; a dialog for a kind of file of its own
 * (sweeps, lessons) starts in the folder that kind was last opened from, or else in the folder where the repository
 * keeps its examples ({@code docs/examples} for sweeps). An empty result means the user cancelled.
 */
final class FileChoosers {
    private final Stage owner;
    private final LabSettings settings;

    FileChoosers(Stage owner, LabSettings settings) {
        this.owner = owner;
        this.settings = settings;
    }

    /** Asks for a file to read. */
    Optional<Path> open(String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = chooser(title, filters);
        return path(chooser.showOpenDialog(owner));
    }

    /**
     * Asks for a file of {@code kind} to read, starting where the last one of that kind came from, else in
     * {@code examples} (a folder under the working directory or its parent), else as {@link #open} does.
     */
    Optional<Path> open(String kind, String examples, String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = chooser(title, filters);
        initialDirectory(kind, examples).ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        Optional<Path> chosen = path(chooser.showOpenDialog(owner));
        chosen.map(Path::toAbsolutePath).map(Path::getParent).ifPresent(dir -> settings.setLastDirectory(kind, dir));
        return chosen;
    }

    /** Where a dialog for {@code kind} starts: its last folder, or the examples folder, if either exists. */
    Optional<Path> initialDirectory(String kind, String examples) {
        Optional<Path> last = settings.lastDirectory(kind).filter(Files::isDirectory);
        if (last.isPresent()) {
            return last;
        }
        Path cwd = Path.of("").toAbsolutePath();
        return java.util.stream.Stream.of(cwd, cwd.getParent()).filter(java.util.Objects::nonNull)
                .map(base -> base.resolve(examples)).filter(Files::isDirectory).findFirst();
    }

    /** Asks for a file to write, proposing {@code initialName}. */
    Optional<Path> save(String title, String initialName, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = chooser(title, filters);
        chooser.setInitialFileName(initialName);
        return path(chooser.showSaveDialog(owner));
    }

    private FileChooser chooser(String title, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(filters);
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        return chooser;
    }

    private Optional<File> lastDirectory() {
        return settings.recentFiles().stream().map(Path::getParent).filter(p -> p != null && Files.isDirectory(p))
                .map(Path::toFile).findFirst();
    }

    private static Optional<Path> path(File chosen) {
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
