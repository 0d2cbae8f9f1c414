package lockscope

import (
	"runtime"
	"strings"
)

// curGoid returns the calling goroutine's id. Go has no API for it; runtime.Stack's text starts with the
// header that runtime/traceback.go's goroutineheader prints, `print("goroutine ", gp.goid, " [", status`,
// and runtime/mprof.go's Stack writes that header first (goroutineheader(gp), then traceback). Ids are never
// reused: runtime/proc.go's newproc1 takes each from a per-P batch of sched.goidgen, which only grows. The
// cost is Stack's traceback of the whole stack (it keeps symbolising frames after the 64 bytes are full):
// about 1-3 µs, the largest part of a recorded lock call.
func curGoid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = b[len("goroutine "):]
	var id int64
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}

// entryKind returns the calling goroutine's kind: its entry function in short form ("Room.Broadcast"; "main"
// for main.main), skipping the runtime's and the testing package's frames at the bottom of the stack, so that
// a test's goroutine is "TestRoom" rather than "tRunner". It walks the whole stack, once per goroutine (the
// recorder caches kinds by id).
func entryKind() string {
	pcs := make([]uintptr, 64)
	for {
		n := runtime.Callers(1, pcs)
		if n < len(pcs) {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	var fns []string
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		fns = append(fns, f.Function)
		if !more {
			break
		}
	}
	for i := len(fns) - 1; i >= 0; i-- {
		fn := fns[i]
		if fn == "" || strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "testing.") {
			continue
		}
		return shortFunc(fn)
	}
	return "goroutine"
}

// A gidSet is a set of goroutine ids, one bit each in pages of 4096 ids (ids are dense: runtime/proc.go hands
// them out in increasing batches), so that a sink remembers which goroutines it declared in little memory.
type gidSet map[int64]*[64]uint64

// add adds id and reports whether it was new.
func (s gidSet) add(id int64) bool {
	page := s[id>>12]
	if page == nil {
		page = new([64]uint64)
		s[id>>12] = page
	}
	word, bit := &page[(id>>6)&63], uint64(1)<<(id&63)
	if *word&bit != 0 {
		return false
	}
	*word |= bit
	return true
}
