package dev.lockscope.app.lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The lab's open and save dialogs, modal over the window. They start in the folder of the most recent file that
 * still exists, so that a user working through a folder of traces stays in it. An empty result means the user
 * cancelled.
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
