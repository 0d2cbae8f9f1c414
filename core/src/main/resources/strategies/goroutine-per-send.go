// strategy: goroutine-per-send
// The article's fix: under the read lock start one goroutine per member send, then unlock.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	for _, m := range r.members {
		go m.Send(msg)
	}
	r.membersMx.RUnlock()
}
