package main

import "sync"

// This file is the code under test: the article's chat room, written as a Go programmer would, with the
// harness's measurements (h.rec) around each lock call. Everything else (clock, network settings, reload
// bookkeeping) lives in harness.go and uses its own mutexes, never membersMx, so that it cannot change the
// contention being measured.

type message struct {
	id    int64
	start dur // when the ticker started the broadcast
}

// Member is one membership: a member who leaves and joins again is a new *Member (with a new queue).
type Member struct {
	name string
	h    *harness

	boxOnce sync.Once
	box     *outbox // member-queue only; made on first use, as the simulator does
}

// Send blocks for the member's network latency as it stands when the send starts.
func (m *Member) Send(msg message) {
	sleep(m.h.sendDuration(m.name))
	m.h.delivered(m.name, msg)
}

type Room struct {
	membersMx sync.RWMutex
	members   []*Member

	h *harness
}

func (r *Room) Add(name string, byReload bool) {
	op := r.h.rec.request("Add")
	r.membersMx.Lock()
	op.acquired()
	if r.h.mayAdd(name, byReload) && r.find(name) < 0 {
		r.members = append(r.members, &Member{name: name, h: r.h})
		r.h.joined(name)
	}
	op.releasing()
	r.membersMx.Unlock()
}

func (r *Room) Remove(name string) {
	op := r.h.rec.request("Remove")
	r.membersMx.Lock()
	op.acquired()
	if i := r.find(name); i >= 0 {
		if b := r.members[i].box; b != nil {
			b.close()
		}
		r.members = append(r.members[:i:i], r.members[i+1:]...) // fresh array: snapshots keep theirs
		r.h.left(name)
	}
	op.releasing()
	r.membersMx.Unlock()
}

// Reload is a client reconnecting: Remove, then Add, in one goroutine.
func (r *Room) Reload(name string) {
	r.Remove(name)
	r.Add(name, true)
}

func (r *Room) find(name string) int {
	for i, m := range r.members {
		if m.name == name {
			return i
		}
	}
	return -1
}

// Broadcast sends msg to every member with the given strategy. The hold is measured up to RUnlock, which for
// snapshot is just the copy and for member-queue just the enqueueing.
func (r *Room) Broadcast(msg message, strategy string) {
	op := r.h.rec.request("Broadcast")
	r.membersMx.RLock()
	op.acquired()
	switch strategy {
	case "sequential": // the article's bug: every send happens under the read lock
		for _, m := range r.members {
			m.Send(msg)
		}
		op.releasing()
		r.membersMx.RUnlock()

	case "goroutine-per-send": // the article's fix: the lock only covers starting the sends
		for _, m := range r.members {
			go m.Send(msg)
		}
		op.releasing()
		r.membersMx.RUnlock()

	case "parallel-wait": // parallel, but the lock is held until the slowest send returns
		var wg sync.WaitGroup
		for _, m := range r.members {
			wg.Add(1)
			go func(m *Member) {
				defer wg.Done()
				m.Send(msg)
			}(m)
		}
		wg.Wait()
		op.releasing()
		r.membersMx.RUnlock()

	case "snapshot": // copy under the lock, send without it
		ms := append([]*Member(nil), r.members...)
		op.releasing()
		r.membersMx.RUnlock()
		for _, m := range ms {
			m.Send(msg)
		}

	case "member-queue": // only enqueue under the lock; each member's writer goroutine sends
		for _, m := range r.members {
			m.queue(r.h.queueLimit).push(msg, r.h)
		}
		op.releasing()
		r.membersMx.RUnlock()
	}
}

// queue returns the member's outbox, starting its writer goroutine on first use.
func (m *Member) queue(limit int) *outbox {
	m.boxOnce.Do(func() {
		b := &outbox{limit: limit}
		b.cond.L = &b.mu
		m.box = b
		go m.writer(b)
	})
	return m.box
}

// writer sends queued messages in order until the member leaves; a send in progress then still completes.
func (m *Member) writer(b *outbox) {
	for {
		msg, ok := b.pop()
		if !ok {
			return
		}
		m.Send(msg)
	}
}

// outbox is a bounded FIFO; when full, push drops the oldest message so that a slow member never blocks
// Broadcast (and so never holds the read lock).
type outbox struct {
	mu     sync.Mutex
	cond   sync.Cond
	queue  []message
	limit  int
	closed bool
}

func (b *outbox) push(msg message, h *harness) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	if len(b.queue) >= b.limit {
		b.queue = b.queue[1:]
		h.rec.dropped()
	}
	b.queue = append(b.queue, msg)
	b.cond.Signal()
}

// pop waits for a message; ok is false once the outbox is closed (what is still queued is discarded).
func (b *outbox) pop() (msg message, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.queue) == 0 && !b.closed {
		b.cond.Wait()
	}
	if b.closed {
		return message{}, false
	}
	msg = b.queue[0]
	b.queue = b.queue[1:]
	return msg, true
}

func (b *outbox) close() {
	b.mu.Lock()
	b.closed = true
	b.queue = nil
	b.mu.Unlock()
	b.cond.Broadcast()
}
