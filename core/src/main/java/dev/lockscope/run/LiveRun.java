package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.model.Command;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceWriter;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A simulation that runs while a user watches: on its own daemon thread, paced against the wall clock, and
 * changed only through commands posted to it. The lab's one way to run a scenario live.
 *
 * <p><b>Threads.</b> The simulation, its {@link TraceStore}, its {@link RunMonitor} and its recording belong to
 * the run's thread. Every public method may be called from any thread and returns at once: it posts a request
 * to an inbox that the run's thread drains, in order, between steps. What the run is doing is published as an
 * immutable {@link Snapshot} (a volatile field) every {@link Options#publishEveryNs} of wall time and after
 * every request; the store itself is readable from any thread through {@link TraceStore#view()}.
 *
 * <p><b>Pacing.</b> While playing at speed {@code s}, virtual time follows {@code anchor + s·(wall - anchorWall)},
 * re-anchored at every play and speed change. A run that cannot keep up (more steps due than
 * {@link Options#stepsPerSlice} per slice) drops the lag instead of racing to catch up. At {@link Speed#MAX} it
 * runs {@code stepsPerSlice} steps per slice, then looks at its inbox again.
 *
 * <p><b>Commands</b> are applied at the virtual instant the pacing gives for the wall time they were posted at
 * ({@link Simulation#applyLiveAt}), or at the current instant when paused or at max speed, and are recorded in the
 * trace with their step count, so a saved live run replays exactly ({@link Replay}). A run ends at its
 * scenario's duration; commands after that are ignored.
 *
 * <p><b>Time.</b> The wall clock is an injectable {@link Clock}. A run made with {@link #create} has no thread
 * until {@link #start}; tests drive it with {@link #pump} instead, which makes every outcome a function of the
 * clock readings and the requests.
 */
public final class LiveRun implements AutoCloseable {

    /** A monotonic wall clock in nanoseconds. */
    @FunctionalInterface
    public interface Clock {
        long nanoTime();

        static Clock system() {
            return System::nanoTime;
        }
    }

    /** What the run is doing. */
    public enum Mode {
        /** Not advancing; steps and commands still apply. */
        PAUSED,
        /** Advancing at its speed. */
        PLAYING,
        /** Running as fast as possible to a target (the next alert, a time), then pausing. */
        SEEKING,
        /** Reached its duration (or was closed); only a reset runs it again. */
        ENDED,
        /** The simulation threw; the snapshot's problem says what. */
        FAILED
    }

    /**
     * How a live run behaves.
     *
     * @param speed          the pace at start
     * @param playing        whether it plays at once
     * @param recordTo       a trace file to record into as it runs, or {@code null}
     * @param publishEveryNs wall time between published snapshots while it runs
     * @param stepsPerSlice  steps between two looks at the inbox (and the most a paced slice runs)
     * @param clock          the wall clock
     */
    public record Options(Speed speed, boolean playing, Path recordTo, long publishEveryNs, int stepsPerSlice,
                          Clock clock) {
        public Options {
            Objects.requireNonNull(speed, "speed");
            Objects.requireNonNull(clock, "clock");
            if (publishEveryNs <= 0 || stepsPerSlice <= 0) {
                throw new IllegalArgumentException("publishEveryNs and stepsPerSlice must be > 0");
            }
        }

        /** Real time, playing, no recording, snapshots every 50 ms, 20,000 steps per slice, the system clock. */
        public static Options defaults() {
            return new Options(Speed.REAL_TIME, true, null, 50_000_000L, 20_000, Clock.system());
        }

        public Options withSpeed(Speed s) {
            return new Options(s, playing, recordTo, publishEveryNs, stepsPerSlice, clock);
        }

        public Options withPlaying(boolean p) {
            return new Options(speed, p, recordTo, publishEveryNs, stepsPerSlice, clock);
        }

        public Options withRecordTo(Path file) {
            return new Options(speed, playing, file, publishEveryNs, stepsPerSlice, clock);
        }

        public Options withStepsPerSlice(int steps) {
            return new Options(speed, playing, recordTo, publishEveryNs, steps, clock);
        }

        public Options withClock(Clock c) {
            return new Options(speed, playing, recordTo, publishEveryNs, stepsPerSlice, c);
        }
    }

    /**
     * What the run looked like when it was published. {@code generation} grows at every reset, which replaces
     * the store, the alerts and the samples.
     *
     * @param problem the latest thing that went wrong without stopping the run (a recording that failed, a
     *                command after the end), or why it failed
     * @param lesson  where the lesson stands, for a run made with {@link #lesson}
     */
    public record Snapshot(long generation, long version, Scenario scenario, TraceStore store,
                           RunMonitor.Log<TraceEvent.Alert> alerts, RunMonitor.Log<MetricSample> samples,
                           RunStatus status, Mode mode, Speed speed, long nowNs, long steps,
                           Optional<Path> recording, Optional<String> problem, Optional<LessonState> lesson) {
        public long durationNs() {
            return scenario.durationNs();
        }
    }

    private final Scenario scenario;
    private final Lesson lesson;
    private final Options options;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Posted> inbox = new ConcurrentLinkedQueue<>();
    private volatile Snapshot snapshot;
    private volatile boolean closed;
    private Thread thread;

    // Run thread only, from here on.
    private final Prefix prefix;
    private Simulation sim;
    private TraceStore store;
    private RunMonitor monitor;
    private TraceWriter recorder;
    private Path recording;
    private LessonDirector director;
    private Mode mode;
    private Speed speed;
    private long anchorVirtual;
    private long anchorWall;
    private Seek seek;
    private long generation;
    private long version;
    private long lastPublish = Long.MIN_VALUE;
    private String problem;

    /** The history a what-if run re-simulates before it goes live. */
    private record Prefix(List<TraceEvent.CommandApplied> commands, long atNs) {}

    /** Where a seek stops. */
    private record Seek(long untilNs, int afterAlerts) {}

    private LiveRun(Scenario scenario, Lesson lesson, Options options, Prefix prefix) throws InputException {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.lesson = lesson;
        this.options = Objects.requireNonNull(options, "options");
        this.clock = options.clock();
        this.prefix = prefix;
        this.speed = options.speed();
        build(options.recordTo());
        this.mode = options.playing() && !held() ? Mode.PLAYING : Mode.PAUSED;
        this.anchorVirtual = sim.now();
        this.anchorWall = clock.nanoTime();
        publish(anchorWall);
    }

    /** A run of {@code scenario} at t = 0 whose thread has not started; see {@link #start()} and {@link #pump()}. */
    public static LiveRun create(Scenario scenario, Options options) throws InputException {
        return new LiveRun(scenario, null, options, null);
    }

    /**
     * A run of a lesson's scenario with the lesson watching it (docs/lessons.md): each step comes up when its
     * trigger holds, its commands are applied as live commands, and the run waits where the lesson pauses or
     * where only the presenter can bring up the next step ({@link #lessonNext}). Its thread has not started.
     */
    public static LiveRun lesson(Lesson lesson, Options options) throws InputException {
        return new LiveRun(lesson.scenario(), lesson, options, null);
    }

    /** Creates a run of {@code scenario} and starts its thread. */
    public static LiveRun start(Scenario scenario, Options options) throws InputException {
        return create(scenario, options).start();
    }

    /**
     * "What if from here": a run that re-simulates a recorded run (its scenario and its live commands, applied
     * at their recorded steps, as {@link Replay} does) up to and including every step due at {@code atNs}, then
     * continues live from that instant, paused unless the options say otherwise. Its first command is applied
     * at {@code atNs}. Its thread has not started.
     *
     * @param recorded the recorded run's commands; those not live, or after {@code atNs}, are skipped
     * @throws IllegalArgumentException if {@code atNs} is not within the scenario's duration
     */
    public static LiveRun whatIf(Scenario scenario, List<TraceEvent.CommandApplied> recorded, long atNs,
                                 Options options) throws InputException {
        if (atNs < 0 || atNs >= scenario.durationNs()) {
            throw new IllegalArgumentException("atNs must be in [0, " + scenario.durationNs() + "): " + atNs);
        }
        return new LiveRun(scenario, null, options, new Prefix(List.copyOf(recorded), atNs));
    }

    /** Starts the run's thread; once. */
    public synchronized LiveRun start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofPlatform().daemon().name("lockscope-run-" + scenario.name()).start(this::loop);
        return this;
    }

    // ---- requests (any thread) ----

    /** The latest published snapshot. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Applies {@code command} at the virtual instant of now (see the class comment). */
    public void post(Command command) {
        Objects.requireNonNull(command, "command");
        send(new Request.Apply(command));
    }

    public void play() {
        send(new Request.Play());
    }

    public void pause() {
        send(new Request.Pause());
    }

    /** Pauses a playing or seeking run, plays a paused one. */
    public void togglePlay() {
        send(new Request.Toggle());
    }

    public void setSpeed(Speed newSpeed) {
        send(new Request.SetSpeed(Objects.requireNonNull(newSpeed, "newSpeed")));
    }

    /** Pauses, then runs steps until at least one event has happened (or the run ends). */
    public void stepEvent() {
        send(new Request.StepEvent());
    }

    /** The presenter goes on: the lesson's next step, or out of its pause; the run then plays. */
    public void lessonNext() {
        send(new Request.LessonNext());
    }

    /** The presenter goes back: the run restarts and re-runs, exactly, to the lesson's previous step, paused. */
    public void lessonBack() {
        send(new Request.LessonBack());
    }

    /** Runs as fast as possible until the next alert (or the end), then pauses there. */
    public void stepAlert() {
        send(new Request.SeekAlert());
    }

    /** Runs as fast as possible to virtual time {@code timeNs} (capped at the duration), then pauses. */
    public void runTo(long timeNs) {
        send(new Request.SeekTime(timeNs));
    }

    /**
     * Starts the scenario again from t = 0 with a new store (a new snapshot generation). The old run ends first,
     * so its recording is complete; the new one is not recorded. A what-if run restarts from its fork point.
     */
    public void reset() {
        send(new Request.Reset());
    }

    /** Records the run into {@code file} from now on, with everything so far written first. */
    public CompletableFuture<Path> startRecording(Path file) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        send(new Request.Record(Objects.requireNonNull(file, "file"), done));
        return done;
    }

    /** A clean cut of the run so far, to be written as a trace; see {@link SavePoint}. */
    public CompletableFuture<SavePoint> savePoint() {
        CompletableFuture<SavePoint> done = new CompletableFuture<>();
        send(new Request.Save(done));
        return done;
    }

    /** Ends the run (completing its recording) and stops its thread; does not wait for it. */
    @Override
    public void close() {
        if (!closed) {
            send(new Request.Close());
            closed = true;
        }
    }

    private void send(Request r) {
        if (closed) {
            switch (r) {
                case Request.Save s -> s.done().completeExceptionally(new IllegalStateException("the run is closed"));
                case Request.Record rec -> rec.done().completeExceptionally(new IllegalStateException("the run is closed"));
                default -> { }
            }
            return;
        }
        inbox.add(new Posted(clock.nanoTime(), r));
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ---- the run's thread ----

    private void loop() {
        while (true) {
            pump();
            if (closed && inbox.isEmpty()) {
                return;
            }
            switch (mode) {
                case PLAYING -> LockSupport.parkNanos(speed.isMax() ? 0 : 4_000_000L);
                case SEEKING -> Thread.onSpinWait();
                default -> LockSupport.parkNanos(200_000_000L);
            }
        }
    }

    /**
     * One slice of the run's work: handles every request posted so far (each at the instant it was posted),
     * advances the simulation as its mode says, and publishes a snapshot if one is due. The run's thread calls
     * it in a loop; tests call it directly on a run that was never started.
     */
    void pump() {
        long wall = clock.nanoTime();
        Mode before = mode;
        boolean handled = false;
        try {
            Posted p;
            while ((p = inbox.poll()) != null) {
                if (mode == Mode.PLAYING) {
                    advancePaced(p.at());
                }
                handle(p.request(), p.at());
                handled = true;
            }
            advance(wall);
        } catch (RuntimeException | InputException e) {
            mode = Mode.FAILED;
            problem = "the simulation failed: " + e;
            handled = true;
        }
        boolean moving = mode == Mode.PLAYING || mode == Mode.SEEKING;
        if (handled || mode != before || moving && wall - lastPublish >= options.publishEveryNs()) {
            publish(wall);
        }
    }

    private void handle(Request request, long at) throws InputException {
        switch (request) {
            case Request.Apply a -> {
                if (sim.isEnded()) {
                    problem = "the run has ended; reset it to change it";
                } else {
                    sim.applyLiveAt(sim.now(), a.command());
                }
            }
            case Request.Play p -> {
                if (held()) {
                    director.next(sim);
                }
                if (mode == Mode.PAUSED || mode == Mode.SEEKING) {
                    mode = Mode.PLAYING;
                    anchor(at);
                }
            }
            case Request.Pause p -> {
                if (mode == Mode.PLAYING || mode == Mode.SEEKING) {
                    mode = Mode.PAUSED;
                }
            }
            case Request.Toggle t -> handle(mode == Mode.PLAYING || mode == Mode.SEEKING
                    ? new Request.Pause() : new Request.Play(), at);
            case Request.SetSpeed s -> {
                speed = s.speed();
                anchor(at);
            }
            case Request.StepEvent s -> {
                if (isLive()) {
                    mode = Mode.PAUSED;
                    int before = store.size();
                    while (store.size() == before && sim.step()) {
                        // a step may emit nothing (a timer that only schedules)
                    }
                    moved();
                    endIfDone(store.size() == before);
                }
            }
            case Request.SeekAlert s -> {
                if (isLive()) {
                    mode = Mode.SEEKING;
                    seek = new Seek(scenario.durationNs(), monitor.alerts().size());
                }
            }
            case Request.SeekTime s -> {
                if (isLive()) {
                    mode = Mode.SEEKING;
                    seek = new Seek(Math.min(Math.max(s.timeNs(), sim.now()), scenario.durationNs()), Integer.MAX_VALUE);
                }
            }
            case Request.Reset x -> {
                boolean wasPlaying = mode == Mode.PLAYING;
                endRun();
                build(null);
                generation++;
                problem = null;
                mode = wasPlaying && !held() ? Mode.PLAYING : Mode.PAUSED;
                anchor(at);
            }
            case Request.LessonNext n -> {
                if (director != null && isLive()) {
                    director.next(sim);
                    if (!held()) {
                        mode = Mode.PLAYING;
                        anchor(at);
                    }
                }
            }
            case Request.LessonBack b -> {
                if (director != null && director.reached() > 0) {
                    int target = director.reached() - 1;
                    endRun();
                    build(null);
                    generation++;
                    problem = null;
                    fastForwardToStep(target);
                    mode = Mode.PAUSED;
                    anchor(at);
                }
            }
            case Request.Record rec -> record(rec);
            case Request.Save s -> s.done().complete(cut());
            case Request.Close c -> {
                endRun();
                mode = Mode.ENDED;
            }
        }
    }

    private boolean isLive() {
        return mode != Mode.ENDED && mode != Mode.FAILED;
    }

    private void anchor(long wall) {
        anchorVirtual = sim.now();
        anchorWall = wall;
    }

    private void advance(long wall) {
        switch (mode) {
            case PLAYING -> {
                if (speed.isMax()) {
                    runSteps(options.stepsPerSlice());
                } else {
                    advancePaced(wall);
                }
            }
            case SEEKING -> seekSlice();
            default -> { }
        }
    }

    /** Runs the simulation to the paced instant of {@code wall}. */
    private void advancePaced(long wall) {
        if (speed.isMax() || wall <= anchorWall) {
            return;
        }
        double ahead = (wall - anchorWall) * speed.factor();
        long target = ahead >= scenario.durationNs() ? scenario.durationNs()
                : Math.min(scenario.durationNs(), anchorVirtual + (long) ahead);
        if (director != null) {
            target = Math.min(target, Math.max(sim.now(), director.nextDueNs()));
        }
        if (target <= sim.now()) {
            return;
        }
        int n = 0;
        while (!held() && sim.nextTime() < target && n < options.stepsPerSlice()) {
            sim.step();
            moved();
            n++;
        }
        if (held()) {
            return;
        }
        if (sim.nextTime() < target) {
            anchor(wall); // behind: drop the lag rather than race to catch up
        } else {
            sim.runUntil(target);
            moved();
        }
        endIfDone(false);
    }

    private void runSteps(int count) {
        for (int i = 0; i < count && !held(); i++) {
            if (!stepOnce()) {
                break;
            }
        }
        if (held()) {
            // The presenter decides what comes next: a deadlock may have left nothing to run, but the lesson's next
            // step (brought up by the alert already seen, or a manual step's commands) may still change that.
            return;
        }
        endIfDone(true);
    }

    /**
     * One step of the simulation, or, when a lesson step falls due by time before the next task, a move of the
     * clock to exactly that instant; returns false when nothing is left before the end.
     */
    private boolean stepOnce() {
        if (director == null) {
            return sim.step();
        }
        if (!director.step(sim)) {
            return false;
        }
        pauseIfHeld();
        return true;
    }

    /** Tells the lesson the run moved; a run that must now wait for the presenter pauses. */
    private void moved() {
        if (director != null) {
            director.afterAdvance(sim);
            pauseIfHeld();
        }
    }

    private void pauseIfHeld() {
        if (director.awaitsPresenter() && (mode == Mode.PLAYING || mode == Mode.SEEKING)) {
            mode = Mode.PAUSED;
        }
    }

    private boolean held() {
        return director != null && director.awaitsPresenter();
    }

    /** After a rebuild: runs, exactly and as fast as possible, until the lesson's step {@code target} is up. */
    private void fastForwardToStep(int target) {
        director.afterAdvance(sim);
        while (director.reached() < target && !sim.isEnded()) {
            if (director.awaitsPresenter()) {
                director.next(sim);
            } else if (!director.step(sim)) {
                break;
            }
        }
    }

    private void seekSlice() {
        for (int i = 0; i < options.stepsPerSlice(); i++) {
            if (monitor.alerts().size() > seek.afterAlerts()) {
                mode = Mode.PAUSED;
                return;
            }
            if (sim.nextTime() >= seek.untilNs()) {
                sim.runUntil(seek.untilNs());
                mode = Mode.PAUSED;
                moved();
                endIfDone(false);
                return;
            }
            stepOnce();
            if (held()) {
                return;
            }
        }
    }

    /**
     * Ends the run once its clock has reached the duration, or, when it is heading for the end anyway
     * ({@code towardEnd}: at max speed, or stepping), once no step is left before the duration.
     */
    private void endIfDone(boolean towardEnd) {
        if (!sim.isEnded() && (sim.now() >= scenario.durationNs() || towardEnd && !hasStepsLeft())) {
            sim.runUntil(scenario.durationNs());
            endRun();
            mode = Mode.ENDED;
        }
    }

    private boolean hasStepsLeft() {
        return sim.nextTime() < scenario.durationNs();
    }

    private void endRun() {
        if (!sim.isEnded()) {
            try {
                sim.end();
            } catch (UncheckedIOException e) {
                recordingFailed(e);
            }
        }
        recorder = null;
    }

    private void record(Request.Record rec) {
        if (sim.isEnded()) {
            rec.done().completeExceptionally(new IllegalStateException("the run has ended"));
            return;
        }
        try {
            TraceWriter writer = TraceWriter.recording(rec.file(), scenario);
            TraceView view = store.view();
            for (int row = 0; row < view.size(); row++) {
                writer.accept(view.event(row));
            }
            writer.flush();
            if (recorder != null) {
                recorder.close();
            }
            recorder = writer;
            recording = rec.file();
            rec.done().complete(rec.file());
        } catch (IOException | UncheckedIOException e) {
            rec.done().completeExceptionally(e);
        }
    }

    private SavePoint cut() {
        if (sim.isEnded()) {
            return new SavePoint(scenario, store.view(), OptionalLong.empty());
        }
        long now = sim.now();
        while (sim.nextTime() == now && sim.step()) {
            // complete the instant, so that a re-simulation to now + 1 ns runs exactly these steps
        }
        return new SavePoint(scenario, store.view(), OptionalLong.of(now + 1));
    }

    /** A new simulation, store and monitor; replays the what-if prefix if there is one. */
    private void build(Path recordTo) throws InputException {
        store = new TraceStore();
        monitor = new RunMonitor(scenario);
        recorder = null;
        recording = null;
        if (recordTo != null) {
            try {
                recorder = TraceWriter.recording(recordTo, scenario);
                recording = recordTo;
            } catch (IOException e) {
                problem = "cannot record to " + recordTo + ": " + e.getMessage();
            }
        }
        director = lesson == null ? null : new LessonDirector(lesson);
        sim = Simulation.start(scenario, new FanOut());
        if (director != null) {
            director.afterAdvance(sim);
        }
        if (prefix != null) {
            for (TraceEvent.CommandApplied c : prefix.commands()) {
                if (c.live() && c.time() <= prefix.atNs()) {
                    sim.runSteps(c.step());
                    sim.applyLiveAt(c.time(), c.command());
                }
            }
            while (sim.nextTime() <= prefix.atNs() && sim.step()) {
                // every step due up to and including the fork instant
            }
            sim.runUntil(prefix.atNs());
        }
    }

    private void publish(long wall) {
        lastPublish = wall;
        if (recorder != null) {
            try {
                recorder.flush();
            } catch (UncheckedIOException e) {
                recordingFailed(e);
            }
        }
        monitor.advanceTo(sim.now());
        snapshot = new Snapshot(generation, ++version, scenario, store, monitor.alerts(), monitor.samples(),
                monitor.status(), mode, speed, sim.now(), sim.steps(), Optional.ofNullable(recording),
                Optional.ofNullable(problem), Optional.ofNullable(director).map(LessonDirector::state));
    }

    private void recordingFailed(UncheckedIOException e) {
        problem = "recording stopped: " + e.getCause().getMessage();
        if (recorder != null) {
            recorder.close();
        }
        recorder = null;
        recording = null;
    }

    /** The run's events go to the store, the monitor, and the recording if there is one. */
    private final class FanOut implements EventSink {
        @Override
        public void accept(TraceEvent event) {
            store.accept(event);
            monitor.accept(event);
            if (director != null) {
                director.accept(event);
            }
            if (recorder != null) {
                try {
                    recorder.accept(event);
                } catch (UncheckedIOException e) {
                    recordingFailed(e);
                }
            }
        }

        @Override
        public void finish() {
            if (recorder != null) {
                recorder.finish();
            }
        }
    }

    /** A request and the wall time it was posted at. */
    private record Posted(long at, Request request) {}

    /** Something posted to the run's thread. */
    private sealed interface Request {
        record Apply(Command command) implements Request {}

        record Play() implements Request {}

        record Pause() implements Request {}

        record Toggle() implements Request {}

        record SetSpeed(Speed speed) implements Request {}

        record StepEvent() implements Request {}

        record SeekAlert() implements Request {}

        record SeekTime(long timeNs) implements Request {}

        record Reset() implements Request {}

        record LessonNext() implements Request {}

        record LessonBack() implements Request {}

        record Record(Path file, CompletableFuture<Path> done) implements Request {}

        record Save(CompletableFuture<SavePoint> done) implements Request {}

        record Close() implements Request {}
    }
}
