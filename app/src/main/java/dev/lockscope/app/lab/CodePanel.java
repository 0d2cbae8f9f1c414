package dev.lockscope.app.lab;

import dev.lockscope.model.Strategy;
import dev.lockscope.run.RunStatus;
import dev.lockscope.run.SiteLoad;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The Go code the run executes, for the strategy in force (docs/room-code.md), with the goroutines on each line
 * right now: how many wait to lock there, hold a lock taken there, are blocked there on a channel or sync primitive
 * (a send, a receive, a select, a {@code Wait}), or send (or park) there. The counts follow their
 * line, like a debugger's inline values, so the code itself never moves and a narrow panel (a projector, the
 * presentation's side column) shows the code first.
 */
final class CodePanel extends VBox {
    private final VBox lines = new VBox();
    private final Label title = new Label("Code");
    private final List<Label> badges = new ArrayList<>();
    private final List<Label> texts = new ArrayList<>();
    private List<GoCode.Line> code = List.of();
    private Object shownFor;

    CodePanel(LabModel model) {
        getStyleClass().addAll("panel", "code-panel");
        setId("codePanel");
        title.getStyleClass().add("panel-title");
        lines.getStyleClass().add("code-lines");
        ScrollPane scroll = new ScrollPane(lines);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("code-scroll");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        model.statusProperty().addListener((o, old, s) -> show(model.scenarioProperty().get(), s));
        show(model.scenarioProperty().get(), model.statusProperty().get()); // built after the run may have started
    }

    private void show(Scenario scenario, RunStatus s) {
        if (scenario == null || s == null) {
            return;
        }
        Object key = scenario.body() instanceof RoomSpec room ? program(room, s.strategyId().orElse(null)) : scenario;
        if (!key.equals(shownFor)) {
            shownFor = key;
            code = switch (scenario.body()) {
                case RoomSpec room -> GoCode.room((StrategySpec) key);
                case ScriptSpec script -> GoCode.script(script);
            };
            title.setText(scenario.body() instanceof RoomSpec
                    ? "Code — strategy " + ((StrategySpec) key).id() : "Code — script " + scenario.name());
            rebuild();
        }
        for (int i = 0; i < code.size(); i++) {
            GoCode.Line line = code.get(i);
            SiteLoad load = line.site() == null ? SiteLoad.NONE : s.site(line.site());
            Label badge = badges.get(i);
            String text = describe(load, line.site());
            badge.setText(text.isEmpty() ? "" : "← " + text);
            badge.getStyleClass().removeAll("badge-wait", "badge-hold", "badge-busy");
            texts.get(i).getStyleClass().remove("code-hot");
            if (!load.isEmpty()) {
                badge.getStyleClass().add(load.waiting() > 0 || load.blocked() > 0 ? "badge-wait"
                        : load.holding() > 0 ? "badge-hold" : "badge-busy");
                texts.get(i).getStyleClass().add("code-hot");
            }
        }
    }

    private void rebuild() {
        lines.getChildren().clear();
        badges.clear();
        texts.clear();
        for (int i = 0; i < code.size(); i++) {
            Label badge = new Label();
            badge.getStyleClass().add("code-badge");
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            Label text = new Label(code.get(i).text());
            text.getStyleClass().add("code-line");
            text.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (code.get(i).site() != null) {
                text.setId("code-" + code.get(i).site().replaceAll("[^A-Za-z0-9]+", "-"));
                badge.setId("badge-" + code.get(i).site().replaceAll("[^A-Za-z0-9]+", "-"));
            }
            badges.add(badge);
            texts.add(text);
            javafx.scene.layout.HBox line = new javafx.scene.layout.HBox(text, badge);
            line.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            lines.getChildren().add(line);
        }
    }

    /** The program of strategy {@code id} in {@code room}: its own, or a built-in's (sequential when unknown). */
    static StrategySpec program(RoomSpec room, String id) {
        if (room.ownStrategy() != null && room.ownStrategy().id().equals(id)) {
            return room.ownStrategy();
        }
        Strategy builtin = id == null ? null : Strategy.ofId(id);
        return builtin == null ? room.strategyProgram() : StrategySpec.builtin(builtin);
    }

    /** "3 waiting · 1 holding · 2 sending", "1 blocked"; empty when nobody is there. */
    static String describe(SiteLoad load, String site) {
        List<String> parts = new ArrayList<>(4);
        if (load.waiting() > 0) {
            parts.add(load.waiting() + " waiting");
        }
        if (load.blocked() > 0) {
            parts.add(load.blocked() + " blocked");
        }
        if (load.holding() > 0) {
            parts.add(load.holding() + " holding");
        }
        if (load.busy() > 0) {
            parts.add(load.busy() + (site != null && site.contains("Send(") ? " sending" : " parked"));
        }
        return String.join(" · ", parts);
    }
}
