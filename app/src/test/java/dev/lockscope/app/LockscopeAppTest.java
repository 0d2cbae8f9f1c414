package dev.lockscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Smoke test: the application starts on the toolkit and shows its main window. */
@ExtendWith(ApplicationExtension.class)
class LockscopeAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new LockscopeApp().start(stage);
    }

    @Test
    void mainWindowIsTitledLockscope() {
        assertThat(stage.getTitle()).isEqualTo("Lockscope");
        assertThat(stage.isShowing()).isTrue();
    }
}
