package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The expectations below are worked out by hand from the scripts and Go's semantics; they are counts, sites,
// names, exit states and panics, never times (which depend on the machine). A check that a script computed the
// right values is written into the script itself: on a wrong value it receives from a nil channel, so the
// goroutine is blocked at the end at a known site.

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

func runScript(t *testing.T, json string) scriptSummary {
	t.Helper()
	summary, _ := newScriptRun(parse(t, json), 1).run()
	return summary
}

func site(s stmt) string { return s.where().site }

func TestSiteLabelsFollowLockscopesListing(t *testing.T) {
	s := parse(t, `{"name": "n", "kind": "script", "durationMs": 10, "chans": [{"name": "ch", "cap": 2}],
	 "goroutines": [{"name": "g", "steps": [
	   {"for": "i := 0; i < 2; i++", "do": ["ch <- i"]},
	   {"select": [{"default": ["return"]}, {"case": "v := <-ch", "do": ["sleep 1"]}]},
	   {"if": "len(ch) > 0", "then": ["<-ch"], "else": ["sleep 1"]},
	   {"go": ["ch <- 1", {"go": ["close(ch)"]}]},
	   {"defer": ["sleep 1"]},
	   "close(ch)"]}]}`)
	steps := s.Goroutines[0].Steps
	// 1 for {, 2 ch <- i, 3 }, 4 select {, 5 case v := <-ch:, 6 sleep 1, 7 default: (after every case), 8 return,
	// 9 }, 10 if {, 11 <-ch, 12 } else {, 13 sleep 1, 14 }, 15 go func() {, 16 ch <- 1, 17 go func() {,
	// 18 close(ch), 19 }(), 20 }(), 21 defer func() {, 22 sleep 1, 23 }(), 24 close(ch)
	sel := steps[1].(*sSelect)
	inner := steps[3].(*sGoBlock)
	nested := inner.body[1].(*sGoBlock)
	want := []struct{ got, want string }{
		{site(steps[0]), "g #1: for i := 0; i < 2; i++ {"},
		{site(steps[0].(*sFor).body[0]), "g #2: ch <- i"},
		{site(sel), "g #4: select {"},
		{sel.cases[0].site, "g #5: case v := <-ch:"},
		{site(sel.cases[0].body[0]), "g #6: sleep 1"},
		{site(sel.def[0]), "g #8: return"},
		{site(steps[2]), "g #10: if len(ch) > 0 {"},
		{site(steps[2].(*sIf).els[0]), "g #13: sleep 1"},
		{site(inner.body[0]), "g #16: ch <- 1"},
		{site(nested.body[0]), "g #18: close(ch)"},
		{site(steps[4].(*sDeferBlock).body[0]), "g #22: sleep 1"},
		{site(steps[5]), "g #24: close(ch)"},
		// Operations: the function a step is written in; closures are named as Go names func literals.
		{inner.fn, "g.func1"},
		{nested.fn, "g.func1.func1"},
		{steps[4].(*sDeferBlock).fn, "g.func2"},
		{inner.body[0].where().op, "g.func1"},
		{steps[5].where().op, "g"},
	}
	for _, w := range want {
		if w.got != w.want {
			t.Errorf("got %q, want %q", w.got, w.want)
		}
	}
}

func TestFunctionsHaveTheirOwnListing(t *testing.T) {
	s := parse(t, `{"name": "n", "kind": "script", "durationMs": 10,
	 "funcs": [{"name": "worker", "params": ["ch chan int", "n int"], "steps": ["sleep 1", "ch <- n"]}],
	 "goroutines": [{"name": "main", "steps": ["ch := make(chan int, 1)", "go worker(ch, 2)", "<-ch"]}]}`)
	body := s.Funcs["worker"].body
	if site(body[1]) != "worker #2: ch <- n" || body[1].where().op != "worker" || site(s.Goroutines[0].Steps[2]) != "main #3: <-ch" {
		t.Errorf("sites %q, %q", site(body[1]), site(s.Goroutines[0].Steps[2]))
	}
}

func TestMistakesNameTheFileLineAndField(t *testing.T) {
	for json, want := range map[string]string{
		"{\"name\": \"n\", \"kind\": \"script\",\n \"durationMs\": 10, \"stepz\": []}": `test.json:2: stepz: unknown field "stepz" (expected one of name, kind, seed, durationMs, lock, detector, locks, chans, waitgroups, conds, onces, contexts, consts, funcs, goroutines, events)`,
		"{\"name\": \"n\", \"kind\": \"script\", \"durationMs\": 10, \"locks\": [{\"name\": \"A\", \"kind\": \"mutex\"}],\n \"goroutines\": [{\"name\": \"g\", \"steps\": [\n \"lock A\", \"unlock C\"]}]}": `test.json:3: goroutines[0].steps[1]: unknown lock "C" (declared: A)`,
		"{\"name\": \"n\", \"kind\": \"script\", \"durationMs\": 10, \"waitgroups\": [{\"name\": \"wg\"}],\n \"funcs\": [{\"name\": \"f\", \"params\": [\"ch chan int\"], \"steps\": [\"ch.Wait()\"]}]}":    `test.json:2: funcs[0].steps[0]: ch is a chan int, not a WaitGroup or Cond (declared: wg)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": [{"if": "1", "then": []}]}]}`:                                                                              `test.json:1: goroutines[0].steps[0].if: expected bool for the condition, got 1 (int)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["x := 1", "x = \"a\""]}]}`:                                                                                `goroutines[0].steps[1]: cannot use a string as int in assignment to x`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["go f()"]}]}`:                                                                                             `goroutines[0].steps[0]: unknown function "f" (declared: none)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": [{"while": "true"}]}]}`:                                                                                    `goroutines[0].steps[0]: expected a block with one of for, if, select, go, defer`,
		`{"name": "n", "kind": "script", "durationMs": 10, "locks": [{"name": "A", "kind": "mutex"}], "goroutines": [{"name": "g", "steps": ["unlock A"]}]}`:                                                `"unlock A" releases A but g does not hold it at that step (expected an earlier "lock A")`,
		`{"name": "n", "kind": "script", "durationMs": 10, "lock": "fair"}`:                                                                                                                                 `test.json:1: lock: "fair" cannot run for real: real Go only has go-rwmutex`,
		`{"name": "n", "kind": "script", "durationMs": 0.0000001}`:                                                                                                                                          `durationMs: expected a whole number of nanoseconds`,
		"{\"name\": \"n\",\n \"kind\": \"script\",}":                                                                                                                               `test.json:2:19: unexpected "}": expected a field name (JSON allows no comma before "}")`,
		`{"name": "n", "kind": "script", "durationMs": 100 "goroutines": []}`:                                                                                                      `test.json:1:51: unexpected '"': expected "," or "}" after the value of "durationMs"`,
		`{"name": "n", "kind": "script", "durationMs": 10, "consts": {"k": 1.5}}`:                                                                                                  `test.json:1: consts.k: expected an integer, got 1.5`,
		`{"name": "n", "kind": "script", "durationMs": 10, "chans": [{"name": "c", "cap": -1}]}`:                                                                                   `test.json:1: chans[0].cap: expected an integer >= 0, got -1`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": [{"for": "", "do": [{"go": ["break"]}]}]}]}`:                                      `goroutines[0].steps[0].do[0].go[0]: break is not in a loop or select (of this function: a go or defer block is a function of its own)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "chans": [{"name": "c"}], "goroutines": [{"name": "g", "steps": [{"select": [{"case": "<-c", "do": ["continue"]}]}]}]}`: `goroutines[0].steps[0].select[0].do[0]: continue is not in a loop`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": [{"for": "1", "do": []}]}]}`:                                                      `goroutines[0].steps[0].for: expected bool for the loop's condition, got 1 (int)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "chans": [{"name": "ch"}], "goroutines": [{"name": "g", "steps": ["ch = nil"]}]}`:                                       `goroutines[0].steps[0]: cannot assign to ch (a channel of the script's declarations; a local copy can be set to nil: ch := make(...) in a step, or a parameter)`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["tk := time.NewTicker(time.Second)", "ok := tk.Stop()"]}]}`:                      `goroutines[0].steps[1]: tk.Stop() (no value) used as value: a ticker's Stop and Reset return nothing`,
		`{"name": "n", "kind": "script", "durationMs": 10, "goroutines": [{"name": "g", "steps": ["tk := time.NewTicker(time.Second)", "tk.Reset(0 * time.Second)"]}]}`:            `goroutines[0].steps[1]: non-positive interval for Ticker.Reset`,
	} {
		if got := parseError(t, json); !strings.Contains(got, want) {
			t.Errorf("error\n  %s\ndoes not say\n  %s", got, want)
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

// The format's "leak" example: main gives up after 100 ms, the worker's send at 200 ms blocks for good.
func TestLeakedSenderIsBlockedAtTheEnd(t *testing.T) {
	s := runScript(t, `{"name": "leak", "kind": "script", "durationMs": 300,
	 "funcs": [{"name": "worker", "params": ["ch chan int"],
	            "steps": ["time.Sleep(200 * time.Millisecond)", "ch <- 1"]}],
	 "goroutines": [{"name": "main", "steps": [
	    "ch := make(chan int)",
	    "go worker(ch)",
	    {"select": [{"case": "v := <-ch"},
	                {"case": "<-time.After(100 * time.Millisecond)", "do": ["return"]}]}]}]}`)
	if s.BlockedAtEnd["worker#1"] != "worker #2: ch <- 1" || s.BlockedOn["worker#1"] != "chan-send" || s.ExitMs["main"] == nil {
		t.Errorf("blocked %v on %v, exits %v", s.BlockedAtEnd, s.BlockedOn, s.ExitMs)
	}
	if s.Ops["main"].WaitMs.Count != 1 || s.Ops["worker"].WaitingAtEnd != 1 || s.Goroutines.Total != 2 {
		t.Errorf("ops %+v, goroutines %+v", s.Ops, s.Goroutines)
	}
}

// Every value check is in the script: a wrong value blocks on the nil channel "never" at a known site.
const checks = `"chans": [{"name": "never", "nil": true}, {"name": "out", "cap": 10}]`

func noneBlocked(t *testing.T, s scriptSummary) {
	t.Helper()
	if len(s.BlockedAtEnd) != 0 || len(s.Panics) != 0 {
		t.Errorf("blocked at the end: %v; panics %q", s.BlockedAtEnd, s.Panics)
	}
}

func TestValuesScopesLoopsAndBranches(t *testing.T) {
	s := runScript(t, `{"name": "v", "kind": "script", "durationMs": 300, `+checks+`, "consts": {"n": 3, "who": "x"},
	 "goroutines": [{"name": "main", "steps": [
	   "sum := 0",
	   {"for": "i := 1; i <= n; i++", "do": ["out <- i", "sum = sum + i * 2"]},
	   {"if": "sum != 12 || len(out) != 3 || cap(out) != 10", "then": ["<-never"]},
	   "x := 1",
	   {"if": "true", "then": ["x := 5", "x++"]},
	   {"if": "x != 1", "then": ["<-never"]},
	   {"for": "i := 3; i > 0; i--", "do": ["v := <-out", "x = x + v"]},
	   {"if": "x != 7 || !(who == \"x\") || who + \"y\" != \"xy\"", "then": ["<-never"]},
	   "close(out)",
	   "v, ok := <-out",
	   {"if": "ok || v != 0", "then": ["<-never"]}]}]}`)
	noneBlocked(t, s)
}

// continue and break in counted, condition and forever loops; a break in a select case leaves the select only.
func TestBreakContinueAndConditionLoops(t *testing.T) {
	s := runScript(t, `{"name": "b", "kind": "script", "durationMs": 300, `+checks+`,
	 "goroutines": [{"name": "main", "steps": [
	   "sum := 0",
	   {"for": "i := 0; i < 10; i++", "do": [
	     {"if": "i == 1", "then": ["continue"]},
	     {"if": "i == 4", "then": ["break"]},
	     "sum = sum + i"]},
	   {"if": "sum != 5", "then": ["<-never"]},
	   "n := 0",
	   {"for": "n < 3", "do": ["n++"]},
	   {"if": "n != 3", "then": ["<-never"]},
	   "passes := 0",
	   "reached := 0",
	   {"for": "", "do": [
	     "passes++",
	     {"select": [{"case": "out <- passes", "do": [{"if": "passes < 3", "then": ["break"]}, "reached++"]},
	                 {"default": ["<-never"]}]},
	     {"if": "passes == 3", "then": ["break"]}]},
	   {"if": "passes != 3 || reached != 1 || len(out) != 3", "then": ["<-never"]}]}]}`)
	noneBlocked(t, s)
}

// ch = nil switches a select's case off; ch == nil and ch != nil test it.
func TestANilChannelSwitchesOffItsSelectCase(t *testing.T) {
	s := runScript(t, `{"name": "n", "kind": "script", "durationMs": 300, `+checks+`,
	 "funcs": [{"name": "merge", "params": ["a chan int", "b chan int"], "steps": [
	   "sum := 0",
	   {"for": "a != nil || b != nil", "do": [
	     {"select": [
	       {"case": "v, ok := <-a", "do": [{"if": "!ok", "then": ["a = nil", "continue"]}, "sum = sum + v"]},
	       {"case": "v, ok := <-b", "do": [{"if": "!ok", "then": ["b = nil", "continue"]}, "sum = sum + v"]}]}]},
	   {"if": "sum != 6 || a != nil || !(b == nil)", "then": ["<-never"]}]}],
	 "goroutines": [{"name": "main", "steps": [
	   "a := make(chan int)", "b := make(chan int)", "go merge(a, b)",
	   "a <- 1", "b <- 2", "close(a)", "b <- 3", "close(b)"]}]}`)
	noneBlocked(t, s)
	if s.ExitMs["merge#1"] == nil {
		t.Errorf("merge did not end: exits %v", s.ExitMs)
	}
}

// Stop's and Reset's results say whether the timer was pending (time/sleep.go); a ticker's Reset changes its period.
func TestStopAndResetSayWhetherTheTimerWasPending(t *testing.T) {
	s := runScript(t, `{"name": "r", "kind": "script", "durationMs": 300, `+checks+`,
	 "goroutines": [{"name": "main", "steps": [
	   "t := time.NewTimer(10 * time.Millisecond)",
	   "sleep 20",
	   "stopped := t.Stop()",
	   {"if": "stopped", "then": ["<-never"]},
	   "<-t.C",
	   "t.Reset(30 * time.Millisecond)",
	   "<-t.C",
	   "active := t.Reset(5 * time.Millisecond)",
	   {"if": "active", "then": ["<-never"]},
	   "stopped = t.Stop()",
	   {"if": "!stopped", "then": ["<-never"]},
	   "tk := time.NewTicker(10 * time.Millisecond)",
	   "<-tk.C",
	   "tk.Reset(3 * time.Millisecond)",
	   "<-tk.C", "<-tk.C",
	   "tk.Stop()"]}]}`)
	noneBlocked(t, s)
}

// A range takes its channel once: setting the variable to nil in the body does not stop it draining the channel.
func TestARangeTakesItsChannelOnce(t *testing.T) {
	s := runScript(t, `{"name": "r", "kind": "script", "durationMs": 300, `+checks+`,
	 "goroutines": [{"name": "main", "steps": [
	   "ch := make(chan int, 3)", "ch <- 1", "ch <- 2", "close(ch)",
	   "n := 0",
	   {"for": "v := range ch", "do": ["n = n + v", "ch = nil"]},
	   {"if": "n != 3 || ch != nil", "then": ["<-never"]}]}]}`)
	noneBlocked(t, s)
}

func TestRangeLoopReturnAndFunctions(t *testing.T) {
	s := runScript(t, `{"name": "r", "kind": "script", "durationMs": 300, `+checks+`,
	 "funcs": [{"name": "first", "params": ["ch <-chan int"], "steps": [
	             {"for": "v := range ch", "do": [{"if": "v == 2", "then": ["out <- v", "return"]}]},
	             "out <- -1"]},
	           {"name": "fill", "params": ["ch chan<- int", "k int"], "steps": [
	             {"for": "i := 0; i < k; i++", "do": ["ch <- i"]}, "close(ch)"]}],
	 "goroutines": [{"name": "main", "steps": [
	   "ch := make(chan int)", "go fill(ch, 4)", "first(ch)", "v := <-out",
	   {"if": "v != 2", "then": ["<-never"]},
	   "<-ch",
	   {"for": "range ch", "do": []}]}]}`)
	// first returns at 2 (from inside the loop), main takes 3, the range drains nothing more and ends on close.
	noneBlocked(t, s)
	if s.ExitMs["fill#1"] == nil || s.Goroutines.Total != 2 {
		t.Errorf("exits %v", s.ExitMs)
	}
}

func TestDefersRunLastFirstWithArgumentsTakenAtTheDefer(t *testing.T) {
	s := runScript(t, `{"name": "d", "kind": "script", "durationMs": 300, `+checks+`,
	 "funcs": [{"name": "push", "params": ["n int"], "steps": ["out <- n"]},
	           {"name": "f", "steps": ["x := 1", "defer push(x)", "x = 5",
	                                   {"defer": ["push(x)"]}, "x = 9", "return", "push(100)"]}],
	 "goroutines": [{"name": "main", "steps": [
	   "f()", "a := <-out", "b := <-out",
	   {"if": "a != 9 || b != 1 || len(out) != 0", "then": ["<-never"]}]}]}`)
	// The closure sees x at the return (9); the deferred call took x at its defer (1); the closure ran first.
	noneBlocked(t, s)
}

func TestClosuresShareVariablesAndGoroutinesAreNamedAsInLockscope(t *testing.T) {
	s := runScript(t, `{"name": "c", "kind": "script", "durationMs": 300, `+checks+`, "waitgroups": [{"name": "wg"}],
	 "funcs": [{"name": "work", "params": ["wg *sync.WaitGroup"], "steps": ["defer wg.Done()", "sleep 5"]}],
	 "goroutines": [{"name": "main", "steps": [
	   "x := 1", "done := make(chan bool)",
	   {"go": ["x = 2", "done <- true"]},
	   "<-done",
	   {"if": "x != 2", "then": ["<-never"]},
	   "wg.Add(2)", "go work(&wg)", "go work(wg)", "wg.Wait()",
	   {"if": "true", "then": [
	     {"go": ["<-done", {"if": "x != 2", "then": ["<-never"]}, "out <- x"]},
	     "x := 5", "done <- true", "v := <-out",
	     {"if": "v != 2", "then": ["<-never"]}]}]}]}`)
	// The second closure names the outer x; the x the if block declares after it is another variable.
	noneBlocked(t, s)
	for _, name := range []string{"main", "main.func1#1", "main.func2#1", "work#1", "work#2"} {
		if s.ExitMs[name] == nil {
			t.Errorf("%s did not exit: %v", name, s.ExitMs)
		}
	}
	if s.Sites["main #14: wg.Wait()"].Count != 1 {
		t.Errorf("the Wait blocks until both workers are done: %+v", s.Sites)
	}
}

func TestPanicsRunDeferredCallsAndEndOnlyTheGoroutine(t *testing.T) {
	s := runScript(t, `{"name": "p", "kind": "script", "durationMs": 300, "waitgroups": [{"name": "wg"}],
	 "locks": [{"name": "mu", "kind": "mutex"}], "chans": [{"name": "ch", "cap": 1}, {"name": "nilch", "nil": true}],
	 "funcs": [{"name": "sendClosed", "steps": ["defer wg.Done()", "close(ch)", "ch <- 1", "sleep 1000"]},
	           {"name": "badUnlock", "steps": ["defer wg.Done()", {"if": "true", "then": ["mu.Unlock()"]}]},
	           {"name": "closeNil", "steps": ["defer wg.Done()", "close(nilch)"]},
	           {"name": "negative", "steps": ["defer wg.Done()", "var w sync.WaitGroup", "w.Done()"]}],
	 "goroutines": [{"name": "main", "steps": [
	   "wg.Add(4)", "go sendClosed()", "go badUnlock()", "go closeNil()", "go negative()", "wg.Wait()"]}]}`)
	all := strings.Join(s.Panics, "\n")
	for _, msg := range []string{"sendClosed#1 at", "send on closed channel", "sync: unlock of unlocked mutex",
		"close of nil channel", "sync: negative WaitGroup counter"} {
		if !strings.Contains(all, msg) {
			t.Errorf("panics %q do not say %q", s.Panics, msg)
		}
	}
	if len(s.Panics) != 4 || s.ExitMs["main"] == nil || len(s.BlockedAtEnd) != 0 {
		t.Errorf("every deferred wg.Done ran, so main's Wait returned: exits %v, blocked %v", s.ExitMs, s.BlockedAtEnd)
	}
}

func TestGuardsAgainstEndlessLoopsAndRecursion(t *testing.T) {
	sc := parse(t, `{"name": "g", "kind": "script", "durationMs": 2000,
	 "funcs": [{"name": "down", "params": ["n int"], "steps": ["sleep 0", "down(n + 1)"]}],
	 "goroutines": [{"name": "spin", "steps": ["x := 0", {"for": "", "do": ["x++"]}]},
	                {"name": "deep", "steps": ["down(0)"]},
	                {"name": "fine", "steps": [{"for": "i := 0; i < 500; i++", "do": ["sleep 0"]}]}]}`)
	r := newScriptRun(sc, 1)
	r.budget = 1000
	s, _ := r.run()
	all := strings.Join(s.Panics, "\n")
	if !strings.Contains(all, "spin at") || !strings.Contains(all, "steps without blocking") ||
		!strings.Contains(all, "deep at") || !strings.Contains(all, "goroutine stack exceeds its limit") || len(s.Panics) != 2 {
		t.Errorf("panics %q (fine's sleeps count as blocking steps: it must not panic)", s.Panics)
	}
}

func TestSelectWithDefaultNeverWaits(t *testing.T) {
	s := runScript(t, `{"name": "s", "kind": "script", "durationMs": 300, `+checks+`,
	 "goroutines": [{"name": "main", "steps": [
	   "n := 0",
	   {"for": "i := 0; i < 3; i++", "do": [{"select": [{"case": "<-never"}, {"case": "out <- i"}, {"default": ["n++"]}]}]},
	   {"if": "n != 0 || len(out) != 3", "then": ["<-never"]},
	   {"select": [{"case": "<-never"}, {"default": ["n++"]}]},
	   {"if": "n != 1", "then": ["<-never"]}]}]}`)
	noneBlocked(t, s)
	if _, ok := s.Ops["main"]; ok {
		t.Errorf("no select blocked: %+v", s.Ops["main"])
	}
}

func TestCondOnceAndContextsTheFormatsSyncExample(t *testing.T) {
	s := runScript(t, `{"name": "sync", "kind": "script", "durationMs": 1000,
	 "locks": [{"name": "mu", "kind": "mutex"}], "conds": [{"name": "ready", "lock": "mu"}],
	 "onces": [{"name": "once"}], "contexts": [{"name": "ctx", "timeoutMs": 400}],
	 "funcs": [{"name": "setup", "steps": ["sleep 10"]}],
	 "goroutines": [
	   {"name": "waiter", "steps": ["once.Do(setup)", "mu.Lock()", "ready.Wait()", "mu.Unlock()"]},
	   {"name": "signaller", "startMs": 50, "steps": [
	     "once.Do(setup)",
	     {"defer": ["cancel()"]},
	     {"go": ["mu.Lock()", "ready.Broadcast()", "mu.Unlock()"]},
	     "<-ctx.Done()"]}]}`)
	if len(s.BlockedAtEnd) != 0 || len(s.Panics) != 0 || s.ExitMs["signaller.func2#1"] == nil {
		t.Errorf("blocked %v, panics %q, exits %v", s.BlockedAtEnd, s.Panics, s.ExitMs)
	}
	// waiter: its Lock (0), the Cond wait and the relock; signaller: the context wait (the timeout at 400).
	if s.Sites["waiter #3: ready.Wait()"].Count != 2 || s.Sites["signaller #10: <-ctx.Done()"].Count != 1 {
		t.Errorf("sites %+v", s.Sites)
	}
	if s.Ops["setup"].WaitMs.Count != 0 {
		t.Errorf("setup has no waits of its own: %+v", s.Ops)
	}
}

func TestOnceDoWaitsWhileTheFunctionRuns(t *testing.T) {
	s := runScript(t, `{"name": "o", "kind": "script", "durationMs": 500, "onces": [{"name": "once"}],
	 "funcs": [{"name": "slow", "steps": ["sleep 200"]}],
	 "goroutines": [{"name": "a", "steps": ["once.Do(slow)"]}, {"name": "b", "startMs": 20, "steps": ["once.Do(slow)", "once.Do(slow)"]}]}`)
	if s.Sites["b #1: once.Do(slow)"].Count != 1 || s.Sites["b #2: once.Do(slow)"].Count != 0 || len(s.BlockedAtEnd) != 0 {
		t.Errorf("sites %+v, blocked %v", s.Sites, s.BlockedAtEnd)
	}
}

func TestTimersTickersAndAfterFunc(t *testing.T) {
	s := runScript(t, `{"name": "t", "kind": "script", "durationMs": 500, `+checks+`,
	 "funcs": [{"name": "fired", "steps": ["out <- 7"]}, {"name": "never2", "steps": ["<-never"]}],
	 "goroutines": [{"name": "main", "steps": [
	   "tk := time.NewTicker(10 * time.Millisecond)",
	   {"for": "i := 0; i < 3; i++", "do": ["<-tk.C"]},
	   "tk.Stop()",
	   "t := time.NewTimer(time.Second)",
	   "t.Stop()",
	   "stopped := time.AfterFunc(time.Second, never2)",
	   "stopped.Stop()",
	   "time.AfterFunc(20 * time.Millisecond, fired)",
	   "v := <-out",
	   {"if": "v != 7", "then": ["<-never"]},
	   "c := time.After(5 * time.Millisecond)",
	   "<-c",
	   {"select": [{"case": "<-t.C", "do": ["<-never"]}, {"case": "<-time.After(20 * time.Millisecond)"}]}]}]}`)
	noneBlocked(t, s)
	if s.ExitMs["fired#1"] == nil || s.Goroutines.Total != 2 || s.Sites["main #3: <-tk.C"].Count != 3 {
		t.Errorf("exits %v, goroutines %+v, sites %+v", s.ExitMs, s.Goroutines, s.Sites)
	}
}

func TestCancellingAParentCancelsItsChildren(t *testing.T) {
	s := runScript(t, `{"name": "x", "kind": "script", "durationMs": 300, `+checks+`,
	 "contexts": [{"name": "root", "cancel": "stop"}],
	 "goroutines": [{"name": "main", "steps": [
	   "ctx, cancel := context.WithCancel(root)",
	   "defer cancel()",
	   "t, tcancel := context.WithTimeout(context.Background(), 100 * time.Millisecond)",
	   "<-t.Done()",
	   "tcancel()", "tcancel()",
	   "stop()",
	   "<-ctx.Done()",
	   {"select": [{"case": "<-root.Done()"}, {"default": ["<-never"]}]}]}]}`)
	noneBlocked(t, s)
	if s.Sites["main #4: <-t.Done()"].Count != 1 || s.Sites["main #8: <-ctx.Done()"].Count != 0 {
		t.Errorf("only the timeout is waited for: %+v", s.Sites)
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
}

func TestLocksInFunctionsCountUnderTheFunction(t *testing.T) {
	s := runScript(t, `{"name": "f", "kind": "script", "durationMs": 300,
	 "funcs": [{"name": "crit", "params": ["mu *sync.Mutex"], "steps": ["mu.Lock()", "defer mu.Unlock()", "sleep 10"]}],
	 "goroutines": [{"name": "main", "steps": ["var mu sync.Mutex", "go crit(&mu)", "crit(&mu)"]}]}`)
	c := s.Ops["crit"]
	if c.WaitMs.Count != 2 || c.HoldMs.Count != 2 || s.Sites["crit #1: mu.Lock()"].Count != 2 || len(s.Panics) != 0 {
		t.Errorf("crit %+v, sites %+v, panics %q", c, s.Sites, s.Panics)
	}
}

// Every script the repository ships (the GoBench kernels, the built-in and sample scripts) is read by Lockscope's
// reader; the harness's port must read each of them too.
func TestEveryShippedScriptReads(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../core/src/test/resources/gobench/*.json",
		"../../core/src/main/resources/scenarios/*.json", "../../sample-traces/*.json", "scenarios/script-*.json"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	scripts := 0
	for _, f := range files {
		kind, data, err := scenarioKind(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if kind != "script" {
			continue
		}
		scripts++
		if _, err := loadScript(f, data); err != nil {
			t.Errorf("%v", err)
		}
	}
	if scripts < 50 {
		t.Errorf("read %d scripts; expected the 47 GoBench kernels and the built-in, sample and hand scripts", scripts)
	}
}
