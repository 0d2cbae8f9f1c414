package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	lockscope "lockscope.dev/tracker"
	"lockscope.dev/tracker/internal/tracefile"
)

var tracePath = flag.String("room.trace", os.Getenv("LOCKSCOPE_ROOM_TRACE"),
	"where TestAddWaitsBehindTheSlowBroadcast writes its trace (default: a temporary directory)")

// TestAddWaitsBehindTheSlowBroadcast plays a short room with recording on and reads back the trace it wrote:
// dan's Add asks for the write lock while a Broadcast holds the read lock sending to eve, waits most of eve's
// latency, and the Broadcasts that come after the Add wait behind it (sync/rwmutex.go: a pending Lock keeps
// new readers out). Keep the trace with go test ./examples/room -args -room.trace=room.jsonl.gz.
func TestAddWaitsBehindTheSlowBroadcast(t *testing.T) {
	path := *tracePath
	if path == "" {
		path = filepath.Join(t.TempDir(), "room.jsonl.gz")
	}
	sc := scenario{period: 50 * time.Millisecond, eve: 200 * time.Millisecond, addAt: 60 * time.Millisecond,
		length: 300 * time.Millisecond}
	if err := lockscope.Record(path); err != nil {
		t.Fatal(err)
	}
	run(sc)
	if err := lockscope.Stop(); err != nil {
		t.Fatal(err)
	}

	// ReadFile checks the rules: header version 2, time order, sites and locks declared before use, every
	// acquire after its request, no conflicting holds, end last.
	tr, err := tracefile.ReadFile(path, tracefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Header.Producer != "lockscope-go" || tr.Header.Version != 2 || !tr.Ended {
		t.Fatalf("header %+v, ended %v", tr.Header, tr.Ended)
	}
	if len(tr.Locks) != 1 || tr.Locks[0].Name != "membersMx" || tr.Locks[0].Kind != "rwmutex" {
		t.Fatalf("locks %+v, want the rwmutex membersMx only", tr.Locks)
	}

	type hold struct{ request, acquire, release int64 }
	holds := map[int64]*hold{} // every goroutine here takes the lock once
	for _, e := range tr.Events {
		h := holds[e.G]
		if h == nil {
			h = &hold{-1, -1, -1}
			holds[e.G] = h
		}
		switch e.E {
		case "request":
			h.request = e.T
		case "acquire":
			h.acquire = e.T
		case "release":
			h.release = e.T
		}
	}
	var add *hold
	var broadcasts []*hold
	for g, h := range holds {
		switch tr.Goroutines[g].Kind {
		case "Room.Add":
			add = h
		case "Room.Broadcast":
			broadcasts = append(broadcasts, h)
		}
	}
	if add == nil || len(broadcasts) != 7 {
		t.Fatalf("goroutines %v: want one Room.Add and 7 Room.Broadcast", tr.Goroutines)
	}

	wait := time.Duration(add.acquire - add.request)
	if wait < sc.eve*3/4 {
		t.Errorf("Add waited %v, want most of eve's latency (%v)", wait, sc.eve)
	}
	// A Broadcast held the read lock across the Add's request, for at least eve's latency (it was sending
	// to her), and released it before the Add got the lock.
	behind := false
	for _, b := range broadcasts {
		if b.acquire < add.request && b.release > add.request {
			if b.release > add.acquire {
				t.Errorf("a Broadcast held the read lock until %d, after the Add got it at %d", b.release, add.acquire)
			}
			behind = behind || time.Duration(b.release-b.acquire) >= sc.eve
		}
		// Broadcasts that asked after the Add wait behind it.
		if b.request > add.request && b.acquire < add.release {
			t.Errorf("a Broadcast asking at %d got the read lock at %d, before the Add released it at %d",
				b.request, b.acquire, add.release)
		}
	}
	if !behind {
		t.Errorf("no Broadcast held the read lock for eve's latency across the Add's request at %d", add.request)
	}
	t.Logf("Add waited %v; trace %s", wait, path)
}
