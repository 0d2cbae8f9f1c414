package lockscope_test

import (
	"log"
	"os"
	"path/filepath"

	lockscope "lockscope.dev/tracker"
)

type Room struct {
	membersMx lockscope.RWMutex // was sync.RWMutex
	members   []string
}

func (r *Room) Add(name string) {
	r.membersMx.Lock()
	r.members = append(r.members, name)
	r.membersMx.Unlock()
}

// A program records its locks between Record and Stop (or from start-up with LOCKSCOPE_TRACE=path), then opens
// the trace in Lockscope: mvn javafx:run -Dlockscope.open=room.jsonl.gz.
func Example() {
	dir, _ := os.MkdirTemp("", "lockscope")
	defer os.RemoveAll(dir)
	if err := lockscope.Record(filepath.Join(dir, "room.jsonl.gz")); err != nil {
		log.Fatal(err)
	}
	defer lockscope.Stop() // writes the end line; without it the file is still readable up to its last flush

	r := &Room{}
	lockscope.Name(&r.membersMx, "membersMx")
	r.Add("ann")
	// Output:
}
