// Package trackerbench compares an uncontended Lock/Unlock pair of sync.Mutex, the tracker's Mutex (not
// recording, and recording to a file) and go-deadlock's Mutex, in one go test -bench run. It is its own
// module so that the tracker keeps no dependency. From trackers/go/bench:
//
//	GOWORK=off GOFLAGS=-mod=mod GOPROXY=off go test -overlay=goid-overlay.json -run='^$' -bench=. -count=5
package trackerbench

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sasha-s/go-deadlock"
	lockscope "lockscope.dev/tracker"
)

func BenchmarkSyncMutex(b *testing.B) {
	var m sync.Mutex
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
}

func BenchmarkTrackerMutex(b *testing.B) {
	var m lockscope.Mutex
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
}

// BenchmarkTrackerMutexRecording writes request, acquire and release per pair to a gzip trace in a temporary
// directory (plain: BenchmarkTrackerMutexRecordingPlain).
func BenchmarkTrackerMutexRecording(b *testing.B) { benchRecording(b, "bench.jsonl.gz") }

func BenchmarkTrackerMutexRecordingPlain(b *testing.B) { benchRecording(b, "bench.jsonl") }

func benchRecording(b *testing.B, name string) {
	dir, err := os.MkdirTemp("", "trackerbench")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := lockscope.Record(filepath.Join(dir, name)); err != nil {
		b.Fatal(err)
	}
	var m lockscope.Mutex
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
	b.StopTimer()
	if err := lockscope.Stop(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkTrackerMutexRecordingDepth20 is BenchmarkTrackerMutexRecording with the pair 20 calls deeper:
// reading the goroutine id costs a traceback of the whole stack (runtime/mprof.go Stack).
func BenchmarkTrackerMutexRecordingDepth20(b *testing.B) {
	dir, err := os.MkdirTemp("", "trackerbench")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := lockscope.Record(filepath.Join(dir, "bench.jsonl.gz")); err != nil {
		b.Fatal(err)
	}
	var m lockscope.Mutex
	b.ResetTimer()
	deep(20, func() {
		for i := 0; i < b.N; i++ {
			m.Lock()
			m.Unlock()
		}
	})
	b.StopTimer()
	if err := lockscope.Stop(); err != nil {
		b.Fatal(err)
	}
}

//go:noinline
func deep(n int, f func()) {
	if n == 0 {
		f()
		return
	}
	deep(n-1, f)
}

// BenchmarkDeadlockMutex is go-deadlock with its default options (lock-order detection on, a 30 s
// DeadlockTimeout: deadlock.go's lock() starts a timer goroutine per Lock).
func BenchmarkDeadlockMutex(b *testing.B) {
	var m deadlock.Mutex
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
}

// BenchmarkDeadlockMutexNoTimeout is go-deadlock with DeadlockTimeout 0: lock-order detection only, no timer
// goroutine.
func BenchmarkDeadlockMutexNoTimeout(b *testing.B) {
	defer func(d time.Duration) { deadlock.Opts.DeadlockTimeout = d }(deadlock.Opts.DeadlockTimeout)
	deadlock.Opts.DeadlockTimeout = 0
	var m deadlock.Mutex
	for i := 0; i < b.N; i++ {
		m.Lock()
		m.Unlock()
	}
}
