package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The shortcut table as data: one row per key, every action reachable, and keys that match what they show. */
class KeyMapTest {
    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // a shortcut's modifier (Ctrl or Cmd) is the toolkit's to say
    }

    private static KeyMap.Shortcut row(KeyMap.Action action) {
        return KeyMap.SHORTCUTS.stream().filter(s -> s.action() == action).findFirst().orElseThrow();
    }

    private static KeyEvent pressed(KeyCode code, boolean shift, boolean ctrl) {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, shift, ctrl, false, false);
    }

    @Test
    void everyActionHasAKey() {
        Set<KeyMap.Action> bound = KeyMap.SHORTCUTS.stream().map(KeyMap.Shortcut::action)
                .filter(a -> a != null).collect(Collectors.toCollection(() -> EnumSet.noneOf(KeyMap.Action.class)));
        assertThat(bound).containsExactlyInAnyOrder(KeyMap.Action.values());
    }

    @Test
    void noTwoRowsShareKeys() {
        assertThat(KeyMap.SHORTCUTS.stream().map(KeyMap.Shortcut::keys)).doesNotHaveDuplicates();
    }

    @Test
    void everyRowButATypedCharacterOrAGestureHasAKeyCombination() {
        assertThat(KeyMap.SHORTCUTS).allSatisfy(s -> assertThat(s.combination() != null).as(s.keys())
                .isEqualTo(s.owner() != KeyMap.Owner.TYPED && !s.keys().startsWith("Drag")));
    }

    @Test
    void theTimelinesKeysAreRowsOfTheMap() {
        for (dev.lockscope.app.timeline.TimelineKey k : dev.lockscope.app.timeline.TimelineKey.values()) {
            assertThat(KeyMap.SHORTCUTS).as(k.keys()).anySatisfy(s -> {
                assertThat(s.keys()).isEqualTo(k.keys());
                assertThat(s.combination().match(pressed(((javafx.scene.input.KeyCodeCombination) k.combination()).getCode(),
                        false, false))).isTrue();
            });
        }
        // Escape is the window's: it closes the help before it clears the timeline's selection.
        assertThat(row(KeyMap.Action.ESCAPE).owner()).isEqualTo(KeyMap.Owner.WINDOW);
    }

    @Test
    void ctrlZeroIsNormalTextSize() {
        KeyMap.Shortcut normal = row(KeyMap.Action.NORMAL_TEXT);
        assertThat(normal.keys()).isEqualTo("Ctrl+0");
        assertThat(normal.combination().match(pressed(KeyCode.DIGIT0, false, true))).isTrue();
        assertThat(normal.combination().match(pressed(KeyCode.DIGIT0, false, false))).isFalse();
    }

    @Test
    void shiftTellsNextAlertFromPrevious() {
        assertThat(row(KeyMap.Action.NEXT_ALERT).combination().match(pressed(KeyCode.J, false, false))).isTrue();
        assertThat(row(KeyMap.Action.NEXT_ALERT).combination().match(pressed(KeyCode.J, true, false))).isFalse();
        assertThat(row(KeyMap.Action.PREVIOUS_ALERT).combination().match(pressed(KeyCode.J, true, false))).isTrue();
    }

    @Test
    void aMenuItemShowsAWindowKeyInBracketsAndOwnsAMenuKey() {
        assertThat(KeyMap.menuShortcut(KeyMap.Action.STEP_EVENT).orElseThrow().menuLabel()).isEqualTo("Step to next event  (N)");
        assertThat(KeyMap.menuShortcut(KeyMap.Action.FIT_TIMELINE).orElseThrow().menuLabel()).isEqualTo("Fit timeline  (Home)");
        assertThat(KeyMap.menuShortcut(KeyMap.Action.OPEN_TRACE).orElseThrow().menuLabel()).isEqualTo("Open trace…");
        assertThat(KeyMap.menuShortcut(KeyMap.Action.MAX_SPEED)).isEmpty();
    }

    @Test
    void theHelpJoinsTheKeysOfOneDescription() {
        assertThat(HelpOverlay.lines(KeyMap.SHORTCUTS)).contains(
                new HelpOverlay.Line("W / S", "Timeline: zoom in / out at the mouse (or the wheel)"),
                new HelpOverlay.Line("1 / 2 / 3 / 4 / 5",
                        "Strategy: sequential, goroutine-per-send, parallel-wait, snapshot, member-queue"),
                new HelpOverlay.Line("Ctrl+= / Ctrl+- / Ctrl+0", "Larger / smaller / normal text"),
                new HelpOverlay.Line("F1 / ?", "Show or hide this help"),
                new HelpOverlay.Line("Space", "Play / pause"));
    }
}
