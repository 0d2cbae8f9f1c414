package lockscope

// Hooks for the external tests (package lockscope_test); compiled into test binaries only.

// Goid returns the calling goroutine's id, as the trace names it.
func Goid() int64 { return curGoid() }

// BlockedOn returns how many goroutines the recorder lists as blocked in l's Lock or RLock: those that wrote
// a blocked event and have not yet written their acquire.
func BlockedOn(l Tracked) int {
	lt := l.track()
	recMu.Lock()
	defer recMu.Unlock()
	return len(lt.blocked)
}
