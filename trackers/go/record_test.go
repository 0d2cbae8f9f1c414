package lockscope_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	lockscope "lockscope.dev/tracker"
	"lockscope.dev/tracker/internal/tracefile"
)

func TestTraceHeader(t *testing.T) {
	stop := record(t, "trace.jsonl")
	tr := stop()
	h := tr.Header
	if h.Version != 2 || h.Producer != "lockscope-go" || h.Tool != "lockscope-go "+lockscope.Version {
		t.Fatalf("header %+v", h)
	}
	if h.Details["name"] != filepath.Base(os.Args[0]) || h.Details["pid"] != float64(os.Getpid()) ||
		!strings.HasPrefix(h.Details["go"].(string), "go") || h.Details["clock"] != "monotonic" {
		t.Fatalf("details %v", h.Details)
	}
	if _, err := time.Parse(time.RFC3339, h.Details["started"].(string)); err != nil {
		t.Fatalf("details.started: %v", err)
	}
	if len(tr.Events) != 1 || tr.Events[0].E != "end" {
		t.Fatalf("events %+v, want only end", tr.Events)
	}
}

func TestRecordsRequestAcquireReleaseAtTheCallSites(t *testing.T) {
	stop := record(t, "trace.jsonl")
	var m lockscope.Mutex
	m.Lock()
	lockLine := line() - 1
	m.Unlock()
	unlockLine := line() - 1
	tr := stop()

	const fn, file = "TestRecordsRequestAcquireReleaseAtTheCallSites", "record_test.go"
	want := []string{
		"request w " + label(fn, file, lockLine),
		"acquire w " + label(fn, file, lockLine),
		"release w " + label(fn, file, unlockLine),
	}
	if got := lockEvents(tr, 0); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
	if l := tr.Locks[0]; l.Kind != "mutex" || l.Name != label("", file, lockLine)[2:] {
		t.Fatalf("lock %+v, want mutex named %s:%d", l, file, lockLine)
	}
	g := tr.Goroutines[tr.Events[0].G]
	if g.Kind != fn || tr.Sites[0].Op != fn {
		t.Fatalf("goroutine %+v, site %+v: want kind and op %s", g, tr.Sites[0], fn)
	}
}

func TestNameNamesTheLock(t *testing.T) {
	var rw lockscope.RWMutex
	lockscope.Name(&rw, "membersMx")
	stop := record(t, "trace.jsonl")
	rw.RLock()
	rw.RUnlock()
	tr := stop()
	if l := tr.Locks[0]; l.Name != "membersMx" || l.Kind != "rwmutex" {
		t.Fatalf("lock %+v, want rwmutex membersMx", l)
	}
}

func TestRecursiveRLockIsTwoHolds(t *testing.T) {
	var rw lockscope.RWMutex
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl")
	rw.RLock()
	rw.RLock()
	rw.RUnlock()
	rw.RUnlock()
	tr := stop()
	var kinds []string
	for _, e := range tr.Events {
		if e.E == "acquire" || e.E == "release" {
			kinds = append(kinds, e.E+" "+e.Mode)
		}
	}
	want := []string{"acquire r", "acquire r", "release r", "release r"}
	if !eqStrings(kinds, want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
}

func TestRLockerIsRecordedAtItsCaller(t *testing.T) {
	var rw lockscope.RWMutex
	stop := record(t, "trace.jsonl")
	l := rw.RLocker()
	l.Lock()
	lockLine := line() - 1
	l.Unlock()
	tr := stop()
	const fn, file = "TestRLockerIsRecordedAtItsCaller", "record_test.go"
	want := []string{
		"request r " + label(fn, file, lockLine),
		"acquire r " + label(fn, file, lockLine),
		"release r " + label(fn, file, lockLine+2),
	}
	if got := lockEvents(tr, 0); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}

type room struct{ mx lockscope.Mutex }

func (r *room) hold(locked, release chan struct{}) {
	r.mx.Lock()
	close(locked)
	<-release
	r.mx.Unlock()
}

func TestGoroutineKindIsItsEntryFunction(t *testing.T) {
	r := &room{}
	stop := record(t, "trace.jsonl")
	locked, release := make(chan struct{}), make(chan struct{})
	go r.hold(locked, release)
	<-locked
	close(release)
	done := make(chan struct{})
	go func() {
		r.mx.Lock()
		r.mx.Unlock()
		close(done)
	}()
	<-done
	tr := stop()
	var kinds []string
	for _, e := range tr.Events {
		if e.E == "spawn" {
			kinds = append(kinds, e.Kind)
		}
	}
	want := []string{"room.hold", "TestGoroutineKindIsItsEntryFunction.func1"}
	if !eqStrings(kinds, want) {
		t.Fatalf("spawned kinds %v, want %v", kinds, want)
	}
}

// TestLockThatWaitsIsBlockedByTheHolder: a Lock that finds the Mutex taken writes request, then blocked naming
// the holder, then, once it has the lock, acquire. When the holder lets go the waiter's blockers change to
// none (nobody known holds the Mutex until the waiter's acquire).
func TestLockThatWaitsIsBlockedByTheHolder(t *testing.T) {
	var m lockscope.Mutex
	lockscope.Name(&m, "m")
	stop := record(t, "trace.jsonl")
	main := lockscope.Goid()
	m.Lock()
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
	tr := stop()
	names := map[int64]string{main: "main", <-gid: "waiter"}
	want := []string{
		"main request w", "main acquire w",
		"waiter request w", "waiter blocked [main]",
		"main release w", "waiter blocked []", "waiter acquire w",
		"waiter release w",
	}
	if got := story(tr, lockID(t, tr, "m"), names); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}

// TestWriterIsBlockedByTheReadersInIdOrder: a Lock behind two readers names both, by ascending goroutine id
// whatever order they came in, and is written again each time one leaves.
func TestWriterIsBlockedByTheReadersInIdOrder(t *testing.T) {
	var rw lockscope.RWMutex
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl")
	main := lockscope.Goid()
	var reader, writer int64
	readLocked, leave, readerDone := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() { // a later goroutine than main, so a higher id; it read-locks first
		reader = lockscope.Goid()
		rw.RLock()
		close(readLocked)
		<-leave
		rw.RUnlock()
		close(readerDone)
	}()
	<-readLocked
	rw.RLock()
	writerDone := make(chan struct{})
	go func() {
		writer = lockscope.Goid()
		rw.Lock()
		rw.Unlock()
		close(writerDone)
	}()
	waitBlocked(t, &rw, 1)
	close(leave)
	<-readerDone
	rw.RUnlock()
	<-writerDone
	tr := stop()
	if !(main < reader) {
		t.Fatalf("main %d, reader %d: want main's id lower", main, reader)
	}
	names := map[int64]string{main: "main", reader: "reader", writer: "writer"}
	want := []string{
		"reader request r", "reader acquire r",
		"main request r", "main acquire r",
		"writer request w", "writer blocked [main reader]",
		"reader release r", "writer blocked [main]",
		"main release r", "writer blocked []", "writer acquire w",
		"writer release w",
	}
	if got := story(tr, lockID(t, tr, "rw"), names); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}

// announced waits until a writer blocked in rw.Lock keeps new readers out (sync/rwmutex.go: it has made
// readerCount negative). The caller holds a read lock; each successful TryRLock writes a hold of its own.
func announced(rw *lockscope.RWMutex) {
	for rw.TryRLock() {
		rw.RUnlock()
		time.Sleep(time.Millisecond)
	}
}

// TestReaderBehindAWaitingWriterIsBlockedByIt: an RLock kept out by a writer waiting for the readers names that
// writer (not the readers, which it could join but for the writer), until the writer has come and gone.
func TestReaderBehindAWaitingWriterIsBlockedByIt(t *testing.T) {
	var rw lockscope.RWMutex
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl")
	main := lockscope.Goid()
	rw.RLock()
	ids := make(chan int64, 2)
	writerDone, readerDone := make(chan struct{}), make(chan struct{})
	go func() {
		ids <- lockscope.Goid()
		rw.Lock()
		rw.Unlock()
		close(writerDone)
	}()
	writer := <-ids
	waitBlocked(t, &rw, 1)
	announced(&rw)
	go func() {
		ids <- lockscope.Goid()
		rw.RLock()
		rw.RUnlock()
		close(readerDone)
	}()
	reader := <-ids
	waitBlocked(t, &rw, 2)
	rw.RUnlock()
	<-writerDone
	<-readerDone
	tr := stop()
	names := map[int64]string{writer: "writer", reader: "reader"} // not main: its TryRLocks
	want := []string{
		"writer request w", "writer blocked [" + strconv.FormatInt(main, 10) + "]",
		"reader request r", "reader blocked [writer]",
		"writer blocked []", "writer acquire w",
		"writer release w", "reader blocked []", "reader acquire r",
		"reader release r",
	}
	if got := story(tr, lockID(t, tr, "rw"), names); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}

// TestWriterBehindAWaitingWriterIsBlockedByIt: a second Lock queues on the RWMutex's inner mutex, which the
// first, waiting for the readers, holds: it names that writer (docs/locks.md, go-rwmutex).
func TestWriterBehindAWaitingWriterIsBlockedByIt(t *testing.T) {
	var rw lockscope.RWMutex
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl")
	main := lockscope.Goid()
	rw.RLock()
	ids := make(chan int64, 2)
	done := make(chan struct{}, 2)
	lockUnlock := func() {
		ids <- lockscope.Goid()
		rw.Lock()
		rw.Unlock()
		done <- struct{}{}
	}
	go lockUnlock()
	first := <-ids
	waitBlocked(t, &rw, 1)
	announced(&rw)
	go lockUnlock()
	second := <-ids
	waitBlocked(t, &rw, 2)
	rw.RUnlock()
	<-done
	<-done
	tr := stop()
	names := map[int64]string{first: "first", second: "second"}
	want := []string{
		"first request w", "first blocked [" + strconv.FormatInt(main, 10) + "]",
		"second request w", "second blocked [first]",
		"first blocked []", "first acquire w",
		"first release w", "second blocked []", "second acquire w",
		"second release w",
	}
	if got := story(tr, lockID(t, tr, "rw"), names); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}

// TestFailedTryLockWritesNothing: TryLock and TryRLock never wait, so one that fails writes no request (which
// would be a wait that never ends), no blocked, nothing: not even the goroutine's spawn or the lock.
func TestFailedTryLockWritesNothing(t *testing.T) {
	var m lockscope.Mutex
	var rw lockscope.RWMutex
	lockscope.Name(&m, "m")
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl")
	main := lockscope.Goid()
	locked, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		m.Lock()
		rw.Lock()
		close(locked)
		<-release
		rw.Unlock()
		m.Unlock()
		close(done)
	}()
	<-locked
	if m.TryLock() || rw.TryLock() || rw.TryRLock() {
		t.Fatal("TryLock of a held lock succeeded")
	}
	close(release)
	<-done
	tr := stop()
	for _, e := range tr.Events {
		if e.G == main {
			t.Errorf("line %d: %s by the goroutine whose TryLocks failed", e.Line, e.E)
		}
	}
	if len(tr.Open) > 0 {
		t.Errorf("requests never acquired: %+v", tr.Open)
	}
}

// TestTryLockThatSucceedsTakesNoTime: a Mutex.TryLock, RWMutex.TryLock or TryRLock that succeeds writes its request and its
// acquire at one instant, one right after the other; so does a Lock that finds the lock free.
func TestTryLockThatSucceedsTakesNoTime(t *testing.T) {
	var m lockscope.Mutex
	var rw lockscope.RWMutex
	stop := record(t, "trace.jsonl")
	if !m.TryLock() || !rw.TryLock() {
		t.Fatal("TryLock of a free lock failed")
	}
	rw.Unlock()
	if !rw.TryRLock() {
		t.Fatal("TryRLock of a free lock failed")
	}
	rw.RUnlock()
	m.Unlock()
	m.Lock()
	m.Unlock()
	tr := stop()
	var requests int
	for i, e := range tr.Events {
		if e.E != "request" {
			continue
		}
		requests++
		if a := tr.Events[i+1]; a.E != "acquire" || a.T != e.T || a.G != e.G || a.Lock != e.Lock || a.Site != e.Site {
			t.Errorf("line %d: %+v follows the request %+v, want its acquire at t=%d", a.Line, a, e, e.T)
		}
	}
	if requests != 4 {
		t.Fatalf("%d requests, want 4", requests)
	}
}

// TestUnlockByAnotherGoroutineReleasesTheHolder: sync allows unlocking a Mutex from another goroutine; the
// release is written for the goroutine that holds it, at the unlocking call site.
func TestUnlockByAnotherGoroutineReleasesTheHolder(t *testing.T) {
	var m lockscope.Mutex
	stop := record(t, "trace.jsonl")
	m.Lock()
	done := make(chan struct{})
	go func() {
		m.Unlock()
		close(done)
	}()
	<-done
	tr := stop()
	last := tr.Events[len(tr.Events)-2]
	if last.E != "release" || last.G != tr.Events[0].G {
		t.Fatalf("last event %+v, want the release of goroutine %d", last, tr.Events[0].G)
	}
	if l := tr.Sites[last.Site].Label; !strings.HasPrefix(l, "TestUnlockByAnotherGoroutineReleasesTheHolder.func1: ") {
		t.Fatalf("release site %q, want the goroutine's call", l)
	}
}

// TestStartStopRestart: each recording is a whole trace of its own (ids from 0, header, end); holds taken
// before a recording started are not released in it; Record while recording fails; Stop is idempotent.
func TestStartStopRestart(t *testing.T) {
	var a, b lockscope.Mutex
	lockscope.Name(&a, "a")
	lockscope.Name(&b, "b")
	if err := lockscope.Stop(); err != nil {
		t.Fatalf("Stop with no recording: %v", err)
	}
	b.Lock() // not recorded
	stop := record(t, "one.jsonl")
	if err := lockscope.Record(filepath.Join(t.TempDir(), "two.jsonl")); err == nil {
		t.Fatal("a second Record while recording succeeded")
	}
	a.Lock()
	b.Unlock() // its Lock was not recorded: no release
	one := stop()
	a.Unlock() // not recorded
	stop = record(t, "two.jsonl")
	b.Lock()
	a.Lock()
	a.Unlock()
	b.Unlock()
	two := stop()

	if got, want := lockEventKinds(one), []string{"a request", "a acquire"}; !eqStrings(got, want) {
		t.Errorf("first recording %v, want %v", got, want)
	}
	want := []string{"b request", "b acquire", "a request", "a acquire", "a release", "b release"}
	if got := lockEventKinds(two); !eqStrings(got, want) {
		t.Errorf("second recording %v, want %v", got, want)
	}
	if len(two.Locks) != 2 || two.Locks[0].Name != "b" || two.Locks[1].Name != "a" {
		t.Errorf("second recording's locks %v, want b then a, from id 0", two.Locks)
	}
}

func lockEventKinds(tr *tracefile.Trace) []string {
	var out []string
	for _, e := range tr.Events {
		switch e.E {
		case "request", "acquire", "release", "blocked":
			out = append(out, tr.Locks[e.Lock].Name+" "+e.E)
		}
	}
	return out
}

// TestGzipAndPlain: a path ending in .gz gets one gzip stream of the same lines.
func TestGzipAndPlain(t *testing.T) {
	run := func(name string) *tracefile.Trace {
		var m lockscope.Mutex
		lockscope.Name(&m, "m")
		stop := record(t, name)
		for i := 0; i < 100; i++ {
			m.Lock()
			m.Unlock()
		}
		return stop()
	}
	plain, gz := run("trace.jsonl"), run("trace.jsonl.gz")
	if a, b := lockEventKinds(plain), lockEventKinds(gz); len(a) != 300 || !eqStrings(a, b) {
		t.Fatalf("plain %d events, gzip %d, want the same 300", len(a), len(b))
	}
}

func TestGzipFileStartsWithTheGzipMagic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trace.jsonl.gz")
	if err := lockscope.Record(path); err != nil {
		t.Fatal(err)
	}
	if err := lockscope.Stop(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("%v, starts with % x", err, b[:2])
	}
}

func TestRecordIntoAMissingDirectoryFails(t *testing.T) {
	err := lockscope.Record(filepath.Join(t.TempDir(), "no", "such", "trace.jsonl"))
	if err == nil || !strings.HasPrefix(err.Error(), "lockscope: ") {
		t.Fatalf("err %v", err)
	}
	if err := lockscope.Stop(); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentGoroutinesKeepTheFileOrdered: many goroutines on shared locks, all methods; the checker
// refuses any time going back, an acquire without its request, or two conflicting holds at once.
func TestConcurrentGoroutinesKeepTheFileOrdered(t *testing.T) {
	var m lockscope.Mutex
	var rw lockscope.RWMutex
	lockscope.Name(&m, "m")
	lockscope.Name(&rw, "rw")
	stop := record(t, "trace.jsonl.gz")
	const goroutines, rounds = 8, 300
	var counter, acquired int64
	done := make(chan struct{})
	for g := 0; g < goroutines; g++ {
		go func(g int) {
			defer func() { done <- struct{}{} }()
			for i := 0; i < rounds; i++ {
				switch (g + i) % 5 {
				case 0:
					m.Lock()
					counter++
					m.Unlock()
					atomic.AddInt64(&acquired, 1)
				case 1:
					if m.TryLock() {
						counter++
						m.Unlock()
						atomic.AddInt64(&acquired, 1)
					}
				case 2:
					rw.RLock()
					rw.RUnlock()
					atomic.AddInt64(&acquired, 1)
				case 3:
					if rw.TryRLock() {
						rw.RUnlock()
						atomic.AddInt64(&acquired, 1)
					}
				case 4:
					rw.Lock()
					rw.Unlock()
					atomic.AddInt64(&acquired, 1)
				}
			}
		}(g)
	}
	for g := 0; g < goroutines; g++ {
		<-done
	}
	tr := stop()
	n := 0
	for _, e := range tr.Events {
		if e.E == "acquire" {
			n++
		}
	}
	if int64(n) != acquired {
		t.Fatalf("%d acquire events, %d acquisitions", n, acquired)
	}
	if len(tr.Open) > 0 {
		t.Fatalf("%d requests never acquired, the first %+v", len(tr.Open), tr.Open[0])
	}
	if len(tr.Goroutines) != goroutines {
		t.Fatalf("%d goroutines spawned, want %d", len(tr.Goroutines), goroutines)
	}
}

// TestEnvVarStartsRecording runs a subprocess with LOCKSCOPE_TRACE set: the package's init starts recording
// before any test runs.
func TestEnvVarStartsRecording(t *testing.T) {
	if os.Getenv(helperEnv) == "env" {
		var m lockscope.Mutex
		m.Lock()
		m.Unlock()
		if err := lockscope.Stop(); err != nil {
			t.Fatal(err)
		}
		return
	}
	path := filepath.Join(t.TempDir(), "env.jsonl.gz")
	out, err := subprocess("TestEnvVarStartsRecording", "env", lockscope.EnvTrace+"="+path).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	tr, err := tracefile.ReadFile(path, tracefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(lockEventKinds(tr)); got != 3 || !tr.Ended {
		t.Fatalf("%d lock events, ended %v; want 3 and the end line", got, tr.Ended)
	}
}

// TestKilledRecordingKeepsItsCompleteLines: a subprocess records a lock used every millisecond and is
// killed. Its file, plain or gzip, holds valid complete lines (a prefix of a trace, without end) and reaches
// to within a flush period of the kill.
func TestKilledRecordingKeepsItsCompleteLines(t *testing.T) {
	if os.Getenv(helperEnv) == "crash" {
		if err := lockscope.Record(os.Getenv("TRACE")); err != nil {
			t.Fatal(err)
		}
		os.Stdout.WriteString("recording\n")
		var m lockscope.Mutex
		for {
			m.Lock()
			time.Sleep(time.Millisecond)
			m.Unlock()
		}
	}
	for _, name := range []string{"crash.jsonl", "crash.jsonl.gz"} {
		path := filepath.Join(t.TempDir(), name)
		cmd := subprocess("TestKilledRecordingKeepsItsCompleteLines", "crash", "TRACE="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() && sc.Text() != "recording" {
		}
		started := time.Now()
		time.Sleep(400 * time.Millisecond)
		cmd.Process.Kill()
		ran := time.Since(started)
		cmd.Wait()

		tr, err := tracefile.ReadFile(path, tracefile.Options{AllowTruncated: true})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tr.Ended || len(tr.Events) == 0 {
			t.Fatalf("%s: %d events, ended %v", name, len(tr.Events), tr.Ended)
		}
		last := time.Duration(tr.Events[len(tr.Events)-1].T)
		// The recording started before "recording" was printed, so last is an upper bound of what it covers
		// of ran; the flush period is 50 ms; the rest is slack for a loaded machine.
		if last < ran-250*time.Millisecond {
			t.Errorf("%s: last event at %v of a recording killed after %v", name, last, ran)
		}
		t.Logf("%s: %d events, last at %v, killed after %v, truncated line: %v", name, len(tr.Events), last, ran, tr.Truncated)
	}
}

func TestCondWaitIsRecordedAtTheWaitCall(t *testing.T) {
	var m lockscope.Mutex
	c := lockscope.NewCond(&m)
	stop := record(t, "trace.jsonl")
	m.Lock()
	go func() {
		m.Lock()
		c.Signal()
		m.Unlock()
	}()
	c.Wait()
	waitLine := line() - 1
	m.Unlock()
	tr := stop()
	const fn = "TestCondWaitIsRecordedAtTheWaitCall"
	var labels []string
	for _, e := range tr.Events {
		// Not blocked: the relock may find the signalling goroutine still holding m.
		if e.G == tr.Events[0].G && e.E != "spawn" && e.E != "lock" && e.E != "blocked" {
			labels = append(labels, e.E+" "+tr.Sites[e.Site].Label)
		}
	}
	wait := label(fn, "record_test.go", waitLine)
	want := []string{"release " + wait, "request " + wait, "acquire " + wait}
	if len(labels) != 6 || !eqStrings(labels[2:5], want) {
		t.Fatalf("events %v, want the Wait's %v in the middle", labels, want)
	}
}

type guarded struct {
	lockscope.Mutex
	n int
}

func TestEmbeddedMutexThroughALockerIsRecordedAtTheCall(t *testing.T) {
	g := &guarded{}
	var l lockscope.Locker = g // calls go through the compiler's wrapper for the promoted methods
	stop := record(t, "trace.jsonl")
	l.Lock()
	g.n++
	l.Unlock()
	tr := stop()
	const fn = "TestEmbeddedMutexThroughALockerIsRecordedAtTheCall"
	unlockLine := line() - 3
	want := []string{
		"request w " + label(fn, "record_test.go", unlockLine-2),
		"acquire w " + label(fn, "record_test.go", unlockLine-2),
		"release w " + label(fn, "record_test.go", unlockLine),
	}
	if got := lockEvents(tr, 0); !eqStrings(got, want) {
		t.Fatalf("events\n%v\nwant\n%v", got, want)
	}
}
