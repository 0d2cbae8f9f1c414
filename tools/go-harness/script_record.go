package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
	"time"
)

// scriptRecorder keeps the raw times of a script run: every wait (a lock request until it is acquired; a
// channel operation, select, WaitGroup or Cond wait that blocked, until it returned), every lock hold, and each
// goroutine's start and exit. Times are taken before its mutex is locked. As in Lockscope's summary, only what
// ended by the end of the run counts; what is still open then counts as waiting/holding at the end.
type scriptRecorder struct {
	t0 time.Time

	mu     sync.Mutex
	waits  []*waitRec
	holds  []*holdRec
	names  []string // goroutine names, by id
	spawns []gEvent
	exits  []gEvent
	panics []string
	late   dur // the most a sleep or a goroutine's start came after its time
}

type waitRec struct {
	g          int
	op, site   string
	kind       string // "lock", "chan-send", "chan-recv", "select", "wg-wait", "cond-wait"
	start, end dur
	done       bool
}

type holdRec struct {
	g          int
	op         string
	lock       *lockObj
	read       bool
	start, end dur
	done       bool
}

type gEvent struct {
	g  int
	at dur
}

func newScriptRecorder(t0 time.Time) *scriptRecorder {
	return &scriptRecorder{t0: t0}
}

func (r *scriptRecorder) now() dur { return time.Since(r.t0) }

// waitFrom opens a wait that began at start (taken before the operation's non-blocking attempt failed).
func (r *scriptRecorder) waitFrom(g int, op, site, kind string, start dur) *waitRec {
	w := &waitRec{g: g, op: op, site: site, kind: kind, start: start}
	r.mu.Lock()
	r.waits = append(r.waits, w)
	r.mu.Unlock()
	return w
}

func (r *scriptRecorder) endWait(w *waitRec, at dur) {
	r.mu.Lock()
	w.end, w.done = at, true
	r.mu.Unlock()
}

func (r *scriptRecorder) hold(g int, op string, lock *lockObj, read bool, at dur) {
	r.mu.Lock()
	r.holds = append(r.holds, &holdRec{g: g, op: op, lock: lock, read: read, start: at})
	r.mu.Unlock()
}

// release closes the open hold of lock in that mode, goroutine g's own first (Go lets another goroutine unlock
// a Mutex), and reports whether there was one: without one, the real Unlock would be Go's fatal "unlock of
// unlocked mutex", which no recover catches.
func (r *scriptRecorder) release(g int, lock *lockObj, read bool, at dur) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	var found *holdRec
	for _, h := range r.holds {
		if !h.done && h.lock == lock && h.read == read && (found == nil || (h.g == g && found.g != g)) {
			found = h
		}
	}
	if found == nil {
		return false
	}
	found.end, found.done = at, true
	return true
}

// spawn registers a goroutine that starts now and returns its id.
func (r *scriptRecorder) spawn(name string) int {
	t := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	g := len(r.names)
	r.names = append(r.names, name)
	r.spawns = append(r.spawns, gEvent{g, t})
	return g
}

func (r *scriptRecorder) exit(g int) {
	t := r.now()
	r.mu.Lock()
	r.exits = append(r.exits, gEvent{g, t})
	r.mu.Unlock()
}

// lateBy notes that a sleep ended, or a goroutine started, d after it was due: the run's own measure of timer
// and scheduling lateness, which explains most differences from virtual time.
func (r *scriptRecorder) lateBy(d dur) {
	r.mu.Lock()
	if d > r.late {
		r.late = d
	}
	r.mu.Unlock()
}

func (r *scriptRecorder) panicked(name, msg string) {
	t := r.now()
	r.mu.Lock()
	r.panics = append(r.panics, fmt.Sprintf("%s at %.3f ms: %s", name, float64(t)/1e6, msg))
	r.mu.Unlock()
}

// scriptSummary is Lockscope's summary JSON for the fields a script run can be compared on (ops, goroutines),
// then what Lockscope's summary does not print but its trace holds, which compare-script.sh reads from the
// trace for the Lockscope side: waits per site, when each goroutine exited, where the blocked ones wait.
type scriptSummary struct {
	Scenario   string           `json:"scenario"`
	DurationMs float64          `json:"durationMs"`
	Ops        map[string]opOut `json:"ops"`
	Goroutines struct {
		Max   int `json:"max"`
		Total int `json:"total"`
	} `json:"goroutines"`
	Sites        map[string]siteOut  `json:"sites"`
	ExitMs       map[string]*float64 `json:"exitMs"`       // null: still running or blocked at the end
	BlockedAtEnd map[string]string   `json:"blockedAtEnd"` // goroutine -> the site of its open wait
	BlockedOn    map[string]string   `json:"blockedOn"`    // goroutine -> what it waits for: lock, chan-send, select, ...
	Panics       []string            `json:"panics"`
	MaxLateMs    float64             `json:"maxLateMs"` // the most a sleep or a start came late, scenario ms
}

// siteOut: the waits of one site that ended by the end (count, total, max) and those still open then.
type siteOut struct {
	Count        int     `json:"count"`
	TotalMs      float64 `json:"totalMs"`
	MaxMs        float64 `json:"maxMs"`
	WaitingAtEnd int     `json:"waitingAtEnd"`
}

// summary reports what ended by end; times are divided by scale, so they are scenario milliseconds.
func (r *scriptRecorder) summary(s *Script, end dur, scale float64) scriptSummary {
	r.mu.Lock()
	defer r.mu.Unlock()
	ms := func(d dur) float64 { return math.Round(float64(d)/scale/1e6*1000) / 1000 }
	type acc struct {
		waits, holds           []dur
		waitingEnd, holdingEnd int
	}
	accs := map[string]*acc{}
	get := func(op string) *acc {
		if accs[op] == nil {
			accs[op] = &acc{}
		}
		return accs[op]
	}
	out := scriptSummary{Scenario: s.Name, DurationMs: s.DurationMs, Sites: map[string]siteOut{},
		ExitMs: map[string]*float64{}, BlockedAtEnd: map[string]string{}, BlockedOn: map[string]string{}, Panics: append([]string{}, r.panics...),
		MaxLateMs: ms(r.late)}
	totals, maxes := map[string]dur{}, map[string]dur{}
	for _, w := range r.waits {
		if w.start > end {
			continue
		}
		a, site := get(w.op), out.Sites[w.site]
		if w.done && w.end <= end {
			d := w.end - w.start
			a.waits = append(a.waits, d)
			site.Count++
			totals[w.site] += d
			if d > maxes[w.site] {
				maxes[w.site] = d
			}
		} else {
			a.waitingEnd++
			site.WaitingAtEnd++
			out.BlockedAtEnd[r.names[w.g]] = w.site
			out.BlockedOn[r.names[w.g]] = w.kind
		}
		out.Sites[w.site] = site
	}
	for name, site := range out.Sites {
		site.TotalMs, site.MaxMs = ms(totals[name]), ms(maxes[name])
		out.Sites[name] = site
	}
	for _, h := range r.holds {
		if h.start > end {
			continue
		}
		a := get(h.op)
		if h.done && h.end <= end {
			a.holds = append(a.holds, h.end-h.start)
		} else {
			a.holdingEnd++
		}
	}
	out.Ops = map[string]opOut{}
	for op, a := range accs {
		out.Ops[op] = opOut{statsOf(a.waits, scale), statsOf(a.holds, scale), a.waitingEnd, a.holdingEnd}
	}
	// Goroutines alive at once: spawns +1, exits -1, in time order (an exit first on a tie).
	type change struct {
		at    dur
		delta int
	}
	var changes []change
	for _, sp := range r.spawns {
		if sp.at <= end {
			changes = append(changes, change{sp.at, +1})
			out.Goroutines.Total++
			out.ExitMs[r.names[sp.g]] = nil
		}
	}
	for _, x := range r.exits {
		if x.at <= end {
			changes = append(changes, change{x.at, -1})
			t := ms(x.at)
			out.ExitMs[r.names[x.g]] = &t
		}
	}
	sort.Slice(changes, func(i, j int) bool {
		return changes[i].at < changes[j].at || (changes[i].at == changes[j].at && changes[i].delta < changes[j].delta)
	})
	alive := 0
	for _, c := range changes {
		alive += c.delta
		if alive > out.Goroutines.Max {
			out.Goroutines.Max = alive
		}
	}
	return out
}

// listWaits writes one line per goroutine start, wait and hold begun by end, for checking a timeline by hand
// (a late start shows here: the waits of a goroutine started late begin late).
func (r *scriptRecorder) listWaits(w io.Writer, s *Script, end dur, scale float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	at := func(t dur, ok bool) string {
		if !ok || t > end {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(t)/scale/1e6)
	}
	for _, sp := range r.spawns {
		fmt.Fprintf(w, "start %-8s at %10s\n", r.names[sp.g], at(sp.at, true))
	}
	waits := append([]*waitRec(nil), r.waits...)
	sort.SliceStable(waits, func(i, j int) bool { return waits[i].start < waits[j].start })
	for _, x := range waits {
		if x.start <= end {
			fmt.Fprintf(w, "wait %-9s from %10s  to %10s  %s\n", x.kind, at(x.start, true), at(x.end, x.done), x.site)
		}
	}
	for _, h := range r.holds {
		if h.start <= end {
			fmt.Fprintf(w, "hold %-9s from %10s  to %10s  %s (%s)\n", h.lock.name, at(h.start, true), at(h.end, h.done), h.op, map[bool]string{true: "read", false: "write"}[h.read])
		}
	}
}
