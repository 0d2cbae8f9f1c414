package dev.lockscope.jfr;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonValue;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Turns a JDK Flight Recorder recording into Lockscope events, with the JDK's own {@code jdk.jfr.consumer} API
 * (docs/jfr-import.md). Every {@code jdk.JavaMonitorEnter} (a thread blocked entering a {@code synchronized}
 * block), {@code jdk.JavaMonitorWait} ({@code Object.wait}) and {@code jdk.ThreadPark} ({@code LockSupport.park},
 * under every {@code java.util.concurrent} lock) becomes a wait on a named lock: a {@code request} at the event's
 * start, then at its end an {@code acquire} and a {@code release} at the same instant. Threads are goroutines
 * (their Java thread id, their name as the operation), locks are named by class and address
 * ({@code Room@7f3a2c10}), and the previous owner of a monitor (or, for a wait, the thread that notified) is its
 * {@code blocked} set.
 *
 * <p><b>What JFR does not record</b>, and so the trace lacks: holds (a lock's holder is known only as the previous
 * owner of a contended monitor, so each hold is shown as the instant of its acquisition); waits shorter than the
 * recording's threshold (20 ms by default); who owns a parked-on lock. Events are sorted by time: JFR commits an
 * event when it ends, so a recording's order is not time order. The recording's events are held in memory while
 * sorting (a few dozen bytes each), and a recording with more than {@value #MAX_WAITS} waits is refused.
 */
public final class JfrImporter implements TraceImporter {
    /** The producer name of imported recordings. */
    public static final String PRODUCER = "lockscope-jfr";
    static final int MAX_WAITS = 10_000_000;

    private static final String ENTER = "jdk.JavaMonitorEnter";
    private static final String WAIT = "jdk.JavaMonitorWait";
    private static final String PARK = "jdk.ThreadPark";
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private final Path file;

    public JfrImporter(Path file) {
        this.file = file;
    }

    /** Whether {@code file} starts like a JFR recording (its magic bytes), whatever its name. */
    public static boolean isRecording(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String source() {
        return file.toString();
    }

    @Override
    public TraceFile.Header header() {
        String fileName = file.getFileName().toString();
        int dot = fileName.indexOf('.');
        Map<String, JsonValue> details = new LinkedHashMap<>();
        details.put("name", new JsonValue.Str(1, dot > 0 ? fileName.substring(0, dot) : fileName));
        details.put("source", new JsonValue.Str(1, "JDK Flight Recorder: " + ENTER + ", " + WAIT + ", " + PARK));
        return TraceFile.Header.produced(PRODUCER, Optional.of(new JsonValue.Obj(1, details)));
    }

    /** One wait read from the recording, in its thread's order. */
    private record Wait(long startNs, long endNs, long thread, String threadName, String lock, long blocker,
                        String blockerName, Site site, long order) {}

    @Override
    public void read(Events events) throws InputException {
        List<Wait> waits = readWaits();
        if (waits.isEmpty()) {
            return;
        }
        long origin = waits.stream().mapToLong(Wait::startNs).min().orElse(0);
        List<Stamped> out = new ArrayList<>(waits.size() * 3);
        for (Wait w : waits) {
            out.add(new Stamped(w.startNs() - origin, w.order() * 2, w, true));
            out.add(new Stamped(w.endNs() - origin, w.order() * 2 + 1, w, false));
        }
        out.sort(null);
        new Emitter(events).emit(out);
    }

    /** An event to write: at {@code t}, the start or the end of a wait; {@code order} keeps each thread's order. */
    private record Stamped(long t, long order, Wait of, boolean start) implements Comparable<Stamped> {
        @Override
        public int compareTo(Stamped o) {
            int byTime = Long.compare(t, o.t);
            return byTime != 0 ? byTime : Long.compare(order, o.order);
        }
    }

    private List<Wait> readWaits() throws InputException {
        if (!Files.exists(file)) {
            throw new InputException(file.toString(), 0, "", "no such file");
        }
        if (!isRecording(file)) {
            throw new InputException(file.toString(), 0, "", "not a JFR recording (it does not start with FLR)");
        }
        List<Wait> waits = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                if (!type.equals(ENTER) && !type.equals(WAIT) && !type.equals(PARK)) {
                    continue;
                }
                RecordedThread thread = e.getThread();
                if (thread == null) {
                    continue;
                }
                if (waits.size() == MAX_WAITS) {
                    throw new InputException(file.toString(), 0, "", "more than " + MAX_WAITS
                            + " monitor and park events (the limit)");
                }
                waits.add(wait(e, type, thread));
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException(file.toString(), 0, "", "cannot read the recording: "
                    + (e instanceof NoSuchFileException ? "no such file" : plain(e)));
        }
        // A thread's waits in start order; the order numbers keep request before acquire at equal times.
        waits.sort((a, b) -> a.thread() != b.thread() ? Long.compare(a.thread(), b.thread())
                : Long.compare(a.startNs(), b.startNs()));
        List<Wait> ordered = new ArrayList<>(waits.size());
        for (int i = 0; i < waits.size(); i++) {
            Wait w = waits.get(i);
            ordered.add(new Wait(w.startNs(), w.endNs(), w.thread(), w.threadName(), w.lock(), w.blocker(),
                    w.blockerName(), w.site(), i));
        }
        return ordered;
    }

    private static Wait wait(RecordedEvent e, String type, RecordedThread thread) {
        long start = nanos(e.getStartTime());
        long end = Math.max(start, nanos(e.getEndTime()));
        String lock;
        RecordedThread blocker = null;
        switch (type) {
            case ENTER -> {
                lock = lockName(e.getClass("monitorClass"), e.getLong("address"));
                blocker = e.getThread("previousOwner");
            }
            case WAIT -> {
                lock = lockName(e.getClass("monitorClass"), e.getLong("address"));
                blocker = e.getThread("notifier");
            }
            default -> lock = lockName(e.getClass("parkedClass"), e.getLong("address"));
        }
        long blockerId = blocker == null ? -1 : blocker.getJavaThreadId();
        return new Wait(start, end, thread.getJavaThreadId(), threadName(thread), lock, blockerId,
                blocker == null ? null : threadName(blocker), site(e.getStackTrace(), threadName(thread), type), 0);
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** {@code Room@7f3a2c10}: the class's simple name (nested classes keep their outer name) and the address. */
    static String lockName(RecordedClass type, long address) {
        String name = type == null ? "lock" : type.getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        return name + "@" + Long.toHexString(address);
    }

    private static String threadName(RecordedThread t) {
        String name = t.getJavaName();
        return name == null || name.isBlank() ? "thread-" + t.getJavaThreadId() : name;
    }

    /** The first frame of user code: not the JDK's waiting and locking machinery. */
    private static Site site(RecordedStackTrace stack, String op, String type) {
        if (stack != null) {
            for (RecordedFrame f : stack.getFrames()) {
                String owner = f.getMethod().getType().getName();
                if (owner.startsWith("java.") || owner.startsWith("jdk.") || owner.startsWith("sun.")) {
                    continue;
                }
                String simple = owner.substring(owner.lastIndexOf('.') + 1);
                return new Site(op, simple + "." + f.getMethod().getName()
                        + (f.getLineNumber() > 0 ? " (line " + f.getLineNumber() + ")" : ""));
            }
        }
        return new Site(op, switch (type) {
            case ENTER -> "synchronized";
            case WAIT -> "Object.wait";
            default -> "LockSupport.park";
        });
    }

    private static String plain(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "the file is damaged" : message;
    }

    /** Writes the sorted waits as events, declaring each thread and lock at its first use. */
    private final class Emitter {
        private final Events events;
        private final Map<Long, Integer> goroutines = new HashMap<>();
        private final Map<String, Integer> locks = new HashMap<>();
        private long count;

        Emitter(Events events) {
            this.events = events;
        }

        void emit(List<Stamped> sorted) throws InputException {
            long last = 0;
            for (Stamped s : sorted) {
                Wait w = s.of();
                int g = goroutine(s.t(), w.thread(), w.threadName());
                int lock = lock(s.t(), w.lock());
                if (s.start()) {
                    put(new TraceEvent.Request(s.t(), g, lock, Mode.WRITE, w.site()));
                    if (w.blocker() >= 0 && w.blocker() != w.thread()) {
                        int by = goroutine(s.t(), w.blocker(), w.blockerName());
                        put(new TraceEvent.Blocked(s.t(), g, lock, List.of(by)));
                    }
                } else {
                    put(new TraceEvent.Acquire(s.t(), g, lock, Mode.WRITE, w.site()));
                    put(new TraceEvent.Release(s.t(), g, lock, Mode.WRITE, w.site()));
                }
                last = s.t();
            }
            put(new TraceEvent.End(last));
        }

        private int goroutine(long t, long thread, String name) throws InputException {
            Integer g = goroutines.get(thread);
            if (g == null) {
                if (thread < 1 || thread > Integer.MAX_VALUE) {
                    // Thread ids are small in practice; a huge one gets the next free small id instead.
                    g = goroutines.size() + 1;
                } else {
                    g = (int) thread;
                }
                goroutines.put(thread, g);
                put(new TraceEvent.Spawn(t, g, name, kindOf(name), 0));
            }
            return g;
        }

        private int lock(long t, String name) throws InputException {
            Integer id = locks.get(name);
            if (id == null) {
                id = locks.size();
                locks.put(name, id);
                put(new TraceEvent.LockCreated(t, id, name, LockKind.MUTEX));
            }
            return id;
        }

        private void put(TraceEvent e) throws InputException {
            events.accept(e, "event " + ++count);
        }
    }

    /** A thread's kind: its name without a trailing "-digits" ({@code pool-1-thread-3} is {@code pool-1-thread}). */
    static String kindOf(String name) {
        return name.replaceFirst("-\\d+$", "");
    }
}
