// strategy: snapshot
// Copy the member list under the read lock, unlock, then send in turn.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	members := slices.Clone(r.members)
	r.membersMx.RUnlock()
	for _, m := range members {
		m.Send(msg)
	}
}
