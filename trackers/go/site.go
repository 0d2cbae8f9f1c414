package lockscope

import (
	"path"
	"runtime"
	"strconv"
	"strings"
)

// callDepth is how many return pcs a call keeps: this package's frames between here and the user's code
// (at most here's caller, the lock method and rlocker's method) plus the user's frame.
const callDepth = 4

// A call is a lock call captured outside recMu: who calls, and from where.
type call struct {
	gid int64 // the calling goroutine's id; 0 when not needed (a write unlock: the holder is known)
	pcs [callDepth]uintptr
}

// here captures the call of the lock method that called here's caller.
func here(withGid bool) call {
	var c call
	// runtime.Callers (runtime/extern.go): skip 0 is Callers itself, 1 is here, 2 here's caller.
	runtime.Callers(2, c.pcs[:])
	if withGid {
		c.gid = curGoid()
	}
	return c
}

// A site is the user's code calling a lock method: "<function>: <file>:<line>".
type site struct {
	fn   string // short form, e.g. Room.Broadcast
	file string // base name, e.g. room.go
	line int
}

func (s *site) label() string    { return s.fn + ": " + s.fileLine() }
func (s *site) fileLine() string { return s.file + ":" + strconv.Itoa(s.line) }

// pcInfo says what a return pc stands for: nil when all its (inlined) frames are this package's own.
type pcInfo struct {
	s *site
}

var unknownSite = &site{fn: "?", file: "?", line: 0}

// site returns c's call site: the first frame, from the innermost, that is neither in this package's own
// (non-test) source files nor in package sync (so that a Cond's Wait is seen at the user's c.Wait()). Under
// recMu.
func (r *recorder) site(c *call) *site {
	for _, pc := range c.pcs {
		if pc == 0 {
			break
		}
		info, ok := r.pcs[pc]
		if !ok {
			info = resolvePC(pc)
			if info.s != nil {
				// One site per place in the code, however many pcs stand for it (a TryLock and a TryRLock
				// on one line, or a call inlined in several places).
				if s, ok := r.siteOf[*info.s]; ok {
					info.s = s
				} else {
					r.siteOf[*info.s] = info.s
				}
			}
			r.pcs[pc] = info
		}
		if info.s != nil {
			return info.s
		}
	}
	return unknownSite
}

// resolvePC expands one return pc into its frames (several when calls were inlined into it; CallersFrames
// accounts for inlining, runtime/symtab.go) and returns the innermost frame outside this package.
func resolvePC(pc uintptr) pcInfo {
	frames := runtime.CallersFrames([]uintptr{pc})
	for {
		f, more := frames.Next()
		if f.Function != "" && !ownFile(f.File) && !strings.HasPrefix(f.Function, "sync.") {
			return pcInfo{&site{fn: shortFunc(f.Function), file: path.Base(f.File), line: f.Line}}
		}
		if !more {
			return pcInfo{}
		}
	}
}

// ownDir is the directory of this package's source files, as the binary records them.
var ownDir = func() string {
	_, file, _, _ := runtime.Caller(0)
	return path.Dir(file)
}()

func ownFile(file string) bool {
	return path.Dir(file) == ownDir && !strings.HasSuffix(file, "_test.go")
}

// shortFunc turns a runtime function name into the form Lockscope shows: without the import path and the
// package name, and without the pointer-receiver parentheses. "example.com/chat.(*Room).Broadcast" becomes
// "Room.Broadcast", "main.main" becomes "main", "main.main.func1" becomes "main.func1". The linker escapes
// dots in an import path's last element (cmd/internal/objabi.PathToPrefix), so the first dot after the last
// slash ends the package name.
func shortFunc(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		fn = fn[i+1:]
	}
	if i := strings.IndexByte(fn, '.'); i >= 0 {
		fn = fn[i+1:]
	}
	if strings.HasPrefix(fn, "(*") {
		if i := strings.IndexByte(fn, ')'); i >= 0 {
			fn = fn[2:i] + fn[i+1:]
		}
	}
	return fn
}
