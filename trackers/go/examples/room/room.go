package main

import (
	"time"

	lockscope "lockscope.dev/tracker"
)

// This file is the article's room (docs/room-code.md, strategy sequential) with the one change a program
// makes to be recorded: membersMx is a lockscope.RWMutex instead of a sync.RWMutex.

// A Message is one broadcast.
type Message struct {
	ID int
}

// A Member receives messages over a connection that takes Latency per message.
type Member struct {
	Name    string
	Latency time.Duration
}

// Send blocks for the member's latency, as a write to a slow connection does.
func (m *Member) Send(msg Message) {
	time.Sleep(m.Latency)
}

type Room struct {
	membersMx lockscope.RWMutex
	members   []*Member
}

// NewRoom returns a room with the given members, its lock named for Lockscope.
func NewRoom(members ...*Member) *Room {
	r := &Room{members: members}
	lockscope.Name(&r.membersMx, "membersMx")
	return r
}

func (r *Room) Add(m *Member) {
	r.membersMx.Lock()
	r.members = append(r.members, m)
	r.membersMx.Unlock()
}

func (r *Room) Remove(name string) {
	r.membersMx.Lock()
	for i, m := range r.members {
		if m.Name == name {
			r.members = append(r.members[:i:i], r.members[i+1:]...)
			break
		}
	}
	r.membersMx.Unlock()
}

// Broadcast sends msg to every member in turn while holding the read lock: the hold lasts the sum of the
// members' latencies, an Add waits behind it, and every later Broadcast waits behind the Add.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	for _, m := range r.members {
		m.Send(msg)
	}
	r.membersMx.RUnlock()
}
