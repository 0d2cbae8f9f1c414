package dev.lockscope.app.lab;

import dev.lockscope.io.InputException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

/**
 * Tells the user that an action failed: the problem goes to the status bar and into a non-blocking error dialog
 * over the window. The lab keeps what it had; nothing here throws. On the FX thread.
 */
final class ErrorReporter {
    private final Stage owner;
    private final LabModel model;

    ErrorReporter(Stage owner, LabModel model) {
        this.owner = owner;
        this.model = model;
    }

    /** Shows {@code title} as the dialog's header and {@code message} as its text (dialog pane id {@code errorDialog}). */
    void show(String title, String message) {
        model.messageProperty().set(title + ": " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Lockscope");
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("errorDialog");
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    /** Shows why {@code failure} happened, under {@code title}. */
    void show(String title, Throwable failure) {
        show(title, messageOf(failure));
    }

    /**
     * What to tell the user about {@code t}: a bad input's or an I/O error's own message (they name the file and
     * the place), anything else as itself; wrappers from futures and tasks are looked through.
     */
    static String messageOf(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InputException || cause instanceof IOException) {
            return cause.getMessage();
        }
        return String.valueOf(cause);
    }
}
