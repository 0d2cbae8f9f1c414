package dev.lockscope.tracker;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One trace stream's encoder (a file, or one live client): turns {@link LockEvent}s into version-2 JSON lines,
 * with this stream's own numbering. Not thread-safe: the {@link Recorder} calls it under its lock, which is what
 * keeps every stream's times in order.
 *
 * <p><b>Declarations.</b> Before the first line that uses them, the stream writes a thread's {@code spawn} (g =
 * {@link Thread#threadId()}, parent 0), a lock's {@code lock} line (ids 0, 1, 2, ... in order of first use here)
 * and a {@code site} line (ids in order of first use; op = the thread's name, label = the call site). All at the
 * time of the event that needs them.
 *
 * <p><b>Consistency.</b> A stream may start while threads wait for or hold locks. It writes only what it can
 * pair: a {@code blocked} only after its {@code request}; a {@code release} only of a hold whose {@code acquire}
 * it wrote; an {@code acquire} whose {@code request} it did not see gets one written just before it, at the same
 * time (the wait before the stream started is unknown).
 *
 * <p><b>Exits.</b> The stream remembers the threads it spawned and has not yet seen end, through
 * {@link WeakReference}s (it never keeps a dead thread's object alive). {@link #exits} writes an {@code exit} for
 * each that is no longer {@linkplain Thread#isAlive() alive}, or whose reference was cleared, stamped at that call,
 * and forgets it. A thread writes only its own events, and its end happens after its last one, so nothing of a
 * thread follows its {@code exit}; other threads' {@code blocked} may still name it (it exited holding the lock),
 * and it is never spawned again: thread ids are not reused within a JVM ({@link Thread#threadId()}).
 *
 * <p><b>Limits.</b> Readers refuse traces of more than 50,000,000 events; {@link #isFull()} says when the owner
 * must {@linkplain #end end} the stream.
 */
final class TraceStream {
    static final String TOOL = "lockscope-jvm 0.1.0";
    static final String PRODUCER = "lockscope-jvm";
    /**
     * Events (lines other than {@code site}) after which {@link #isFull()}: the readers' 50,000,000 less room for
     * the last batch (an event and its declarations, a blocked event's spawns) and the {@code end}.
     */
    static final long EVENT_LIMIT = 49_990_000;

    private record Site(String op, String label) {}

    private record Hold(long g, LockTag lock, Mode mode) {}

    private final long origin;
    private final StringBuilder text = new StringBuilder(512);
    /** Every thread id spawned here, exited or not: a blocker that exited must not be spawned again. */
    private final Set<Long> spawned = new HashSet<>();
    /** The threads spawned here and not yet written as exited, in spawn order; only these are checked by {@link #exits}. */
    private final Map<Long, WeakReference<Thread>> running = new LinkedHashMap<>();
    private final Map<LockTag, Integer> lockIds = new HashMap<>();
    private final Map<Site, Integer> siteIds = new HashMap<>();
    /** Per thread id, the lock of its request written here and not yet answered by an acquire. */
    private final Map<Long, LockTag> waiting = new HashMap<>();
    private final Set<Hold> holds = new HashSet<>();
    private long events;
    private long t;

    /** Starts the stream with its header; {@code origin} is the {@link System#nanoTime()} of {@code t} = 0. */
    TraceStream(long origin, ProcessDetails details) {
        this.origin = origin;
        text.append("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"").append(TOOL)
                .append("\",\"producer\":\"").append(PRODUCER).append("\",\"details\":");
        details.appendJson(text).append("}\n");
    }

    /** Appends the lines for {@code event} at {@code now} (a {@link System#nanoTime()} not before the last). */
    void append(long now, LockEvent event) {
        t = now - origin;
        switch (event.type()) {
            case REQUEST -> request(event);
            case BLOCKED -> blocked(event);
            case ACQUIRE -> acquire(event);
            case RELEASE -> release(event);
            case PARK -> park(event);
        }
    }

    /**
     * Appends an {@code exit} at {@code now} for each thread spawned here that has ended since (not alive, or its
     * reference cleared), as many as fit in {@code maxBytes} of text (the rest wait for the next call), and
     * none once the stream {@linkplain #isFull() is full}.
     */
    void exits(long now, int maxBytes) {
        t = now - origin;
        long limit = (long) text.length() + maxBytes;
        for (Iterator<Map.Entry<Long, WeakReference<Thread>>> it = running.entrySet().iterator(); it.hasNext() && !isFull(); ) {
            Map.Entry<Long, WeakReference<Thread>> entry = it.next();
            Thread thread = entry.getValue().get();
            if (thread != null && thread.isAlive()) {
                continue;
            }
            int before = text.length();
            start("exit").append(",\"g\":").append(entry.getKey()).append("}\n");
            if (text.length() > limit) { // ASCII only: characters are bytes
                text.setLength(before);
                return;
            }
            it.remove();
            waiting.remove(entry.getKey()); // memory only: no acquire of a dead thread will come to pair
            events++;
        }
    }

    /** Appends the exits of the threads that ended, then the {@code end} line; nothing may be appended after it. */
    void end(long now) {
        exits(now, Integer.MAX_VALUE);
        start("end").append("}\n");
        events++;
    }

    boolean isFull() {
        return events >= EVENT_LIMIT;
    }

    /** The text appended since the last call, as UTF-8; an empty array if none. */
    byte[] take() {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        text.setLength(0);
        return bytes;
    }

    private void request(LockEvent e) {
        lockLine(e, LockEvent.Type.REQUEST, declare(e));
        waiting.put(e.thread().threadId(), e.lock());
    }

    private void blocked(LockEvent e) {
        long g = e.thread().threadId();
        if (waiting.get(g) != e.lock()) {
            return; // its request came before this stream
        }
        e.blockers().forEach(this::spawn);
        StringBuilder line = start("blocked").append(",\"g\":").append(g).append(",\"lock\":").append(lockIds.get(e.lock()))
                .append(",\"by\":[");
        for (int i = 0; i < e.blockers().size(); i++) {
            line.append(i == 0 ? "" : ",").append(e.blockers().get(i).threadId());
        }
        line.append("]}\n");
        events++;
    }

    private void acquire(LockEvent e) {
        int site = declare(e);
        if (!waiting.remove(e.thread().threadId(), e.lock())) {
            lockLine(e, LockEvent.Type.REQUEST, site);
        }
        lockLine(e, LockEvent.Type.ACQUIRE, site);
        holds.add(new Hold(e.thread().threadId(), e.lock(), e.mode()));
    }

    private void release(LockEvent e) {
        if (holds.remove(new Hold(e.thread().threadId(), e.lock(), e.mode()))) {
            lockLine(e, LockEvent.Type.RELEASE, declare(e));
        }
    }

    private void park(LockEvent e) {
        spawn(e.thread());
        int site = site(e);
        start("park").append(",\"g\":").append(e.thread().threadId()).append(",\"site\":").append(site).append("}\n");
        events++;
    }

    private void lockLine(LockEvent e, LockEvent.Type type, int site) {
        start(type.json()).append(",\"g\":").append(e.thread().threadId()).append(",\"lock\":").append(lockIds.get(e.lock()))
                .append(",\"mode\":\"").append(e.mode().json()).append("\",\"site\":").append(site).append("}\n");
        events++;
    }

    /** Declares the event's thread, lock and site where this stream has not yet; returns the site's id. */
    private int declare(LockEvent e) {
        spawn(e.thread());
        if (!lockIds.containsKey(e.lock())) {
            int id = lockIds.size();
            lockIds.put(e.lock(), id);
            start("lock").append(",\"lock\":").append(id).append(",\"name\":");
            JsonText.quote(text, e.lock().name()).append(",\"kind\":\"").append(e.lock().kind().json()).append("\"}\n");
            events++;
        }
        return site(e);
    }

    /** Declares the event's site if this stream has not yet; returns its id. */
    private int site(LockEvent e) {
        Site site = new Site(ThreadNames.name(e.thread()), e.site().label());
        Integer known = siteIds.get(site);
        if (known != null) {
            return known;
        }
        int id = siteIds.size();
        siteIds.put(site, id);
        start("site").append(",\"site\":").append(id).append(",\"op\":");
        JsonText.quote(text, site.op()).append(",\"label\":");
        JsonText.quote(text, site.label()).append("}\n");
        return id;
    }

    private void spawn(Thread thread) {
        if (spawned.add(thread.threadId())) {
            running.put(thread.threadId(), new WeakReference<>(thread));
            String name = ThreadNames.name(thread);
            start("spawn").append(",\"g\":").append(thread.threadId()).append(",\"name\":");
            JsonText.quote(text, name).append(",\"kind\":");
            JsonText.quote(text, ThreadNames.kind(name)).append(",\"parent\":0}\n");
            events++;
        }
    }

    private StringBuilder start(String type) {
        return text.append("{\"t\":").append(t).append(",\"e\":\"").append(type).append('"');
    }
}
