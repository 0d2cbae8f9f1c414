package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.SiteLoad;
import org.junit.jupiter.api.Test;

/** The per-line counts of the code pane say who is on a line, and how. */
class CodePanelTest {
    @Test
    void goroutinesBlockedOnAPrimitiveAreCountedApartFromLockWaitsAndSends() {
        assertThat(CodePanel.describe(new SiteLoad(0, 0, 0, 2), "WriteFrame #3: resetChan <- true")).isEqualTo("2 blocked");
        assertThat(CodePanel.describe(new SiteLoad(1, 1, 0, 1), "f #1: x")).isEqualTo("1 waiting · 1 blocked · 1 holding");
        assertThat(CodePanel.describe(new SiteLoad(0, 0, 1), "Room.Broadcast.func1: m.Send(msg)")).isEqualTo("1 sending");
        assertThat(CodePanel.describe(SiteLoad.NONE, "f #1: x")).isEmpty();
    }
}
