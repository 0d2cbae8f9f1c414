package lockscope_test

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	lockscope "lockscope.dev/tracker"
	"lockscope.dev/tracker/internal/tracefile"
)

// client connects to a live stream and waits for its header, after which it gets every event.
type client struct {
	conn net.Conn
	buf  bytes.Buffer
	done chan struct{}
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{conn: conn, done: make(chan struct{})}
	r := bufio.NewReader(conn)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	header, err := r.ReadBytes('\n')
	if err != nil {
		t.Fatalf("header: %v", err)
	}
	conn.SetReadDeadline(time.Time{})
	c.buf.Write(header)
	go func() {
		io.Copy(&c.buf, r)
		close(c.done)
	}()
	return c
}

// trace waits for the stream's end (StopServing) and checks it.
func (c *client) trace(t *testing.T) *tracefile.Trace {
	t.Helper()
	<-c.done
	tr, err := tracefile.Read(&c.buf, tracefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Ended {
		t.Fatal("stream without end line")
	}
	return tr
}

func TestServeStreamsEachConnectionItsOwnTrace(t *testing.T) {
	addr, err := lockscope.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lockscope.StopServing()
	if _, err := lockscope.Serve("127.0.0.1:0"); err == nil {
		t.Fatal("a second Serve succeeded")
	}
	var a, b lockscope.Mutex
	lockscope.Name(&a, "a")
	lockscope.Name(&b, "b")

	first := dial(t, addr)
	a.Lock()
	a.Unlock()
	b.Lock()
	second := dial(t, addr) // b's hold began before it: not in its trace
	gone := dial(t, addr)
	gone.conn.Close()
	b.Unlock()
	a.Lock()
	a.Unlock()
	if err := lockscope.StopServing(); err != nil {
		t.Fatal(err)
	}

	one, two := first.trace(t), second.trace(t)
	if got, want := lockEventKinds(one), []string{"a request", "a acquire", "a release", "b request",
		"b acquire", "b release", "a request", "a acquire", "a release"}; !eqStrings(got, want) {
		t.Errorf("first connection %v, want %v", got, want)
	}
	if got, want := lockEventKinds(two), []string{"a request", "a acquire", "a release"}; !eqStrings(got, want) {
		t.Errorf("second connection %v, want %v", got, want)
	}
	// Its own ids: the second connection declares a as lock 0, and the goroutine and sites again.
	if len(two.Locks) != 1 || two.Locks[0].Name != "a" || len(two.Goroutines) != 1 || len(two.Sites) != 2 {
		t.Errorf("second connection declares locks %v, goroutines %v, sites %v", two.Locks, two.Goroutines, two.Sites)
	}
	if two.Header.Producer != "lockscope-go" || two.Header.Version != 2 {
		t.Errorf("header %+v", two.Header)
	}
}

func TestServeAlongsideAFileRecording(t *testing.T) {
	stop := record(t, "trace.jsonl")
	addr, err := lockscope.Serve("localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, addr)
	var m lockscope.Mutex
	m.Lock()
	m.Unlock()
	if err := lockscope.StopServing(); err != nil {
		t.Fatal(err)
	}
	m.Lock()
	m.Unlock()
	if got := len(lockEventKinds(c.trace(t))); got != 3 {
		t.Errorf("stream: %d lock events, want 3", got)
	}
	if got := len(lockEventKinds(stop())); got != 6 {
		t.Errorf("file: %d lock events, want 6", got)
	}
}

// TestServeBlockedNamesOnlyHoldsTheConnectionSaw: a connection opened while main holds m never saw that hold,
// so a goroutine blocked behind it is blocked by no one in its trace, and main's release, which changes the
// blockers for the file, changes nothing for it.
func TestServeBlockedNamesOnlyHoldsTheConnectionSaw(t *testing.T) {
	var m lockscope.Mutex
	lockscope.Name(&m, "m")
	stop := record(t, "trace.jsonl")
	addr, err := lockscope.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer lockscope.StopServing()
	main := lockscope.Goid()
	m.Lock()
	c := dial(t, addr)
	gid, done := make(chan int64, 1), make(chan struct{})
	go func() {
		gid <- lockscope.Goid()
		m.Lock()
		m.Unlock()
		close(done)
	}()
	waitBlocked(t, &m, 1)
	m.Unlock()
	<-done
	if err := lockscope.StopServing(); err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{main: "main", <-gid: "waiter"}
	file, stream := stop(), c.trace(t)
	want := []string{"main request w", "main acquire w", "waiter request w", "waiter blocked [main]",
		"main release w", "waiter blocked []", "waiter acquire w", "waiter release w"}
	if got := story(file, 0, names); !eqStrings(got, want) {
		t.Errorf("file\n%v\nwant\n%v", got, want)
	}
	want = []string{"waiter request w", "waiter blocked []", "waiter acquire w", "waiter release w"}
	if got := story(stream, 0, names); !eqStrings(got, want) {
		t.Errorf("stream\n%v\nwant\n%v", got, want)
	}
}

func TestServeListensOnLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0", "[::]:0"} {
		if got, err := lockscope.Serve(addr); err == nil || !strings.Contains(err.Error(), "loopback only") {
			lockscope.StopServing()
			t.Errorf("Serve(%q) = %q, %v; want the loopback-only error", addr, got, err)
		}
	}
	if err := lockscope.StopServing(); err != nil {
		t.Fatalf("StopServing without Serve: %v", err)
	}
}
