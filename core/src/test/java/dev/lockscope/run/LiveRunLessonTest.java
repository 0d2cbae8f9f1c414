package dev.lockscope.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lesson inside a live run, driven by hand (manual clock, {@link LiveRun#pump()}), as a presenter would. */
class LiveRunLessonTest {
    private static final long MS = 1_000_000L;

    private long wall = 1_000_000_000_000L;

    private LiveRun run(Lesson lesson) throws Exception {
        return LiveRun.lesson(lesson, LiveRun.Options.defaults().withClock(() -> wall).withSpeed(Speed.of(1)));
    }

    /** Plays in 10 ms wall slices until the run waits for the presenter (or a limit). */
    private void playUntilHeld(LiveRun run) {
        for (int i = 0; i < 100_000; i++) {
            wall += 10 * MS;
            run.pump();
            if (run.snapshot().lesson().orElseThrow().awaitingPresenter() || run.snapshot().mode() == LiveRun.Mode.ENDED) {
                return;
            }
        }
    }

    @Test
    void eachCaptionComesUpAtItsInstantAndTheRunWaitsForThePresenter() throws Exception {
        LiveRun run = run(BuiltinLessons.byName("writer-preference").orElseThrow());
        run.pump();
        List<Double> reachedAt = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int step = 0; step < 8; step++) {
            playUntilHeld(run);
            LessonState state = run.snapshot().lesson().orElseThrow();
            reachedAt.add(state.reachedAtNs() / 1e6);
            titles.add(state.current().orElseThrow().title());
            // Waiting for the presenter means not moving, however long the wall clock runs.
            long now = run.snapshot().nowNs();
            wall += 5_000 * MS;
            run.pump();
            assertThat(run.snapshot().nowNs()).isEqualTo(now);
            run.lessonNext();
            run.pump();
        }
        assertThat(reachedAt.subList(0, 4)).containsExactly(700.0, 1010.0, 1200.0, 1650.0);
        assertThat(titles.get(5)).isEqualTo("The writer starves");
        assertThat(titles.get(7)).isEqualTo("Done");
    }

    @Test
    void aDeadlockThatLeavesNothingToRunStillLetsThePresenterGoOnAtMaxSpeed() throws Exception {
        LiveRun run = LiveRun.lesson(BuiltinLessons.byName("recursive-rlock").orElseThrow(),
                LiveRun.Options.defaults().withClock(() -> wall).withSpeed(Speed.MAX));
        run.pump();
        List<String> titles = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            playUntilHeld(run);
            assertThat(run.snapshot().mode()).as("step %d", step + 1).isNotEqualTo(LiveRun.Mode.ENDED);
            titles.add(run.snapshot().lesson().orElseThrow().current().orElseThrow().title());
            run.lessonNext();
            run.pump();
        }
        assertThat(titles).containsExactly("A reader", "A writer is pending", "The second RLock", "Deadlock",
                "What a reader-preferring lock would do");
    }

    @Test
    void goingBackReRunsExactlyToThePreviousStep() throws Exception {
        LiveRun run = run(BuiltinLessons.byName("writer-preference").orElseThrow());
        run.pump();
        for (int step = 0; step < 3; step++) {
            playUntilHeld(run);
            run.lessonNext();
            run.pump();
        }
        playUntilHeld(run);
        assertThat(run.snapshot().lesson().orElseThrow().reached()).isEqualTo(3);
        run.lessonBack();
        run.pump();
        LessonState back = run.snapshot().lesson().orElseThrow();
        assertThat(back.reached()).isEqualTo(2);
        assertThat(back.reachedAtNs()).isEqualTo(1200 * MS);
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.PAUSED);
        assertThat(run.snapshot().generation()).isEqualTo(1);
    }
}
