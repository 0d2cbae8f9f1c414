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

// Member is one membership: a member who leaves and joins again is a new *Member (with a new outbox).
type Member struct {
	name string
	h    *harness

	outbox chan message // member-queue only: made when the member joins, closed when it leaves
}

// newMember is a membership; under member-queue it gets its outbox and writer goroutine, as the simulator's
// Room.Add does.
func (r *Room) newMember(name string, outboxes bool) *Member {
	m := &Member{name: name, h: r.h}
	if outboxes {
		m.outbox = make(chan message, r.h.queueLimit)
		go m.writeLoop()
	}
	return m
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
		r.members = append(r.members, r.newMember(name, r.h.usesOutboxes()))
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
		if m := r.members[i]; m.outbox != nil {
			for len(m.outbox) > 0 { // the client is gone: what is queued is not sent
				<-m.outbox
			}
			close(m.outbox) // the writer returns after the send it is in
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
		w := r.h.rec.waitFor("Broadcast") // Lockscope counts the wait on the WaitGroup as Broadcast's too
		wg.Wait()
		w.acquired()
		op.releasing()
		r.membersMx.RUnlock()

	case "snapshot": // copy under the lock, send without it
		ms := append([]*Member(nil), r.members...)
		op.releasing()
		r.membersMx.RUnlock()
		for _, m := range ms {
			m.Send(msg)
		}

	case "member-queue": // only enqueue under the lock, never waiting; each member's writer goroutine sends
		for _, m := range r.members {
			select {
			case m.outbox <- msg:
			default: // the outbox is full: this message is dropped
				r.h.rec.dropped()
			}
		}
		op.releasing()
		r.membersMx.RUnlock()
	}
}

// writeLoop sends the member's messages in order until its outbox is closed.
func (m *Member) writeLoop() {
	for msg := range m.outbox {
		m.Send(msg)
	}
}
