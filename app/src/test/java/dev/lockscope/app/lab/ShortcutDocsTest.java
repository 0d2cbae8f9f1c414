package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.timeline.TimelineKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * docs/lab.md's shortcut table says what the window does: its keys are exactly the key map's, the timeline's own
 * keys included, written as the map writes them ({@code Escape}, {@code ←}, {@code Shift+←}). A row may name a run of
 * digit keys as {@code `1`…`5`}.
 */
class ShortcutDocsTest {
    private static final Pattern KEY = Pattern.compile("`([^`]+)`(…`([^`]+)`)?");

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // a shortcut's modifier (Ctrl or Cmd) is the toolkit's to say
    }

    /** The keys in the first column of the table under "## Keyboard shortcuts" in {@code doc}. */
    static List<String> documentedKeys(List<String> doc) {
        List<String> keys = new ArrayList<>();
        int heading = doc.indexOf("## Keyboard shortcuts");
        assertThat(heading).as("docs/lab.md has a \"## Keyboard shortcuts\" section").isNotNegative();
        boolean inTable = false;
        for (String line : doc.subList(heading + 1, doc.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String first = line.split("\\|")[1];
            Matcher m = KEY.matcher(first);
            while (m.find()) {
                if (m.group(3) == null) {
                    keys.add(m.group(1));
                } else {
                    for (char c = m.group(1).charAt(0); c <= m.group(3).charAt(0); c++) {
                        keys.add(String.valueOf(c));
                    }
                }
            }
        }
        return keys;
    }

    private static List<String> labMd() throws IOException {
        return Files.readAllLines(Path.of(System.getProperty("lockscope.repo", ".."), "docs", "lab.md"));
    }

    @Test
    void theDocumentedKeysAreExactlyTheKeyMapsKeys() throws IOException {
        List<String> documented = documentedKeys(labMd());
        Set<String> mapped = KeyMap.SHORTCUTS.stream().map(KeyMap.Shortcut::keys)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(documented).doesNotHaveDuplicates();
        assertThat(documented).as("docs/lab.md's keys against KeyMap.SHORTCUTS").containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void everyTimelineKeyIsInTheDocs() throws IOException {
        List<String> documented = documentedKeys(labMd());
        for (TimelineKey k : TimelineKey.values()) {
            assertThat(documented).as("the timeline's %s", k).contains(k.keys());
        }
    }

    @Test
    void aRunOfDigitsIsEveryDigit() {
        assertThat(documentedKeys(List.of("## Keyboard shortcuts", "", "| Keys | Action |", "| --- | --- |",
                "| `1`…`3`, `Ctrl+0` | x |", "", "| `Q` | not this table |")))
                .containsExactly("1", "2", "3", "Ctrl+0");
    }
}
