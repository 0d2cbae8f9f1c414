package lockscope

import (
	"encoding/json"
	"sync"
	"testing"
	"time"
)

func TestShortFunc(t *testing.T) {
	for fn, want := range map[string]string{
		"main.main":                                "main",
		"main.main.func1":                          "main.func1",
		"main.(*Room).Broadcast":                   "Room.Broadcast",
		"example.com/chat.(*Room).Broadcast":       "Room.Broadcast",
		"example.com/chat.Room.Len":                "Room.Len",
		"lockscope.dev/tracker_test.TestX.func2":   "TestX.func2",
		"gopkg.in/yaml%2ev3.(*decoder).unmarshal":  "decoder.unmarshal",
		"example.com/list.(*List[...]).Push":       "List[...].Push",
		"example.com/chat.(*Room).Broadcast.func1": "Room.Broadcast.func1",
	} {
		if got := shortFunc(fn); got != want {
			t.Errorf("shortFunc(%q) = %q, want %q", fn, got, want)
		}
	}
}

func TestGidSet(t *testing.T) {
	s := gidSet{}
	for _, id := range []int64{1, 63, 64, 4095, 4096, 1 << 40} {
		if !s.add(id) {
			t.Errorf("add(%d): not new the first time", id)
		}
		if s.add(id) {
			t.Errorf("add(%d): new the second time", id)
		}
	}
	if s.add(2) == false {
		t.Error("add(2): not new")
	}
}

func TestAppendStringIsJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\`, "tab\tnl\n\x01\x1f", "é ✓ 😀", "bad \xff utf8", "\u2028"} {
		var back string
		b := appendString(nil, s)
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q encoded as %s: %v", s, b, err)
		}
		want, _ := json.Marshal(s)
		var wantBack string
		json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Errorf("%q: round trip %q, want %q", s, back, wantBack)
		}
	}
}

func TestCurGoidMatchesTheStackHeader(t *testing.T) {
	ids := make(chan int64, 2)
	go func() { ids <- curGoid() }()
	go func() { ids <- curGoid() }()
	a, b := <-ids, <-ids
	if a <= 0 || b <= 0 || a == b || curGoid() <= 0 {
		t.Fatalf("ids %d, %d, %d", a, b, curGoid())
	}
}

// stalledWriter blocks every Write until released.
type stalledWriter struct {
	release chan struct{}
	mu      sync.Mutex
	n       int
}

func (w *stalledWriter) Write(b []byte) (int, error) {
	<-w.release
	w.mu.Lock()
	w.n += len(b)
	w.mu.Unlock()
	return len(b), nil
}

// TestFullBufferBlocksTheProducer: while the writer is stuck, a producer fills maxBuffered bytes and then
// waits, instead of growing the buffer; once the writer moves, everything is written.
func TestFullBufferBlocksTheProducer(t *testing.T) {
	w := &stalledWriter{release: make(chan struct{})}
	k := newSink(w, nil, func() error { return nil }, time.Now())
	go k.run()
	line := make([]byte, 1000)
	const lines = 3 * maxBuffered / 1000
	produced := make(chan int, lines)
	go func() {
		for i := 0; i < lines; i++ {
			k.put(line)
			produced <- i
		}
	}()
	time.Sleep(200 * time.Millisecond)
	k.bmu.Lock()
	buffered := len(k.buf)
	k.bmu.Unlock()
	if n := len(produced); n >= lines-1 || buffered > maxBuffered+len(line) {
		t.Fatalf("stuck writer: %d of %d lines put, %d bytes buffered (max %d)", n, lines, buffered, maxBuffered)
	}
	close(w.release)
	for i := 0; i < lines; i++ {
		<-produced
	}
	if err := k.shutdown(); err != nil {
		t.Fatal(err)
	}
	if w.n != lines*len(line) {
		t.Fatalf("%d bytes written, want %d", w.n, lines*len(line))
	}
}

// TestFullBufferDropsALiveConnection: a sink that may drop (a live connection) stops taking lines instead.
func TestFullBufferDropsALiveConnection(t *testing.T) {
	w := &stalledWriter{release: make(chan struct{})}
	k := newSink(w, nil, func() error { return nil }, time.Now())
	k.dropWhenFull = true
	go k.run()
	line := make([]byte, 1000)
	ok := true
	for i := 0; i < 3*maxBuffered/1000 && ok; i++ {
		ok = k.put(line)
	}
	if ok {
		t.Fatal("put never failed")
	}
	close(w.release)
	if err := k.shutdown(); err != errFellBehind {
		t.Fatalf("shutdown: %v, want %v", err, errFellBehind)
	}
}
