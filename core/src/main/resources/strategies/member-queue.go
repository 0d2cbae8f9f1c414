// strategy: member-queue
// Put the message in each member's bounded outbox under the read lock; a writer goroutine per member sends.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	for _, m := range r.members {
		m.outbox <- msg // a full outbox drops its oldest message
	}
	r.membersMx.RUnlock()
}

func (m *Member) writeLoop() {
	for msg := range m.outbox {
		m.conn.Send(msg)
	}
}
