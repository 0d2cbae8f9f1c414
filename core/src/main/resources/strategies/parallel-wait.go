// strategy: parallel-wait
// One goroutine per send, but wait for all of them before unlocking.
func (r *Room) Broadcast(msg Message) {
	r.membersMx.RLock()
	var wg sync.WaitGroup
	for _, m := range r.members {
		wg.Add(1)
		go func() { defer wg.Done(); m.Send(msg) }()
	}
	wg.Wait()
	r.membersMx.RUnlock()
}
