package lockscope_test

import (
	"bytes"
	"os"
	"testing"

	lockscope "lockscope.dev/tracker"
)

// bothWays runs f without a recording and while recording (the trace is checked when the recording stops).
func bothWays(t *testing.T, f func(t *testing.T)) {
	t.Run("not recording", f)
	t.Run("recording", func(t *testing.T) {
		stop := record(t, "trace.jsonl")
		f(t)
		stop()
	})
}

func TestZeroValueMutex(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var m lockscope.Mutex
		m.Lock()
		m.Unlock()
		m.Lock()
		m.Unlock()
	})
}

func TestZeroValueRWMutex(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var rw lockscope.RWMutex
		rw.Lock()
		rw.Unlock()
		rw.RLock()
		rw.RLock()
		rw.RUnlock()
		rw.RUnlock()
	})
}

func TestMutexTryLock(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var m lockscope.Mutex
		if !m.TryLock() {
			t.Fatal("TryLock of an unlocked Mutex failed")
		}
		if m.TryLock() {
			t.Fatal("TryLock of a locked Mutex succeeded")
		}
		m.Unlock()
		if !m.TryLock() {
			t.Fatal("TryLock after Unlock failed")
		}
		m.Unlock()
	})
}

func TestRWMutexTryLockAndTryRLock(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var rw lockscope.RWMutex
		if !rw.TryRLock() || !rw.TryRLock() {
			t.Fatal("TryRLock of a read-locked RWMutex failed")
		}
		if rw.TryLock() {
			t.Fatal("TryLock of a read-locked RWMutex succeeded")
		}
		rw.RUnlock()
		rw.RUnlock()
		if !rw.TryLock() {
			t.Fatal("TryLock of an unlocked RWMutex failed")
		}
		if rw.TryRLock() || rw.TryLock() {
			t.Fatal("TryRLock or TryLock of a write-locked RWMutex succeeded")
		}
		rw.Unlock()
	})
}

func TestTryRLockFailsWhileAWriterWaits(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var rw lockscope.RWMutex
		rw.RLock()
		locked := make(chan struct{})
		go func() {
			rw.Lock() // waits for the reader, and keeps new readers out meanwhile
			rw.Unlock()
			close(locked)
		}()
		for rw.TryRLock() { // succeeds until the writer is waiting
			rw.RUnlock()
		}
		rw.RUnlock()
		<-locked
	})
}

func TestRLocker(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		var rw lockscope.RWMutex
		l := rw.RLocker()
		l.Lock()
		if !rw.TryRLock() {
			t.Fatal("RLocker().Lock did not read-lock: TryRLock failed")
		}
		rw.RUnlock()
		if rw.TryLock() {
			t.Fatal("RLocker().Lock did not read-lock: TryLock succeeded")
		}
		l.Unlock()
		if !rw.TryLock() {
			t.Fatal("RLocker().Unlock did not read-unlock")
		}
		rw.Unlock()
	})
}

func TestMutexIsASyncLocker(t *testing.T) {
	var _ lockscope.Locker = &lockscope.Mutex{}
	var _ lockscope.Locker = &lockscope.RWMutex{}
	var m lockscope.Mutex
	c := lockscope.NewCond(&m)
	done := make(chan struct{})
	m.Lock()
	go func() {
		m.Lock()
		c.Signal()
		m.Unlock()
		close(done)
	}()
	c.Wait()
	m.Unlock()
	<-done
}

func TestNotRecordingDoesNotAllocate(t *testing.T) {
	var m lockscope.Mutex
	var rw lockscope.RWMutex
	allocs := testing.AllocsPerRun(1000, func() {
		m.Lock()
		m.Unlock()
		rw.RLock()
		rw.RUnlock()
		rw.Lock()
		rw.Unlock()
		if m.TryLock() {
			m.Unlock()
		}
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per lock round while not recording, want 0", allocs)
	}
}

// TestUnlockOfUnlockedIsSyncsFatalError runs each misuse in a subprocess: sync reports it with fatal (sync/
// mutex.go unlockSlow, sync/rwmutex.go RUnlock and Unlock), which ends the program and cannot be recovered.
func TestUnlockOfUnlockedIsSyncsFatalError(t *testing.T) {
	if role := os.Getenv(helperEnv); role != "" {
		if os.Getenv("RECORD") != "" {
			if err := lockscope.Record(os.Getenv("RECORD")); err != nil {
				t.Fatal(err)
			}
		}
		var m lockscope.Mutex
		var rw lockscope.RWMutex
		switch role {
		case "Mutex.Unlock":
			m.Unlock()
		case "RWMutex.Unlock":
			rw.Unlock()
		case "RWMutex.RUnlock":
			rw.RUnlock()
		}
		t.Fatal("no fatal error")
	}
	for role, want := range map[string]string{
		"Mutex.Unlock":    "fatal error: sync: unlock of unlocked mutex",
		"RWMutex.Unlock":  "fatal error: sync: Unlock of unlocked RWMutex",
		"RWMutex.RUnlock": "fatal error: sync: RUnlock of unlocked RWMutex",
	} {
		for _, recording := range []bool{false, true} {
			env := ""
			if recording {
				env = "RECORD=" + t.TempDir() + "/trace.jsonl"
			}
			out, err := subprocess("TestUnlockOfUnlockedIsSyncsFatalError", role, env).CombinedOutput()
			if err == nil || !bytes.Contains(out, []byte(want)) {
				t.Errorf("%s (recording %v): err %v, output:\n%s\nwant %q", role, recording, err, out, want)
			}
		}
	}
}
