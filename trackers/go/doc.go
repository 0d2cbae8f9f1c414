// Package lockscope provides Mutex and RWMutex, drop-in replacements for sync's (and go-deadlock's) that
// record every lock request, acquire and release of a running program into a Lockscope trace.
//
// A program switches by changing one import, `import sync "lockscope.dev/tracker"` (the rest of package sync
// is re-exported as aliases), and records with Record/Stop or by starting with LOCKSCOPE_TRACE=path.
//
// Semantics. Every method calls the sync method of the same name and does what it does: same blocking, same
// writer preference (sync/rwmutex.go), same fatal errors on misuse. Zero values are unlocked locks. A lock
// must not be copied after first use; Name counts as a use.
//
// Recording. While a recording (Record) or a live stream (Serve) is on, each lock call writes, in the order
// of the calls:
//   - Lock, RLock: request, then a try of the lock that does not block. Taken: acquire, at the request's
//     instant. Not taken: blocked, naming the goroutines that keep it out as far as the recorder saw them
//     (below); then the call waits in sync's Lock or RLock, and writes acquire when that returns;
//   - TryLock, TryRLock: when they take the lock, request and acquire at one instant; when they fail,
//     nothing (they never waited);
//   - Unlock, RUnlock: release, before the lock is given back, if the recorder saw the hold begin (a hold
//     taken before the recording started is not released in it). An Unlock from another goroutine than the
//     one that locked is written as the holder's release; so is an RUnlock, of the oldest read hold, when
//     the caller holds none.
//
// A blocked event names, by ascending goroutine id: the writer holding the lock; else, for a Lock of an
// RWMutex behind another blocked Lock, that writer (it holds the RWMutex's inner mutex; of several, the
// oldest); else, for a Lock, the readers; else, for an RLock, the oldest blocked Lock (a waiting writer keeps
// new readers out). Whenever a hold begins or ends while goroutines are blocked, each whose blockers changed
// gets a new blocked event; the set may be empty: the recorder knows of no one in the way (the holder is
// handing the lock over, or took it before the recording started).
//
// Each RLock is a hold of its own: a recursive RLock shows as two holds of one goroutine.
//
// Trace. Format version 2 (Lockscope's docs/trace-format.md), producer "lockscope-go". t is nanoseconds since
// the recording started, from the monotonic clock, taken under the lock that appends the line, so that t
// never decreases. Goroutines are named by their runtime id and their kind, the entry function ("Room.Add",
// "main", "TestRoom" for a test); locks by Name, else by the file:line of their first recorded use; sites
// by the calling function and file:line ("Room.Add: room.go:41"). There are no exit events: the recorder
// cannot see a goroutine end.
//
// Cost. Not recording, a lock call costs one atomic load and one function call more than sync's. Recording,
// each call reads the goroutine id from runtime.Stack's header and walks a few frames for its site: some
// microseconds per lock call (docs/benchmarks.md, "Go tracking locks"). Lines go to a buffer that a goroutine
// writes out every 50 ms; when it is 1 MiB behind, lock calls wait for it.
package lockscope
