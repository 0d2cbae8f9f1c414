package lockscope_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	lockscope "lockscope.dev/tracker"
	"lockscope.dev/tracker/internal/tracefile"
)

// record starts a recording into a new file named name in a temporary directory and returns a function that
// stops it and reads the trace back, failing the test on any broken rule.
func record(t *testing.T, name string) (stop func() *tracefile.Trace) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := lockscope.Record(path); err != nil {
		t.Fatal(err)
	}
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			lockscope.Stop()
		}
	})
	return func() *tracefile.Trace {
		t.Helper()
		stopped = true
		if err := lockscope.Stop(); err != nil {
			t.Fatal(err)
		}
		tr, err := tracefile.ReadFile(path, tracefile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !tr.Ended {
			t.Fatal("no end line")
		}
		return tr
	}
}

// line returns the line of its caller, for checking site labels.
func line() int {
	_, _, n, _ := runtime.Caller(1)
	return n
}

// label is the site label of a call at line n of this package's file.
func label(fn, file string, n int) string {
	return fn + ": " + file + ":" + strconv.Itoa(n)
}

// lockEvents returns the request, acquire, release and blocked events of lock id, as "e mode label" strings
// ("blocked" without mode and label).
func lockEvents(tr *tracefile.Trace, id int) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Lock != id {
			continue
		}
		switch e.E {
		case "request", "acquire", "release":
			out = append(out, e.E+" "+e.Mode+" "+tr.Sites[e.Site].Label)
		case "blocked":
			out = append(out, "blocked")
		}
	}
	return out
}

// story returns the request, acquire, release and blocked events of lock id by the goroutines named in names,
// as "name e mode" strings, blocked as "name blocked [name ...]" (ids without a name as numbers).
func story(tr *tracefile.Trace, id int, names map[int64]string) []string {
	name := func(g int64) string {
		if n, ok := names[g]; ok {
			return n
		}
		return strconv.FormatInt(g, 10)
	}
	var out []string
	for _, e := range tr.Events {
		if e.Lock != id || names[e.G] == "" {
			continue
		}
		switch e.E {
		case "request", "acquire", "release":
			out = append(out, name(e.G)+" "+e.E+" "+e.Mode)
		case "blocked":
			by := make([]string, len(e.By))
			for i, g := range e.By {
				by[i] = name(g)
			}
			out = append(out, name(e.G)+" blocked ["+strings.Join(by, " ")+"]")
		}
	}
	return out
}

// waitBlocked waits until n goroutines are blocked in l's Lock or RLock, as the recorder knows them (each
// has written its blocked event).
func waitBlocked(t *testing.T, l lockscope.Tracked, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); lockscope.BlockedOn(l) != n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines blocked, want %d", lockscope.BlockedOn(l), n)
		}
	}
}

// lockID returns the id of the lock named name.
func lockID(t *testing.T, tr *tracefile.Trace, name string) int {
	t.Helper()
	for i, l := range tr.Locks {
		if l.Name == name {
			return i
		}
	}
	t.Fatalf("no lock named %q in %v", name, tr.Locks)
	return -1
}

// helperEnv is set in the environment of a test binary run as a subprocess, naming what it is to do.
const helperEnv = "LOCKSCOPE_TEST_HELPER"

// subprocess runs this test binary's test named test with helperEnv=role and the extra environment.
func subprocess(test, role string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.v")
	cmd.Env = append(append(os.Environ(), helperEnv+"="+role), env...)
	return cmd
}

func eqStrings(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}
