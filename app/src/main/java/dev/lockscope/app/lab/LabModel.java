package dev.lockscope.app.lab;

import dev.lockscope.app.replay.LoadedTrace;
import dev.lockscope.app.replay.PlayheadState;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.model.Command;
import dev.lockscope.run.AttachedRun;
import dev.lockscope.run.LessonState;
import dev.lockscope.run.LiveRun;
import dev.lockscope.run.MetricSample;
import dev.lockscope.run.RunMonitor;
import dev.lockscope.run.RunStatus;
import dev.lockscope.run.SavePoint;
import dev.lockscope.run.Speed;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.util.Millis;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lab's state on the FX thread: what is open (a live run or a replayed trace), the store the timeline
 * draws, the playhead, the panels' {@link RunStatus}, alerts and chart samples. Everything here is read and
 * written on the FX thread only; the simulation and file reading happen elsewhere, and arrive here through
 * {@link LiveRun#snapshot()} (polled once per frame) and finished tasks.
 *
 * <p>The UI changes a run only through {@link #post}: in a live run the command goes to the run; in a replay
 * it starts a "what if from here" run at the playhead and applies the command there.
 */
public final class LabModel {
    /** Why "what if from here" is not offered for a trace that no simulation produced. */
    /** Why an attached program cannot be changed from the lab, and what to do instead. */
    public static final String ATTACHED_IS_READ_ONLY = "The lab only watches an attached program; to try what-ifs, "
            + "make a scenario from it (File → Make a scenario from this trace).";

    public static final String WHAT_IF_NEEDS_SIMULATION = "What if needs a simulated trace: this one was recorded "
            + "from a real program, so there is no scenario to re-run.";

    /** What the lab shows. */
    public enum Source { LIVE, REPLAY }

    private final ReadOnlyObjectWrapper<Source> source = new ReadOnlyObjectWrapper<>(this, "source", Source.LIVE);
    private final ReadOnlyObjectWrapper<TraceStore> store = new ReadOnlyObjectWrapper<>(this, "store");
    private final AlertWords alertWords = new AlertWords(store::get);
    private final LongProperty playhead = new SimpleLongProperty(this, "playhead");
    private final ReadOnlyLongWrapper duration = new ReadOnlyLongWrapper(this, "duration", 1);
    private final ReadOnlyObjectWrapper<Scenario> scenario = new ReadOnlyObjectWrapper<>(this, "scenario");
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<LiveRun.Mode> runMode = new ReadOnlyObjectWrapper<>(this, "runMode",
            LiveRun.Mode.PAUSED);
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(this, "speed", Speed.REAL_TIME);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final ReadOnlyObjectWrapper<Path> recording = new ReadOnlyObjectWrapper<>(this, "recording");
    /** The alerts of the store shown, read back from it (the lab holds none itself: a run may raise millions). */
    private final StoreAlerts alerts = new StoreAlerts();
    /** A prefix of {@link #alerts}: all of them live, those up to the playhead in a replay. */
    private final StoreAlerts shownAlerts = new StoreAlerts();
    private int seenSamplesEpoch;
    private final ObservableList<MetricSample> samples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<LessonState> lesson = new ReadOnlyObjectWrapper<>(this, "lesson");

    private Consumer<List<TraceEvent.Alert>> onLiveAlerts = a -> { };

    // Live.
    private LiveRun run;
    /**
     * A what-if run re-simulates the trace up to its fork, alerts included: those (up to this instant, in the
     * run's first generation) are not new to the user and raise no pop-up.
     */
    private long quietThroughNs = -1;
    private long quietGeneration = -1;
    /** A tracked program streaming its events, when the lab is attached to one (shown as {@link Source#LIVE}). */
    private AttachedRun attached;
    private long seenAttachedVersion = -1;
    private final ReadOnlyStringWrapper attachedTo = new ReadOnlyStringWrapper(this, "attachedTo");
    private long seenGeneration = -1;
    private long seenVersion = -1;
    private int seenAlerts;
    private int seenSamples;
    // Replay.
    private LoadedTrace trace;
    private PlayheadState playheadState;
    private long lastFrame;

    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            frame(now);
        }
    };

    public LabModel() {
        speed.addListener((o, old, s) -> {
            if (run != null && source.get() == Source.LIVE) {
                run.setSpeed(s);
            }
        });
        playhead.addListener((o, old, t) -> {
            if (source.get() == Source.REPLAY && playheadState != null) {
                playheadState.request(t.longValue());
            }
            if (source.get() == Source.REPLAY) {
                syncShownAlerts();
            }
        });
        source.addListener(o -> syncShownAlerts());
        frames.start();
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Source> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    /** The store the timeline draws: replaced when a run resets or another run or trace opens. */
    public ReadOnlyObjectProperty<TraceStore> storeProperty() {
        return store.getReadOnlyProperty();
    }

    /**
     * The playhead in virtual ns. Live: follows the run's clock. Replay: set by the user (scrubber, timeline,
     * alerts); the panels follow it.
     */
    public LongProperty playheadProperty() {
        return playhead;
    }

    /** The run's length: the scenario's duration live, the last event's time in a replay. */
    public ReadOnlyLongProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    /**
     * Whether "what if from here" can run: a replay of a simulated trace. A real program's trace has no scenario
     * to re-simulate ({@link #WHAT_IF_NEEDS_SIMULATION}).
     */
    public BooleanBinding whatIfAvailable() {
        return source.isEqualTo(Source.REPLAY).and(scenario.isNotNull());
    }

    public ReadOnlyObjectProperty<Scenario> scenarioProperty() {
        return scenario.getReadOnlyProperty();
    }

    /** What the panels show: the live run now, or the replay at its playhead. */
    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveRun.Mode> runModeProperty() {
        return runMode.getReadOnlyProperty();
    }

    /** Live: the pace of the run. Replay: the pace of playback. */
    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** What is open, for the window title. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The latest thing to tell the user, for the status bar. */
    public StringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<Path> recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    /** Every alert of the run so far (live) or of the whole trace (replay), in order. */
    /** The alerts in words that name their goroutines and primitives, for every panel that lists them. */
    AlertWords alertWords() {
        return alertWords;
    }

    public ObservableList<TraceEvent.Alert> alerts() {
        return alerts;
    }

    /**
     * The alerts the panels show: live, every alert so far; in a replay, those up to the playhead, as every panel
     * shows the run at the playhead. Always a prefix of {@link #alerts()}, kept in step incrementally.
     */
    public ObservableList<TraceEvent.Alert> shownAlerts() {
        return shownAlerts;
    }

    /** Makes {@link #shownAlerts} the prefix of {@link #alerts} up to the playhead (replay) or all of it (live). */
    private void syncShownAlerts() {
        TraceView view = alerts.view();
        int k = view == null ? 0
                : source.get() == Source.REPLAY ? Math.min(alerts.size(), view.alertsUpTo(playhead.get())) : alerts.size();
        shownAlerts.show(alerts.store(), view, k);
    }

    /** The alerts of the store now shown, up to its latest row; then the shown prefix. */
    private void refreshAlerts() {
        TraceStore current = store.get();
        alerts.show(current, current == null ? null : current.view(), Integer.MAX_VALUE);
        syncShownAlerts();
    }

    /** No alerts until the next store is shown. */
    private void clearAlerts() {
        alerts.show(null, null, 0);
        syncShownAlerts();
    }

    /** The chart samples so far (live) or of the whole trace (replay). */
    public ObservableList<MetricSample> samples() {
        return samples;
    }

    /** Where the running lesson stands, or null when no lesson is running. */
    public ReadOnlyObjectProperty<LessonState> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /**
     * Called with the alerts each live frame brings that are new to the user, for pop-ups: not those a what-if run
     * re-simulates up to its fork.
     */
    public void setOnLiveAlerts(Consumer<List<TraceEvent.Alert>> listener) {
        this.onLiveAlerts = listener;
    }

    /** The live run, or null in a replay; tests drive it directly. */
    /** Where the attached program serves ({@code 127.0.0.1:7070}), or {@code null} when none is attached. */
    public ReadOnlyStringProperty attachedToProperty() {
        return attachedTo.getReadOnlyProperty();
    }

    /**
     * Shows a tracked program's live stream (docs/attach.md): the timeline follows it like a live run; nothing in
     * the lab changes the program, but it can be recorded, saved and made into a scenario.
     */
    public void attach(AttachedRun next) {
        closeCurrent();
        attached = next;
        trace = null;
        seenAttachedVersion = -1;
        seenAlerts = 0;
        seenSamples = 0;
        seenSamplesEpoch = 0;
        clearAlerts();
        samples.clear();
        lesson.set(null);
        source.set(Source.LIVE);
        scenario.set(null);
        runMode.set(LiveRun.Mode.PLAYING);
        playing.set(true);
        recording.set(null);
        attachedTo.set(next.address());
        title.set(next.address() + " — attached");
        message.set("Attached to " + next.address() + ": waiting for its events…");
    }

    public LiveRun liveRun() {
        return run;
    }

    /** The trace being replayed, or null. */
    public LoadedTrace trace() {
        return trace;
    }

    // ---- opening things ----

    /** Starts {@code scenario} live, replacing whatever was open. */
    public void startLive(Scenario s, boolean playingAtStart) throws InputException {
        LiveRun next = LiveRun.start(s, LiveRun.Options.defaults().withSpeed(speed.get()).withPlaying(playingAtStart));
        showLive(next, s.name() + " — live");
    }

    /** Starts {@code l} live, presented step by step; replaces whatever was open. */
    public void startLesson(Lesson l) throws InputException {
        LiveRun next = LiveRun.lesson(l, LiveRun.Options.defaults().withSpeed(speed.get()).withPlaying(true)).start();
        showLive(next, l.name() + " — lesson");
    }

    /** The presenter goes on (Page Down). */
    public void lessonNext() {
        if (run != null) {
            run.lessonNext();
        }
    }

    /** The presenter goes back a step (Page Up). */
    public void lessonBack() {
        if (run != null) {
            run.lessonBack();
        }
    }

    private void showLive(LiveRun next, String newTitle) {
        showLive(next, newTitle, -1);
    }

    /** Shows {@code next}; its first generation's alerts up to {@code quietThrough} (if not negative) are not new. */
    private void showLive(LiveRun next, String newTitle, long quietThrough) {
        closeCurrent();
        run = next;
        quietThroughNs = quietThrough;
        quietGeneration = next.snapshot().generation();
        trace = null;
        seenGeneration = -1;
        source.set(Source.LIVE);
        scenario.set(next.scenario());
        duration.set(next.scenario().durationNs());
        title.set(newTitle);
        pollLive();
    }

    /** Shows a loaded trace for replay, with the playhead at its end. */
    public void openTrace(LoadedTrace t) {
        closeCurrent();
        trace = t;
        lesson.set(null);
        source.set(Source.REPLAY);
        scenario.set(t.scenario().orElse(null));
        store.set(t.store());
        duration.set(Math.max(1, t.endNs()));
        refreshAlerts();
        samples.setAll(t.samples());
        status.set(t.status());
        recording.set(null);
        runMode.set(LiveRun.Mode.PAUSED);
        playing.set(false);
        title.set(t.file().getFileName() + " — replay");
        message.set(t.warning().orElse("Opened " + t.file().getFileName() + ": " + t.store().size() + " events"));
        playheadState = new PlayheadState(t::newMonitor, t.store().view());
        playheadState.setOnSucceeded(e -> {
            if (playheadState != null && e.getSource() == playheadState && playheadState.getValue() != null) {
                status.set(playheadState.getValue());
            }
        });
        playhead.set(t.endNs());
    }

    private void closeCurrent() {
        if (attached != null) {
            attached.close();
            attached = null;
            attachedTo.set(null);
        }
        if (run != null) {
            run.close();
            run = null;
        }
        if (playheadState != null) {
            playheadState.cancel();
            playheadState = null;
        }
        playing.set(false);
    }

    /** Ends the live run (completing its recording); call when the window closes. */
    public void shutdown() {
        frames.stop();
        closeCurrent();
    }

    // ---- commands ----

    /**
     * Changes the run: live, the command goes to the run; in a replay, the lab forks a live run at the playhead
     * (what if from here) and applies the command there.
     */
    public void post(Command command) {
        if (attached != null) {
            message.set(ATTACHED_IS_READ_ONLY);
            return;
        }
        if (source.get() == Source.REPLAY) {
            whatIf(Optional.of(command));
        } else if (run != null) {
            if (run.snapshot().mode() == LiveRun.Mode.ENDED) {
                message.set("The run has ended: reset it (Ctrl+R) to change it.");
                return;
            }
            run.post(command);
        }
    }

    /**
     * From a replay, continues live from the playhead: the trace's scenario and live commands are re-simulated
     * up to the playhead, then {@code command} (if any) applies there and the run plays.
     */
    public void whatIf(Optional<Command> command) {
        if (trace == null) {
            return;
        }
        if (trace.scenario().isEmpty()) {
            message.set(WHAT_IF_NEEDS_SIMULATION);
            return;
        }
        Scenario fromScenario = trace.scenario().get();
        long at = Math.max(0, Math.min(playhead.get(), Math.min(trace.endNs(), fromScenario.durationNs() - 1)));
        LoadedTrace from = trace;
        try {
            LiveRun fork = LiveRun.whatIf(fromScenario, from.commands(), at,
                    LiveRun.Options.defaults().withSpeed(speed.get()).withPlaying(false));
            int got = fork.snapshot().store().size(); // the re-simulated prefix, before anything new
            command.ifPresent(fork::post);
            fork.play();
            fork.start();
            showLive(fork, fromScenario.name() + " — what if, from " + Millis.seconds(at) + " of "
                    + from.file().getFileName(), at);
            int expected = rowsUpTo(from.store().view(), at);
            message.set(got == expected ? "What if: re-simulated " + got + " events up to " + Millis.seconds(at)
                    + ", then continued live"
                    : "What if: the re-simulation gave " + got + " events up to " + Millis.seconds(at)
                    + " where the trace has " + expected + " (made by another Lockscope version?)");
        } catch (InputException | RuntimeException e) {
            message.set("Cannot continue from here: " + e.getMessage());
        }
    }

    public void togglePlay() {
        if (source.get() == Source.LIVE) {
            if (run != null) {
                run.togglePlay();
            }
        } else {
            if (!playing.get() && playhead.get() >= duration.get()) {
                playhead.set(0);
            }
            lastFrame = 0;
            playing.set(!playing.get());
        }
    }

    public void pause() {
        if (source.get() == Source.LIVE && run != null) {
            run.pause();
        } else {
            playing.set(false);
        }
    }

    /** Live: the next event of the run. Replay: moves the playhead to the next event's instant. */
    public void stepEvent() {
        if (source.get() == Source.LIVE) {
            if (run != null) {
                run.stepEvent();
            }
            return;
        }
        playing.set(false);
        TraceView view = store.get().view();
        int row = rowsUpTo(view, playhead.get());
        if (row < view.size()) {
            playhead.set(view.time(row));
        }
    }

    /** Live: runs to the next alert. Replay: jumps to the next alert after the playhead. */
    public Optional<TraceEvent.Alert> nextAlert() {
        if (source.get() == Source.LIVE) {
            if (run != null) {
                run.stepAlert();
            }
            return Optional.empty();
        }
        playing.set(false);
        TraceView view = alerts.view();
        int next = view == null ? alerts.size() : view.alertsUpTo(playhead.get()); // the first after the playhead
        if (next >= alerts.size()) {
            return Optional.empty();
        }
        TraceEvent.Alert a = alerts.get(next);
        playhead.set(a.time());
        return Optional.of(a);
    }

    /** Replay: jumps to the last alert before the playhead. */
    public Optional<TraceEvent.Alert> previousAlert() {
        if (source.get() != Source.REPLAY) {
            return Optional.empty();
        }
        playing.set(false);
        TraceView view = alerts.view();
        int before = view == null ? 0 : Math.min(alerts.size(), view.alertsUpTo(playhead.get() - 1));
        if (before == 0) {
            return Optional.empty();
        }
        TraceEvent.Alert a = alerts.get(before - 1);
        playhead.set(a.time());
        return Optional.of(a);
    }

    /**
     * Live: starts the scenario again. Replay: back to the start. Either way the status bar says so, in place of
     * whatever it said (an error about the run before is no longer true).
     */
    public void reset() {
        if (source.get() == Source.LIVE) {
            if (run != null) {
                run.reset();
                message.set("Reset: " + run.scenario().name() + " runs again from 0 s");
            }
        } else {
            playing.set(false);
            playhead.set(0);
            message.set("Back to the start of the trace");
        }
    }

    /** A clean cut of what is open, to write as a trace; completes off the FX thread. */
    public CompletableFuture<SavePoint> savePoint() {
        if (attached != null && attached.snapshot() != null) {
            AttachedRun.Snapshot s = attached.snapshot();
            return CompletableFuture.completedFuture(new SavePoint(s.header(), s.store().view(),
                    OptionalLong.of(s.lastEventNs())));
        }
        if (source.get() == Source.LIVE && run != null) {
            return run.savePoint();
        }
        if (trace != null) {
            return CompletableFuture.completedFuture(new SavePoint(trace.header(), trace.store().view(),
                    OptionalLong.empty()));
        }
        return CompletableFuture.failedFuture(new IllegalStateException("nothing is open"));
    }

    /** Records the live run into {@code file} from now on, with everything so far written first. */
    public CompletableFuture<Path> startRecording(Path file) {
        if (attached != null) {
            return attached.startRecording(file);
        }
        if (source.get() != Source.LIVE || run == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("only a live run can be recorded"));
        }
        return run.startRecording(file);
    }

    // ---- frames ----

    private void frame(long now) {
        if (attached != null) {
            pollAttached();
        } else if (source.get() == Source.LIVE) {
            pollLive();
        } else if (playing.get()) {
            if (lastFrame != 0) {
                Speed s = speed.get();
                double factor = s.isMax() ? Speed.MAX_FACTOR : s.factor();
                long next = playhead.get() + (long) ((now - lastFrame) * factor);
                if (next >= duration.get()) {
                    next = duration.get();
                    playing.set(false);
                }
                playhead.set(next);
            }
            lastFrame = now;
        }
    }

    private void pollLive() {
        if (run == null) {
            return;
        }
        LiveRun.Snapshot s = run.snapshot();
        if (s.generation() == seenGeneration && s.version() == seenVersion) {
            return;
        }
        if (s.generation() != seenGeneration) {
            seenGeneration = s.generation();
            seenAlerts = 0;
            seenSamples = 0;
            seenSamplesEpoch = 0;
            clearAlerts();
            samples.clear();
            store.set(s.store());
        }
        seenVersion = s.version();
        List<TraceEvent.Alert> newAlerts = newAlerts(s.alerts());
        refreshAlerts();
        readSamples(s.samples());
        status.set(s.status());
        runMode.set(s.mode());
        playing.set(s.mode() == LiveRun.Mode.PLAYING || s.mode() == LiveRun.Mode.SEEKING);
        recording.set(s.recording().orElse(null));
        lesson.set(s.lesson().orElse(null));
        playhead.set(s.nowNs());
        s.problem().ifPresent(message::set);
        List<TraceEvent.Alert> fresh = s.generation() == quietGeneration && quietThroughNs >= 0
                ? newAlerts.stream().filter(a -> a.time() > quietThroughNs).toList() : newAlerts;
        if (!fresh.isEmpty()) {
            onLiveAlerts.accept(fresh);
        }
    }

    /** The alerts the monitor raised since the last poll (for pop-ups; the lists read the store). */
    private List<TraceEvent.Alert> newAlerts(RunMonitor.Log<TraceEvent.Alert> log) {
        RunMonitor.Slice<TraceEvent.Alert> slice = log.read(seenAlerts, 0);
        seenAlerts = slice.next();
        return slice.items();
    }

    /** New chart samples; all of them again when the monitor thinned its samples to keep them bounded. */
    private void readSamples(RunMonitor.Log<MetricSample> log) {
        RunMonitor.Slice<MetricSample> slice = log.read(seenSamples, seenSamplesEpoch);
        seenSamples = slice.next();
        seenSamplesEpoch = slice.epoch();
        if (slice.restarted()) {
            samples.setAll(slice.items());
        } else {
            samples.addAll(slice.items());
        }
    }

    private void pollAttached() {
        AttachedRun.Snapshot s = attached.snapshot();
        if (s == null) {
            attached.failure().ifPresent(f -> {
                message.set("Cannot attach: " + f);
                runMode.set(LiveRun.Mode.FAILED);
                playing.set(false);
            });
            return;
        }
        if (s.connected()) {
            playhead.set(attached.nowNs());
        }
        if (s.version() == seenAttachedVersion) {
            return;
        }
        if (seenAttachedVersion < 0) {
            store.set(s.store());
            title.set(s.name() + " — attached to " + attached.address());
            message.set("Attached to " + s.name() + " (" + s.header().producer() + ") at " + attached.address());
        }
        seenAttachedVersion = s.version();
        List<TraceEvent.Alert> newAlerts = newAlerts(s.alerts());
        refreshAlerts();
        readSamples(s.samples());
        status.set(s.status());
        duration.set(Math.max(1, s.lastEventNs()));
        recording.set(s.recording().orElse(null));
        if (!s.connected()) {
            runMode.set(LiveRun.Mode.ENDED);
            playing.set(false);
            playhead.set(s.lastEventNs());
            message.set(s.problem().orElse(s.name() + " stopped serving") + "; what arrived stays on screen.");
        }
        if (!newAlerts.isEmpty()) {
            onLiveAlerts.accept(newAlerts);
        }
    }

    /** The number of rows at or before {@code t}. */
    static int rowsUpTo(TraceView view, long t) {
        int lo = 0;
        int hi = view.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (view.time(mid) <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
