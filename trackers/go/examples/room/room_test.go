package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	lockscope "lockscope.dev/tracker"
	"lockscope.dev/tracker/internal/tracefile"
)

var tracePath = flag.String("room.trace", os.Getenv("LOCKSCOPE_ROOM_TRACE"),
	"where TestAddWaitsBehindTheSlowBroadcast writes its trace (default: a temporary directory)")

// TestAddWaitsBehindTheSlowBroadcast plays a short room with recording on and reads back the trace it wrote:
// dan's Add asks for the write lock while a Broadcast holds the read lock sending to eve, is blocked by the
// Broadcasts holding it, waits most of eve's latency, and the Broadcasts that come after the Add wait behind
// it, blocked by it (sync/rwmutex.go: a pending Lock keeps new readers out). Keep the trace with go test ./examples/room -args -room.trace=room.jsonl.gz.
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

	type hold struct {
		g                         int64
		request, acquire, release int64
		blocked                   [][]int64 // the blocked events' by, in order
	}
	holds := map[int64]*hold{} // every goroutine here takes the lock once
	for _, e := range tr.Events {
		h := holds[e.G]
		if h == nil {
			h = &hold{e.G, -1, -1, -1, nil}
			holds[e.G] = h
		}
		switch e.E {
		case "request":
			h.request = e.T
		case "acquire":
			h.acquire = e.T
		case "release":
			h.release = e.T
		case "blocked":
			h.blocked = append(h.blocked, e.By)
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
	sort.Slice(broadcasts, func(i, j int) bool { return broadcasts[i].g < broadcasts[j].g })
	if add == nil || len(broadcasts) != 7 {
		t.Fatalf("goroutines %v: want one Room.Add and 7 Room.Broadcast", tr.Goroutines)
	}

	wait := time.Duration(add.acquire - add.request)
	if wait < sc.eve*3/4 {
		t.Errorf("Add waited %v, want most of eve's latency (%v)", wait, sc.eve)
	}
	// A Broadcast held the read lock across the Add's request, for at least eve's latency (it was sending
	// to her), and released it before the Add got the lock. The Add's blocked event names the Broadcasts
	// holding the read lock when it asked, by ascending id, and the last names no one (the last of them left).
	behind := false
	var holding []int64
	for _, b := range broadcasts {
		if b.acquire < add.request && b.release > add.request {
			if b.release > add.acquire {
				t.Errorf("a Broadcast held the read lock until %d, after the Add got it at %d", b.release, add.acquire)
			}
			behind = behind || time.Duration(b.release-b.acquire) >= sc.eve
			holding = append(holding, b.g)
		}
		// Broadcasts that asked after the Add wait behind it, blocked by it.
		if b.request > add.request && b.request < add.release {
			if b.acquire < add.release {
				t.Errorf("a Broadcast asking at %d got the read lock at %d, before the Add released it at %d",
					b.request, b.acquire, add.release)
			}
			if len(b.blocked) == 0 || fmt.Sprint(b.blocked[0]) != fmt.Sprint([]int64{add.g}) {
				t.Errorf("Broadcast#%d asking behind the Add: blocked by %v, want first [%d]", b.g, b.blocked, add.g)
			}
		}
	}
	if !behind {
		t.Errorf("no Broadcast held the read lock for eve's latency across the Add's request at %d", add.request)
	}
	if len(add.blocked) == 0 || fmt.Sprint(add.blocked[0]) != fmt.Sprint(holding) ||
		len(add.blocked[len(add.blocked)-1]) != 0 {
		t.Errorf("the Add was blocked by %v, want first the Broadcasts holding the read lock %v, last none",
			add.blocked, holding)
	}
	t.Logf("Add waited %v, blocked by %v; trace %s", wait, add.blocked, path)
}
