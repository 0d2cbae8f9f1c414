package lockscope

import (
	"sync"
	"sync/atomic"
	"time"
)

// Overview (maintainer notes)
//
// The fast path of every lock method is one atomic load of tracking. When it is set, the method captures the
// call (goroutine id, caller pcs) outside any lock, then calls onRequest / onAcquire / onRelease / onTry, which
// run under recMu. recMu serialises "take the time, update the holders, append the lines" for every sink, so
// each sink's lines are in time order. A sink only appends to its buffer; its own goroutine writes the buffer
// out (sink.go), so recMu is never held across file or network I/O, only across waiting for buffer space.
//
// Lock and RLock write their request and try the lock (TryLock/TryRLock, which never block) in one critical
// section: taken, the acquire follows at the request's instant; not taken, a blocked event names who keeps it
// out, the goroutine is listed as blocked, and it blocks in the real Lock outside recMu, then onAcquire writes
// the acquire. A user's TryLock writes request and acquire at one instant when it succeeds, nothing when it
// fails: it never waited.
//
// Holders. Each lock's lockTrack lists the holds the recorder saw (the writer, the readers as a multiset),
// the writers blocked in Lock and every goroutine blocked in Lock or RLock with the blockers last written for
// it. They serve blocked events and releases. Whenever a hold begins or ends, the blocked goroutines' blockers
// are worked out again and a new blocked event is written for each whose set changed (it may become empty:
// the holder left and nobody known took over yet), so that no blocked set names a goroutine that is no longer
// in the way. A hold carries the number (seq) of its request; a sink opened after that request never saw it,
// so it gets none of that hold's events. These lists are reset when tracking starts again after a pause
// (epoch), because holds taken or released while nothing was recorded were not seen.

const (
	modeR = 'r'
	modeW = 'w'

	kindMutex   = "mutex"
	kindRWMutex = "rwmutex"

	// kindCacheMax bounds the goroutine-kind cache; it is emptied when full (a kind is recomputed on demand).
	kindCacheMax = 1 << 16
)

var (
	// tracking is true while at least one sink is open: the only thing the fast path reads.
	tracking atomic.Bool

	// recMu guards rec, every lockTrack's fields and every sink's interning tables.
	recMu sync.Mutex
	rec   = recorder{kinds: map[int64]string{}, pcs: map[uintptr]pcInfo{}, siteOf: map[site]*site{}}
)

type recorder struct {
	sinks []*sink // the file recording, if any, and the live connections
	file  *sink   // the file recording (Record), or nil
	epoch uint64  // incremented each time tracking starts
	seq   uint64  // the last request's number

	kinds  map[int64]string   // goroutine id -> kind (its entry function, short form)
	pcs    map[uintptr]pcInfo // return pc -> the call site it stands for, if any
	siteOf map[site]*site     // the one *site of each place in the code
}

// A lockTrack is a lock's recording state, made at the lock's first tracked use (or by Name).
type lockTrack struct {
	kind string // kindMutex or kindRWMutex
	name string // given by Name, or the file:line of the first tracked use

	epoch   uint64
	writer  hold // writer.g.id == 0: none known
	readers []hold
	waiting []hold   // writers blocked in Lock (an RWMutex's only), oldest first
	blocked []waiter // goroutines blocked in Lock or RLock, oldest first
}

// A waiter is a goroutine blocked in Lock or RLock, with the blockers last written for it.
type waiter struct {
	h    hold
	mode byte
	by   []hold
}

// A gor is a goroutine as the trace names it.
type gor struct {
	id   int64
	kind string
}

// A hold is a goroutine's hold of (or, in waiting, request for) a lock.
type hold struct {
	g   gor
	seq uint64 // the request's number: sinks with first > seq never saw it
}

// reset forgets holders from an earlier tracking epoch. Under recMu.
func (lt *lockTrack) reset(epoch uint64) {
	if lt.epoch != epoch {
		lt.epoch, lt.writer, lt.readers, lt.waiting, lt.blocked = epoch, hold{}, nil, nil, nil
	}
}

// blockers returns who keeps request h in mode out, as far as the recorder knows, ordered by goroutine id (a
// goroutine holding several read locks is listed once per hold; the encoder writes it once): the writer
// holding the lock; else, for a writer of an RWMutex queued behind an earlier blocked writer, that writer
// (sync/rwmutex.go: Lock first takes the inner mutex w, which the earlier writer holds while it waits for
// the readers); else, for a writer, the readers; else, for a reader, the oldest blocked writer (RLock waits
// while readerCount is negative, i.e. while a writer holds rw or waits for it). Which of several blocked
// writers holds w the recorder cannot see; it names the oldest. Empty when the recorder knows of no one (the
// holder took the lock before the recording started, or is giving it back). Under recMu.
func (lt *lockTrack) blockers(mode byte, h hold) []hold {
	switch {
	case lt.writer.g.id != 0:
		return []hold{lt.writer}
	case len(lt.waiting) > 0 && lt.waiting[0].seq != h.seq:
		return []hold{lt.waiting[0]}
	case mode == modeW && len(lt.readers) > 0:
		by := append([]hold(nil), lt.readers...)
		for i := 1; i < len(by); i++ { // insertion sort by goroutine id, then request: the list is short
			for j := i; j > 0 && before(by[j], by[j-1]); j-- {
				by[j], by[j-1] = by[j-1], by[j]
			}
		}
		return by
	}
	return nil
}

func before(a, b hold) bool {
	return a.g.id < b.g.id || a.g.id == b.g.id && a.seq < b.seq
}

// sameGoroutines reports whether two blocker lists (ordered by goroutine id) name the same goroutines for a
// sink that saw the holds of requests numbered first and later (first 0: for the recorder, which saw all).
func sameGoroutines(a, b []hold, first uint64) bool {
	var x, y int64
	i, j := 0, 0
	for {
		x, i = nextGoroutine(a, i, first, x)
		y, j = nextGoroutine(b, j, first, y)
		if x != y {
			return false
		}
		if x == 0 {
			return true
		}
	}
}

// nextGoroutine returns the goroutine of the first hold in hs[i:] that a sink numbering from first saw, and
// that is not prev's (hs is ordered by goroutine id), with the index after it; 0 when there is none.
func nextGoroutine(hs []hold, i int, first uint64, prev int64) (int64, int) {
	for ; i < len(hs); i++ {
		if h := hs[i]; h.seq >= first && h.g.id != prev {
			return h.g.id, i + 1
		}
	}
	return 0, i
}

// unblock removes request seq from the blocked goroutines, if it is there. Under recMu.
func (lt *lockTrack) unblock(seq uint64) {
	for i, w := range lt.blocked {
		if w.h.seq == seq {
			lt.blocked = append(lt.blocked[:i], lt.blocked[i+1:]...)
			return
		}
	}
}

func (lt *lockTrack) addHold(mode byte, h hold) {
	if mode == modeW {
		lt.writer = h
		lt.waiting = removeHold(lt.waiting, h.g.id)
	} else {
		lt.readers = append(lt.readers, h)
	}
}

// takeHold removes and returns the hold that a release in mode by goroutine gid ends: the writer; or one of
// gid's read holds, else (gid read-unlocks someone else's hold) the oldest. ok is false if none is known.
func (lt *lockTrack) takeHold(mode byte, gid int64) (h hold, ok bool) {
	if mode == modeW {
		h, lt.writer = lt.writer, hold{}
		return h, h.g.id != 0
	}
	if len(lt.readers) == 0 {
		return hold{}, false
	}
	i := 0
	for j := len(lt.readers) - 1; j >= 0; j-- {
		if lt.readers[j].g.id == gid {
			i = j
			break
		}
	}
	h = lt.readers[i]
	lt.readers = append(lt.readers[:i], lt.readers[i+1:]...)
	return h, true
}

func removeHold(hs []hold, gid int64) []hold {
	for i, h := range hs {
		if h.g.id == gid {
			return append(hs[:i], hs[i+1:]...)
		}
	}
	return hs
}

// A request is a written request, for its acquire.
type request struct {
	h hold
	s *site
}

// onLock writes a request by the calling goroutine for a Lock or RLock, then calls try (the TryLock or
// TryRLock of the lock, which never blocks, so recMu may be held across it). If try takes the lock, onLock
// writes the acquire at the request's instant and returns taken. If not, it writes a blocked event naming the
// blockers known and lists the goroutine as blocked; the caller then blocks in the real Lock or RLock and
// calls onAcquire with q. ok is false when nothing is recorded any more: then try was not called.
func onLock(lt *lockTrack, c *call, mode byte, try func() bool) (q request, taken, ok bool) {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 {
		return request{}, false, false
	}
	now := time.Now()
	h, s := rec.begin(lt, c)
	rec.emit(now, evRequest, h, lt, mode, s, nil)
	if try() {
		rec.took(lt, now, mode, h, s)
		return request{}, true, true
	}
	if mode == modeW && lt.kind == kindRWMutex {
		lt.waiting = append(lt.waiting, h)
	}
	w := waiter{h: h, mode: mode, by: lt.blockers(mode, h)}
	lt.blocked = append(lt.blocked, w)
	rec.emit(now, evBlocked, h, lt, mode, s, w.by) // at the request's instant: recMu kept the state as it was
	return request{h, s}, false, true
}

// onAcquire writes the acquire that follows request q, once the real Lock or RLock has returned.
func onAcquire(lt *lockTrack, mode byte, q request) {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 {
		return
	}
	lt.reset(rec.epoch)
	lt.unblock(q.h.seq)
	rec.took(lt, time.Now(), mode, q.h, q.s)
}

// onRelease writes the release of the hold that the calling goroutine is about to give back, if the recorder
// saw it taken. c.gid is only needed (and only set) for read releases.
func onRelease(lt *lockTrack, c *call, mode byte) {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 || lt.epoch != rec.epoch {
		return
	}
	now := time.Now()
	if h, ok := lt.takeHold(mode, c.gid); ok {
		rec.emit(now, evRelease, h, lt, mode, rec.site(c), nil)
		rec.reblock(lt, now)
	}
}

// onTry calls try (a user's TryLock or TryRLock, which never blocks, so recMu may be held across it). When it
// takes the lock, onTry writes a request and its acquire at one instant; when it fails, nothing: the caller
// never waited, and the trace format has no event for a request given up.
func onTry(lt *lockTrack, c *call, mode byte, try func() bool) bool {
	recMu.Lock()
	defer recMu.Unlock()
	if !try() {
		return false
	}
	if len(rec.sinks) == 0 {
		return true
	}
	now := time.Now()
	h, s := rec.begin(lt, c)
	rec.emit(now, evRequest, h, lt, mode, s, nil)
	rec.took(lt, now, mode, h, s)
	return true
}

// took records that request h (at site s) holds lt from now: the hold, its acquire, and the blocked
// goroutines' new blockers. Under recMu.
func (r *recorder) took(lt *lockTrack, now time.Time, mode byte, h hold, s *site) {
	lt.addHold(mode, h)
	r.emit(now, evAcquire, h, lt, mode, s, nil)
	r.reblock(lt, now)
}

// reblock works out again who blocks each goroutine blocked on lt, after a hold began or ended, and writes a
// blocked event for each whose blockers changed, to each sink for which they changed (a sink that did not
// see a hold does not name its goroutine). Under recMu.
func (r *recorder) reblock(lt *lockTrack, now time.Time) {
	for i := range lt.blocked {
		w := &lt.blocked[i]
		by := lt.blockers(w.mode, w.h)
		if sameGoroutines(by, w.by, 0) {
			continue
		}
		failed := false
		for _, k := range r.sinks {
			if k.first <= w.h.seq && !sameGoroutines(by, w.by, k.first) &&
				!k.event(now, evBlocked, w.h, lt, w.mode, nil, by) {
				failed = true
			}
		}
		w.by = by
		if failed {
			r.dropFailed()
		}
	}
}

// begin numbers a new request by the calling goroutine and resolves its site. Under recMu.
func (r *recorder) begin(lt *lockTrack, c *call) (hold, *site) {
	lt.reset(r.epoch)
	s := r.site(c)
	if lt.name == "" {
		lt.name = s.fileLine()
	}
	r.seq++
	return hold{g: r.gor(c.gid), seq: r.seq}, s
}

// gor returns the calling goroutine, whose id is gid, with its kind. Under recMu.
func (r *recorder) gor(gid int64) gor {
	kind, ok := r.kinds[gid]
	if !ok {
		if len(r.kinds) >= kindCacheMax {
			r.kinds = map[int64]string{}
		}
		kind = entryKind()
		r.kinds[gid] = kind
	}
	return gor{id: gid, kind: kind}
}

// emit writes one event to every sink that saw h's request. Under recMu.
func (r *recorder) emit(now time.Time, e string, h hold, lt *lockTrack, mode byte, s *site, by []hold) {
	failed := false
	for _, k := range r.sinks {
		if k.first <= h.seq && !k.event(now, e, h, lt, mode, s, by) {
			failed = true
		}
	}
	if failed {
		r.dropFailed()
	}
}

// add opens sink k: from now on it gets every event of requests numbered after this. Under recMu.
func (r *recorder) add(k *sink) {
	if len(r.sinks) == 0 {
		r.epoch++
	}
	k.first = r.seq + 1
	r.sinks = append(r.sinks, k)
	tracking.Store(true)
}

// remove closes k to events. Under recMu.
func (r *recorder) remove(k *sink) {
	for i, s := range r.sinks {
		if s == k {
			r.sinks = append(r.sinks[:i], r.sinks[i+1:]...)
			break
		}
	}
	if r.file == k {
		r.file = nil
	}
	tracking.Store(len(r.sinks) > 0)
}

// dropFailed removes the live connections that fell behind or failed (their writer closes them). A file
// recording is never dropped: it blocks producers instead, and a write error is reported by Stop. Under recMu.
func (r *recorder) dropFailed() {
	for i := 0; i < len(r.sinks); i++ {
		if k := r.sinks[i]; k != r.file && k.failedNow() {
			r.remove(k)
			i--
		}
	}
}
