package dev.lockscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up's class list is current: every class it names exists, and it covers the window's own classes. */
class StartupWarmupTest {
    @Test
    void everyListedClassExists() {
        List<String> names = StartupWarmup.classNames();
        assertThat(names).hasSizeGreaterThan(1000);
        assertThat(names).allSatisfy(name -> assertThat(load(name))
                .as("%s is in %s but cannot be loaded: run tools/startup-classes.sh", name, StartupWarmup.LIST)
                .isTrue());
    }

    @Test
    void theListStartsWithTheWindowAndHoldsTheControlsItBuilds() {
        List<String> names = StartupWarmup.classNames();
        assertThat(names.getFirst()).isEqualTo("dev.lockscope.app.lab.LabWindow");
        assertThat(names).contains("dev.lockscope.app.timeline.TimelineSkin", "javafx.scene.control.skin.TableViewSkin",
                "dev.lockscope.scenario.ScenarioParser");
    }

    private static boolean load(String name) {
        try {
            Class.forName(name, false, StartupWarmupTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
