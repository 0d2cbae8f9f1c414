package main

import (
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, json string) *Script {
	t.Helper()
	s, err := loadScript("test.json", []byte(json))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func parseError(t *testing.T, json string) string {
	t.Helper()
	_, err := loadScript("test.json", []byte(json))
	if err == nil {
		t.Fatalf("expected an error for %s", json)
	}
	return err.Error()
}

// runScript runs a script at scale 1 and returns its summary; the figures asserted below are counts, sites and
// exit states, never times (which depend on the machine).
func runScript(t *testing.T, json string) scriptSummary {
	t.Helper()
	summary, _ := newScriptRun(parse(t, json), 1).run()
	return summary
}

func TestSiteLabels(t *testing.T) {
	s := parse(t, `{"name": "n", "kind": "script", "durationMs": 10, "chans": [{"name": "ch", "cap": 2}],
	 "goroutines": [{"name": "g", "steps": [
	   {"for": "i := 0; i < 2; i++", "do": ["ch <- i"]},
	   {"select": [{"case": "v := <-ch", "do": ["sleep 1"]}, {"default": ["return"]}]},
	   "close(ch)"]}]}`)
	steps := s.Goroutines[0].Steps
	// 1 for {, 2 ch <- i, 3 }, 4 select {, 5 case v := <-ch:, 6 sleep 1, 7 default:, 8 return, 9 }, 10 close(ch)
	want := map[string]string{
		steps[0].site:                  "g #1: for i := 0; i < 2; i++ {",
		steps[0].body[0].site:          "g #2: ch <- i",
		steps[1].site:                  "g #4: select {",
		steps[1].cases[0].body[0].site: "g #6: sleep 1",
		steps[1].def[0].site:           "g #8: return",
		steps[2].site:                  "g #10: close(ch)",
	}
	for got, w := range want {
		if got != w {
			t.Errorf("site %q, want %q", got, w)
		}
	}
}

func TestLockVerbs(t *testing.T) {
	s := parse(t, `{"name": "n", "kind": "script", "durationMs": 10, "locks": [{"name": "L", "kind": "rwmutex"}],
	 "goroutines": [{"name": "g", "steps": ["rlock L", "runlock L", "L.Lock()", "unlock L"]}]}`)
	type kr struct {
		kind stepKind
		read bool
	}
	want := []kr{{stLock, true}, {stUnlock, true}, {stLock, false}, {stUnlock, false}}
	for i, st := range s.Goroutines[0].Steps {
		if (kr{st.kind, st.read}) != want[i] {
			t.Errorf("step %d: got kind %d read %v, want %v", i, st.kind, st.read, want[i])
		}
	}
}

func TestDurations(t *testing.T) {
	for text, want := range map[string]time.Duration{
		"100 * time.Millisecond": 100 * time.Millisecond,
		"1.5 * time.Second":      1500 * time.Millisecond,
		"time.Second":            time.Second,
		"30*time.Microsecond":    30 * time.Microsecond,
	} {
		got, err := duration(text)
		if err != nil || got != want {
			t.Errorf("duration(%q) = %v, %v; want %v", text, got, err, want)
		}
	}
	if _, err := duration("100"); err == nil {
		t.Error("duration(\"100\"): expected an error (a bare number is not a Go duration)")
	}
}

func TestOutsideTheSubsetIsRefusedByName(t *testing.T) {
	for json, want := range map[string]string{
		`{"name": "n", "kind": "script", "durationMs": 10, "funcs": [{"name": "f"}]}`:                                             "funcs: not supported",
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": [{"if": "true", "then": []}]}]}`: "goroutines[0].steps[0]: the Go harness runs only select and for blocks",
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["go f()"]}]}`:                   "goroutines[0].steps[0]: \"go f()\" is not in the Go harness's subset",
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["ch <- 1"]}]}`:                  "unknown chan \"ch\"",
		`{"name": "n", "kind": "script", "durationMs": 10, "lock": "fair"}`:                                                       "real Go only has go-rwmutex",
		`{"name": "n", "kind": "script", "durationMs": 10, "stepz": []}`:                                                          "unknown field \"stepz\"",
	} {
		if got := parseError(t, json); !strings.Contains(got, want) {
			t.Errorf("error %q does not say %q", got, want)
		}
	}
}

func TestHandoffSenderWaitsReceiverDoesNot(t *testing.T) {
	s := runScript(t, `{"name": "h", "kind": "script", "durationMs": 300, "chans": [{"name": "ch"}],
	 "goroutines": [{"name": "sender", "steps": ["ch <- 1"]}, {"name": "receiver", "steps": ["sleep 100", "v := <-ch"]}]}`)
	if got := s.Ops["sender"].WaitMs.Count; got != 1 {
		t.Errorf("sender waits: %d, want 1", got)
	}
	if _, ok := s.Ops["receiver"]; ok {
		t.Errorf("the receiver finds the sender waiting and does not wait: %+v", s.Ops["receiver"])
	}
	if s.Sites["sender #1: ch <- 1"].Count != 1 || s.ExitMs["sender"] == nil || s.ExitMs["receiver"] == nil {
		t.Errorf("sites %+v, exits %v", s.Sites, s.ExitMs)
	}
}

func TestSelectTimerWinsAndLateSenderEndsBlocked(t *testing.T) {
	s := runScript(t, `{"name": "s", "kind": "script", "durationMs": 300, "chans": [{"name": "ch"}],
	 "goroutines": [
	   {"name": "waiter", "steps": [{"select": [{"case": "v := <-ch", "do": ["return"]},
	                                            {"case": "<-time.After(30 * time.Millisecond)"}]},
	                                "<-ch"]},
	   {"name": "feeder", "steps": ["sleep 80", "ch <- 1", "ch <- 2"]}]}`)
	// The timer case wins; then the waiter's receive takes the feeder's first value, and the second send
	// blocks to the end.
	if s.Sites["waiter #1: select {"].Count != 1 || s.BlockedAtEnd["feeder"] != "feeder #3: ch <- 2" {
		t.Errorf("sites %+v, blocked %v", s.Sites, s.BlockedAtEnd)
	}
	if s.Ops["feeder"].WaitingAtEnd != 1 || s.ExitMs["feeder"] != nil || s.ExitMs["waiter"] == nil {
		t.Errorf("ops %+v, exits %v", s.Ops, s.ExitMs)
	}
}

func TestWaitGroupWaitAtZeroIsNoWait(t *testing.T) {
	s := runScript(t, `{"name": "w", "kind": "script", "durationMs": 300, "waitgroups": [{"name": "wg"}],
	 "goroutines": [{"name": "main", "steps": ["wg.Add(1)", "wg.Done()", "wg.Wait()", "wg.Add(2)", "wg.Wait()"]},
	                {"name": "w", "steps": ["sleep 20", "wg.Done()", "wg.Done()"]}]}`)
	if got := s.Ops["main"].WaitMs.Count; got != 1 || s.Sites["main #5: wg.Wait()"].Count != 1 {
		t.Errorf("main waits %d (want 1: only the second Wait blocks), sites %+v", got, s.Sites)
	}
}

func TestCondWaitRecordsTheWaitTheRelockAndBothHolds(t *testing.T) {
	s := runScript(t, `{"name": "c", "kind": "script", "durationMs": 300, "locks": [{"name": "mu", "kind": "mutex"}],
	 "conds": [{"name": "c", "lock": "mu"}],
	 "goroutines": [{"name": "waiter", "steps": ["mu.Lock()", "c.Wait()", "mu.Unlock()"]},
	                {"name": "signaller", "steps": ["sleep 20", "mu.Lock()", "c.Signal()", "mu.Unlock()"]}]}`)
	w := s.Ops["waiter"]
	// Lock (1) + the Cond wait (1) + the relock (1); the hold before the Wait and the one after it.
	if w.WaitMs.Count != 3 || w.HoldMs.Count != 2 || w.WaitingAtEnd != 0 || w.HoldingAtEnd != 0 {
		t.Errorf("waiter %+v", w)
	}
	if s.Sites["waiter #2: c.Wait()"].Count != 2 {
		t.Errorf("sites %+v", s.Sites)
	}
}

func TestUnlockOfUnlockedMutexPanicsTheGoroutineOnly(t *testing.T) {
	s := runScript(t, `{"name": "u", "kind": "script", "durationMs": 100, "locks": [{"name": "mu", "kind": "mutex"}],
	 "chans": [{"name": "ch", "cap": 1}],
	 "goroutines": [{"name": "bad", "steps": ["unlock mu", "sleep 1"]}, {"name": "good", "steps": ["close(ch)", "ch <- 1"]}]}`)
	if len(s.Panics) != 2 || !strings.Contains(strings.Join(s.Panics, "\n"), "sync: unlock of unlocked mutex") ||
		!strings.Contains(strings.Join(s.Panics, "\n"), "send on closed channel") {
		t.Errorf("panics %q", s.Panics)
	}
	if s.ExitMs["bad"] == nil || s.ExitMs["good"] == nil {
		t.Errorf("both goroutines exit: %v", s.ExitMs)
	}
}

func TestLoopsAndRangeRunToTheEnd(t *testing.T) {
	s := runScript(t, `{"name": "l", "kind": "script", "durationMs": 300, "chans": [{"name": "ch"}, {"name": "out", "cap": 3}],
	 "consts": {"n": 3},
	 "goroutines": [{"name": "producer", "steps": [{"for": "i := 0; i < n; i++", "do": ["ch <- i"]}, "close(ch)"]},
	                {"name": "consumer", "steps": ["sleep 10", {"for": "v := range ch", "do": ["out <- v"]},
	                                               "<-out", "<-out", "<-out", "<-out"]}]}`)
	// Three values pass, range ends on the close, the fourth receive from out blocks.
	if s.ExitMs["producer"] == nil || s.BlockedAtEnd["consumer"] != "consumer #8: <-out" {
		t.Errorf("exits %v, blocked %v", s.ExitMs, s.BlockedAtEnd)
	}
}
