package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The lab's alert lists read the store: they follow its views with additions, prefixes and replacements. */
class StoreAlertsTest {
    private static TraceEvent.Alert alert(long t) {
        return new TraceEvent.Alert(t, AlertKind.LONG_WAIT, "alert at " + t, "report " + t, List.of(1), List.of());
    }

    @Test
    void followsTheStoreAndTellsItsListenersWhatChanged() {
        TraceStore store = new TraceStore();
        for (int i = 0; i < 300; i++) { // more than one compressed block of 128
            store.accept(alert(i * 10L));
        }
        StoreAlerts list = new StoreAlerts();
        List<String> changes = new ArrayList<>();
        list.addListener((ListChangeListener<TraceEvent.Alert>) c -> {
            while (c.next()) {
                changes.add((c.wasAdded() ? "+" + c.getFrom() + ".." + c.getTo() : "")
                        + (c.wasRemoved() ? "-" + c.getRemovedSize() + "@" + c.getFrom() : ""));
            }
        });

        list.show(store, store.view(), Integer.MAX_VALUE);
        assertThat(list).hasSize(300);
        assertThat(list.get(0)).isEqualTo(alert(0));
        assertThat(list.get(299)).isEqualTo(alert(2990));
        assertThat(list.indexOf(alert(1500))).isEqualTo(150);
        assertThat(list.indexOf(alert(1505))).isEqualTo(-1);

        store.accept(alert(3000));
        list.show(store, store.view(), Integer.MAX_VALUE);
        list.show(store, store.view(), 120); // a replay's playhead moved back
        assertThat(list).hasSize(120);
        assertThat(list.indexOf(alert(1500))).as("past the prefix").isEqualTo(-1);
        TraceStore another = new TraceStore();
        list.show(another, another.view(), Integer.MAX_VALUE); // another run
        assertThat(list).isEmpty();

        assertThat(changes).containsExactly("+0..300", "+300..301", "-181@120", "-120@0");
    }
}
