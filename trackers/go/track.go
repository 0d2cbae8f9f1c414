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
// Holders. Each lock's lockTrack lists the holds the recorder saw (the writer, the readers as a multiset,
// the writers waiting), for blocked events and for writing releases. A hold carries the number (seq) of its
// request; a sink opened after that request never saw it, so it gets none of that hold's events. The holder
// lists are reset when tracking starts again after a pause (epoch), because holds taken or released while
// nothing was recorded were not seen.

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
	waiting []hold // writers between request and acquire, oldest first
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
		lt.epoch, lt.writer, lt.readers, lt.waiting = epoch, hold{}, nil, nil
	}
}

// blockers returns who keeps a request in mode out: the writer holding the lock; else, for a writer, the
// readers; else, for a reader, the oldest waiting writer (sync/rwmutex.go: RLock waits while readerCount is
// negative, i.e. while a writer holds rw or waits for it). Under recMu.
func (lt *lockTrack) blockers(mode byte) []hold {
	switch {
	case lt.writer.g.id != 0:
		return []hold{lt.writer}
	case mode == modeW:
		return lt.readers
	case len(lt.waiting) > 0:
		return lt.waiting[:1]
	}
	return nil
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

// onRequest writes a request by the calling goroutine. ok is false when nothing is recorded any more.
func onRequest(lt *lockTrack, c *call, mode byte) (q request, ok bool) {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 {
		return request{}, false
	}
	now := time.Now()
	h, s := rec.begin(lt, c)
	if mode == modeW && lt.kind == kindRWMutex {
		lt.waiting = append(lt.waiting, h)
	}
	rec.emit(now, evRequest, h, lt, mode, s, nil)
	return request{h, s}, true
}

// onAcquire writes the acquire that follows request q, once the lock is taken.
func onAcquire(lt *lockTrack, mode byte, q request) {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 {
		return
	}
	now := time.Now()
	lt.reset(rec.epoch)
	lt.addHold(mode, q.h)
	rec.emit(now, evAcquire, q.h, lt, mode, q.s, nil)
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
	}
}

// onTry writes a request, calls try (a TryLock, which never blocks, so recMu may be held across it) and writes
// the acquire or, when try fails, a blocked event naming the known blockers.
func onTry(lt *lockTrack, c *call, mode byte, try func() bool) bool {
	recMu.Lock()
	defer recMu.Unlock()
	if len(rec.sinks) == 0 {
		return try()
	}
	now := time.Now()
	h, s := rec.begin(lt, c)
	rec.emit(now, evRequest, h, lt, mode, s, nil)
	if !try() {
		rec.emit(time.Now(), evBlocked, h, lt, mode, s, lt.blockers(mode))
		return false
	}
	lt.addHold(mode, h)
	rec.emit(time.Now(), evAcquire, h, lt, mode, s, nil)
	return true
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
