package lockscope

import (
	"errors"
	"io"
	"sync"
	"time"
)

const (
	// flushEvery is the writer's period: a line waits at most this long (plus the write) before it reaches the
	// file, so a crash loses at most about this much. TRACE-V2 asks for at most 100 ms.
	flushEvery = 50 * time.Millisecond
	// kickAt wakes the writer early when this many bytes are waiting.
	kickAt = 64 << 10
	// maxBuffered bounds the bytes waiting for the writer. A producer that finds the buffer full waits for the
	// writer (a file) or drops the sink (a live connection). With the batch being written, a sink holds at most
	// about twice this.
	maxBuffered = 1 << 20
)

var errFellBehind = errors.New("lockscope: the reader fell behind by more than 1 MiB; connection dropped")

// A sink is one trace being written: the file recording, or one live connection. Producers append lines to
// its buffer under recMu; its writer goroutine (run) writes them out.
type sink struct {
	// Guarded by recMu: what this trace has declared so far.
	first   uint64    // the number of the first request this trace sees
	start   time.Time // t = 0
	lastT   int64
	locks   map[*lockTrack]int
	sites   map[siteKey]int
	spawned gidSet
	line    []byte // scratch for the lines of one event

	out   io.Writer
	flush func() error // after each batch (gzip: a sync flush); may be nil
	close func() error // after the last batch

	dropWhenFull bool // a live connection: drop it rather than block the program

	// Guarded by bmu: the handoff to the writer.
	bmu    sync.Mutex
	room   sync.Cond // signalled when the writer takes the buffer
	buf    []byte
	closed bool
	failed error // the first write error (or errFellBehind); later lines are dropped

	kick chan struct{}
	done chan struct{}
	err  error // the writer's result, read after done
}

type siteKey struct {
	s  *site
	op string
}

func newSink(out io.Writer, flush, close func() error, start time.Time) *sink {
	k := &sink{
		start:   start,
		locks:   map[*lockTrack]int{},
		sites:   map[siteKey]int{},
		spawned: gidSet{},
		out:     out,
		flush:   flush,
		close:   close,
		kick:    make(chan struct{}, 1),
		done:    make(chan struct{}),
	}
	k.room.L = &k.bmu
	return k
}

// put hands complete lines to the writer. It reports false when the sink has failed; it blocks while the
// buffer is full, unless dropWhenFull.
func (k *sink) put(b []byte) bool {
	k.bmu.Lock()
	for len(k.buf) >= maxBuffered && !k.closed && k.failed == nil {
		if k.dropWhenFull {
			k.failed = errFellBehind
			break
		}
		k.wake()
		k.room.Wait()
	}
	ok := !k.closed && k.failed == nil
	if ok {
		k.buf = append(k.buf, b...)
	}
	n := len(k.buf)
	k.bmu.Unlock()
	if n >= kickAt {
		k.wake()
	}
	return ok
}

func (k *sink) wake() {
	select {
	case k.kick <- struct{}{}:
	default:
	}
}

// failedNow reports whether the sink stopped taking lines because of an error.
func (k *sink) failedNow() bool {
	k.bmu.Lock()
	defer k.bmu.Unlock()
	return k.failed != nil
}

// run writes the buffer out every flushEvery (sooner when kicked) until the sink is closed.
func (k *sink) run() {
	defer close(k.done)
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	var spare []byte
	for {
		select {
		case <-k.kick:
		case <-tick.C:
		}
		k.bmu.Lock()
		b, closed, failed := k.buf, k.closed, k.failed
		k.buf = spare[:0]
		k.room.Broadcast()
		k.bmu.Unlock()
		if len(b) > 0 && failed == nil {
			if err := k.write(b); err != nil {
				k.bmu.Lock()
				k.failed = err
				k.room.Broadcast()
				k.bmu.Unlock()
			}
		}
		spare = b
		if closed || (failed != nil && k.dropWhenFull) {
			k.finish()
			return
		}
	}
}

func (k *sink) write(b []byte) error {
	if _, err := k.out.Write(b); err != nil {
		return err
	}
	if k.flush != nil {
		return k.flush()
	}
	return nil
}

func (k *sink) finish() {
	k.bmu.Lock()
	err := k.failed
	k.bmu.Unlock()
	if cerr := k.close(); err == nil {
		err = cerr
	}
	k.err = err
}

// shutdown lets the writer write what is buffered, close the output and exit; it returns the first error.
func (k *sink) shutdown() error {
	k.bmu.Lock()
	k.closed = true
	k.room.Broadcast()
	k.bmu.Unlock()
	k.wake()
	<-k.done
	return k.err
}

// event appends the lines of one event, with the declarations it needs first: the goroutine's spawn, the
// lock, the site. Under recMu. It reports false when the sink has failed.
func (k *sink) event(now time.Time, e string, h hold, lt *lockTrack, mode byte, s *site, by []hold) bool {
	t := k.time(now)
	b := k.line[:0]
	if k.spawned.add(h.g.id) {
		b = appendSpawn(b, t, h.g)
	}
	lock, ok := k.locks[lt]
	if !ok {
		lock = len(k.locks)
		k.locks[lt] = lock
		b = appendLock(b, t, lock, lt.name, lt.kind)
	}
	if e == evBlocked {
		b = appendBlocked(b, t, h.g.id, lock, by, k.first)
	} else {
		key := siteKey{s, h.g.kind}
		id, ok := k.sites[key]
		if !ok {
			id = len(k.sites)
			k.sites[key] = id
			b = appendSite(b, t, id, h.g.kind, s.label())
		}
		b = appendLockEvent(b, t, e, h.g.id, lock, mode, id)
	}
	k.line = b
	return k.put(b)
}

// end appends the end line. Under recMu.
func (k *sink) end(now time.Time) {
	k.put(appendEnd(k.line[:0], k.time(now)))
}

// time returns now as the trace's t: nanoseconds since the start, never decreasing (recMu serialises the
// calls; the clamp only guards against a clock that did).
func (k *sink) time(now time.Time) int64 {
	t := now.Sub(k.start).Nanoseconds()
	if t < k.lastT {
		t = k.lastT
	}
	k.lastT = t
	return t
}
