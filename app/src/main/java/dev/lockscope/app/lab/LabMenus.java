package dev.lockscope.app.lab;

import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.scene.control.SeparatorMenuItem;

/**
 * Builds the lab's menu bar: File, Run, View, Lessons, Help. Every item that has a shortcut is made from its
 * {@link KeyMap} row, which gives its text, its accelerator (or, for a key the window or the timeline handles, the
 * key in brackets) and its action; the other items (samples, recent files, exports, lessons, sweeps) are made
 * here. The sample and recent file lists are read each time their menu opens.
 */
final class LabMenus {
    private final Consumer<KeyMap.Action> perform;
    private final FileOpener opener;
    private final RunSaver saver;
    private final LessonsAndSweeps lessons;
    private final LabModel model;
    /** The samples the Open sample menu lists now; {@code null} before it first opens. */
    private List<Samples.Sample> shownSamples;

    LabMenus(LabModel model, Consumer<KeyMap.Action> perform, FileOpener opener, RunSaver saver,
             LessonsAndSweeps lessons) {
        this.model = model;
        this.perform = perform;
        this.opener = opener;
        this.saver = saver;
        this.lessons = lessons;
    }

    /**
     * The menu bar (id {@code menuBar}). View's theme items show and set {@code theme}, its check item the settings'
     * alert pop-ups.
     */
    MenuBar build(ObjectProperty<Theme> theme, LabSettings settings, Runnable resetLayout,
            javafx.beans.property.BooleanProperty rowPerGoroutine) {
        MenuBar bar = new MenuBar(file(), run(), view(theme, settings, resetLayout, rowPerGoroutine), lessons(),
                new Menu("Help", null, item(KeyMap.Action.TOGGLE_HELP)));
        bar.setId("menuBar");
        return bar;
    }

    private Menu file() {
        Menu samples = new Menu("Open sample");
        samples.getItems().add(new MenuItem("…"));
        samples.setOnShowing(e -> fillSamples(samples));
        samples.setId("sampleMenu");
        Menu recent = filledOnShowing(new Menu("Open recent"), this::fillRecent);
        MenuItem save = item(KeyMap.Action.SAVE_TRACE);
        save.setId("saveTraceItem");
        Menu export = new Menu("Export", null,
                item("Perfetto JSON…", () -> saver.chooseAndExport(ExportFormat.PERFETTO)),
                item("Intervals as CSV…", () -> saver.chooseAndExport(ExportFormat.CSV)),
                item(KeyMap.Action.EXPORT_PNG));
        MenuItem attach = item("Attach to a running program…", opener::chooseAndAttach);
        attach.setId("attachItem");
        MenuItem derive = item("Make a scenario from this trace…", opener::deriveScenario);
        derive.setId("deriveItem");
        return new Menu("File", null, item(KeyMap.Action.NEW_RUN), item(KeyMap.Action.OPEN_SCENARIO),
                item(KeyMap.Action.OPEN_TRACE), samples, recent, attach, derive, new SeparatorMenuItem(), save,
                item(KeyMap.Action.RECORD), export, new SeparatorMenuItem(), item(KeyMap.Action.QUIT));
    }

    private Menu run() {
        return new Menu("Run", null, item(KeyMap.Action.PLAY_PAUSE), item(KeyMap.Action.STEP_EVENT),
                item(KeyMap.Action.NEXT_ALERT), item(KeyMap.Action.PREVIOUS_ALERT), item(KeyMap.Action.FASTER),
                item(KeyMap.Action.SLOWER), item(KeyMap.Action.RESET), new SeparatorMenuItem(), whatIf());
    }

    /** Offered in a replay of a simulated trace; a real program's trace says why not, in the item's own text. */
    private MenuItem whatIf() {
        MenuItem item = item(KeyMap.Action.WHAT_IF);
        String text = item.getText();
        KeyMap.Shortcut s = KeyMap.menuShortcut(KeyMap.Action.WHAT_IF).orElseThrow();
        String unavailable = text.replace(s.menuText(), s.menuText() + " — needs a simulated trace");
        item.setId("whatIfItem");
        item.disableProperty().bind(model.whatIfAvailable().not());
        item.textProperty().bind(Bindings.when(model.whatIfAvailable().not()
                        .and(model.sourceProperty().isEqualTo(LabModel.Source.REPLAY)))
                .then(unavailable).otherwise(text));
        return item;
    }

    private Menu view(ObjectProperty<Theme> theme, LabSettings settings, Runnable resetLayout,
            javafx.beans.property.BooleanProperty rowPerGoroutine) {
        Menu themes = new Menu("Theme");
        themes.setId("themeMenu");
        // The next-theme item (Ctrl+T) is there from the start, for its accelerator; the radio items join it the
        // first time the menu opens, so the window's first frame does not wait for them.
        themes.getItems().add(item(KeyMap.Action.NEXT_THEME));
        themes.setOnShowing(e -> {
            if (themes.getItems().size() == 1) {
                themes.getItems().addAll(0, themeItems(theme));
                themes.getItems().add(themes.getItems().size() - 1, new SeparatorMenuItem());
            }
        });
        CheckMenuItem notes = new CheckMenuItem("Alert pop-ups over the timeline (never while presenting)");
        notes.setId("alertPopupsItem");
        notes.setSelected(settings.alertPopups());
        notes.selectedProperty().addListener((o, was, on) -> settings.setAlertPopups(on));
        MenuItem layout = item("Reset layout", resetLayout);
        layout.setId("resetLayoutItem");
        CheckMenuItem rows = new CheckMenuItem("One row per goroutine");
        rows.setId("rowPerGoroutineItem");
        rows.selectedProperty().bindBidirectional(rowPerGoroutine);
        return new Menu("View", null, themes, item(KeyMap.Action.LARGER_TEXT), item(KeyMap.Action.SMALLER_TEXT),
                item(KeyMap.Action.NORMAL_TEXT), layout, notes, new SeparatorMenuItem(), item(KeyMap.Action.FIND),
                item(KeyMap.Action.FIND_NEXT), item(KeyMap.Action.FIND_PREVIOUS), item(KeyMap.Action.FIT_TIMELINE), rows);
    }

    /** A radio item per theme, in step with {@code theme}. */
    private static List<MenuItem> themeItems(ObjectProperty<Theme> theme) {
        ToggleGroup group = new ToggleGroup();
        List<MenuItem> items = new java.util.ArrayList<>();
        for (Theme t : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem(t.label());
            item.setId("theme-" + t.id());
            item.setToggleGroup(group);
            item.setUserData(t);
            item.setSelected(theme.get() == t);
            item.setOnAction(e -> theme.set(t));
            items.add(item);
        }
        theme.addListener((o, was, now) -> group.getToggles().forEach(tg -> tg.setSelected(tg.getUserData() == now)));
        return items;
    }

    private Menu lessons() {
        Menu menu = new Menu("Lessons");
        menu.setId("lessonMenu");
        for (BuiltinLessons.Entry e : BuiltinLessons.list()) {
            MenuItem it = item(BuiltinLessons.byName(e.name()).map(Lesson::name).orElse(e.name()),
                    () -> lessons.startLesson(BuiltinLessons.byName(e.name()).orElseThrow()));
            it.setId("lesson-" + e.name());
            menu.getItems().add(it);
        }
        menu.getItems().addAll(new SeparatorMenuItem(),
                item("Open lesson file…", lessons::chooseAndOpenLesson),
                item(KeyMap.Action.LESSON_NEXT),
                item(KeyMap.Action.LESSON_BACK),
                new SeparatorMenuItem(),
                item("Run a sweep…", lessons::chooseAndRunSweep));
        return menu;
    }

    private void fillRecent(Menu menu) {
        List<Path> recent = opener.recentFiles();
        if (recent.isEmpty()) {
            menu.getItems().add(disabled("(none yet)"));
        }
        for (Path p : recent) {
            menu.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), () -> opener.openFile(p)));
        }
    }

    /**
     * The samples, in two sections: the traces, which open to replay what was recorded, and the scenarios, which run
     * live; each item with its file name and the one-line description of sample-traces/README.md.
     */
    private void fillSamples(Menu menu) {
        List<Samples.Sample> samples = Samples.list();
        if (samples.equals(shownSamples)) {
            return; // the same files: keep the items (a menu shown again keeps its nodes)
        }
        shownSamples = samples;
        menu.getItems().clear();
        if (samples.isEmpty()) {
            menu.getItems().add(disabled("(no sample-traces/ folder here)"));
        }
        Boolean section = null;
        for (Samples.Sample sample : samples) {
            if (!Boolean.valueOf(sample.trace()).equals(section)) {
                section = sample.trace();
                if (!menu.getItems().isEmpty()) {
                    menu.getItems().add(new SeparatorMenuItem());
                }
                // A header, not a disabled item (whose grey would be hard to read on a projector); it does nothing.
                Label title = new Label(sample.trace() ? "Traces: replay what was recorded" : "Scenarios: run live");
                title.getStyleClass().add("menu-section");
                menu.getItems().add(new CustomMenuItem(title, false));
            }
            Label name = new Label(sample.file().getFileName().toString());
            name.getStyleClass().add("sample-name");
            Label about = new Label(sample.description());
            about.getStyleClass().add("sample-description");
            VBox box = new VBox(1, name, about);
            box.setId("sample-" + sample.file().getFileName());
            CustomMenuItem item = new CustomMenuItem(box, true);
            item.setOnAction(e -> opener.openFile(sample.file()));
            menu.getItems().add(item);
        }
    }

    /** {@code menu}, emptied and filled by {@code fill} each time it opens; a placeholder until then. */
    private static Menu filledOnShowing(Menu menu, Consumer<Menu> fill) {
        menu.setOnShowing(e -> {
            menu.getItems().clear();
            fill.accept(menu);
        });
        menu.getItems().add(new MenuItem("…"));
        return menu;
    }

    /** The item of {@code action}'s key map row. */
    private MenuItem item(KeyMap.Action action) {
        MenuItem item = new MenuItem();
        shortcutOf(item, action);
        item.setOnAction(e -> perform.accept(action));
        return item;
    }

    /** Gives {@code item} the text and, for a menu key, the accelerator of {@code action}'s row. */
    private static void shortcutOf(MenuItem item, KeyMap.Action action) {
        KeyMap.Shortcut s = KeyMap.menuShortcut(action)
                .orElseThrow(() -> new IllegalArgumentException(action + " has no menu item in the key map"));
        item.setText(s.menuLabel());
        if (s.owner() == KeyMap.Owner.MENU) {
            item.setAccelerator(s.combination());
        }
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> action.run());
        return item;
    }

    private static MenuItem disabled(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }
}
