// strategy: sequential
// The article's bug: hold the read lock while sending to each member in turn.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	for _, m := range r.members {
		m.Send(msg)
	}
	r.membersMx.RUnlock()
}
