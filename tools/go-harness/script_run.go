package main

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// scriptRun runs a Script on the real runtime: one goroutine per script goroutine, real channels (chan any,
// with the declared capacity; a nil channel for "nil": true), real sync.Mutex / sync.RWMutex / sync.WaitGroup /
// sync.Cond, time.Sleep and time.After, all durations multiplied by scale.
//
// What counts as a wait is Lockscope's rule (docs/primitives.md): a lock request always (request to acquire,
// 0 when free); a channel operation, select or WaitGroup.Wait only when it blocks. Real Go does not say whether
// an operation blocked, so each is first tried without blocking, as selectgo's first pass does (a select with
// a default case; reflect.Select for script selects), and only when that fails is the blocking operation
// timed: from before the attempt to its return.
type scriptRun struct {
	s     *Script
	scale float64
	t0    time.Time
	rec   *scriptRecorder
	locks map[string]*realLock
	chans map[string]chan any
	types map[string]string // channel -> element type, for `send ch`
	wgs   map[string]*realWaitGroup
	conds map[string]*realCond
}

type realLock struct {
	mu *sync.Mutex   // a mutex
	rw *sync.RWMutex // an rwmutex
}

func (l *realLock) locker() sync.Locker {
	if l.mu != nil {
		return l.mu
	}
	return l.rw
}

// realWaitGroup is a sync.WaitGroup and a shadow of its counter, which sync.WaitGroup does not expose: Wait
// with the shadow at 0 returns at once (not a wait, as in Lockscope), otherwise the real Wait is timed.
type realWaitGroup struct {
	wg sync.WaitGroup
	n  atomic.Int64
}

type realCond struct {
	c    *sync.Cond
	lock string
}

// goPanic is a panic the harness raises itself where real Go would stop the whole program with a fatal error
// ("sync: unlock of unlocked mutex"), so that, as in Lockscope, only the goroutine ends.
type goPanic string

func newScriptRun(s *Script, scale float64) *scriptRun {
	r := &scriptRun{s: s, scale: scale, locks: map[string]*realLock{}, chans: map[string]chan any{},
		types: map[string]string{}, wgs: map[string]*realWaitGroup{}, conds: map[string]*realCond{}}
	for _, l := range s.Locks {
		if l.Kind == "mutex" {
			r.locks[l.Name] = &realLock{mu: &sync.Mutex{}}
		} else {
			r.locks[l.Name] = &realLock{rw: &sync.RWMutex{}}
		}
	}
	for _, c := range s.Chans {
		r.types[c.Name] = c.Type
		if c.Nil {
			r.chans[c.Name] = nil
			continue
		}
		capacity := 0
		if c.Cap != nil {
			capacity = *c.Cap
		}
		r.chans[c.Name] = make(chan any, capacity)
	}
	for _, w := range s.WaitGroups {
		r.wgs[w] = &realWaitGroup{}
	}
	for _, c := range s.Conds {
		r.conds[c.Name] = &realCond{c: sync.NewCond(r.locks[c.Lock].locker()), lock: c.Lock}
	}
	return r
}

func (r *scriptRun) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * r.scale)
}

// run starts the goroutines at their start times, in declaration order on a tie, and returns the summary at
// the end of the run: when durationMs has passed, or earlier when every goroutine has exited.
func (r *scriptRun) run() (scriptSummary, dur) {
	r.t0 = time.Now()
	r.rec = newScriptRecorder(r.t0)
	end := r.scaled(msToDuration(r.s.DurationMs))
	order := make([]int, len(r.s.Goroutines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return r.s.Goroutines[order[a]].Start < r.s.Goroutines[order[b]].Start })
	var all sync.WaitGroup
	done := make(chan struct{})
	go func() {
		for _, i := range order {
			g := r.s.Goroutines[i]
			due := r.t0.Add(r.scaled(g.Start))
			if wait := time.Until(due); wait > 0 {
				time.Sleep(wait)
			}
			r.rec.lateBy(time.Since(due))
			if g.Start > 0 && r.rec.now() > end {
				break
			}
			all.Add(1)
			r.rec.spawn(i)
			go r.goroutine(i, &all, time.Now())
		}
		all.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Until(r.t0.Add(end))):
	}
	return r.rec.summary(r.s, end, r.scale), end
}

// gctx is one running script goroutine: its index, name and variables.
type gctx struct {
	r    *scriptRun
	id   int
	name string
	vars map[string]any
}

func (r *scriptRun) goroutine(i int, all *sync.WaitGroup, spawned time.Time) {
	r.rec.lateBy(time.Since(spawned)) // how long the new goroutine waited for a P
	g := &gctx{r: r, id: i, name: r.s.Goroutines[i].Name, vars: map[string]any{}}
	defer all.Done()
	defer r.rec.exit(i)
	defer func() {
		if p := recover(); p != nil {
			r.rec.panicked(g.name, fmt.Sprint(p))
		}
	}()
	g.steps(r.s.Goroutines[i].Steps)
}

// steps runs a body; it reports whether a return was run.
func (g *gctx) steps(body []step) bool {
	for i := range body {
		if g.step(&body[i]) {
			return true
		}
	}
	return false
}

func (g *gctx) step(st *step) bool {
	r, rec := g.r, g.r.rec
	switch st.kind {
	case stReturn:
		return true
	case stLock:
		l := r.locks[st.name]
		w := rec.waitFrom(g.id, g.name, st.site, "lock", rec.now())
		switch {
		case l.mu != nil:
			l.mu.Lock()
		case st.read:
			l.rw.RLock()
		default:
			l.rw.Lock()
		}
		t := rec.now()
		rec.endWait(w, t)
		rec.hold(g.id, g.name, st.name, st.read, t)
	case stUnlock:
		l := r.locks[st.name]
		if !rec.release(g.id, st.name, st.read, rec.now()) {
			panic(goPanic(unlockMessage(l, st.read)))
		}
		switch {
		case l.mu != nil:
			l.mu.Unlock()
		case st.read:
			l.rw.RUnlock()
		default:
			l.rw.Unlock()
		}
	case stSleep:
		d := r.scaled(st.dur)
		start := time.Now()
		time.Sleep(d)
		rec.lateBy(time.Since(start) - d)
	case stSend:
		g.send(st)
	case stRecv:
		v, ok := g.recv(st.site, st.src)
		g.assign(st.recv, v, ok)
	case stClose:
		close(r.chans[st.name])
	case stWgAdd:
		wg, n := r.wgs[st.name], g.eval(st.val).(int64)
		wg.n.Add(n)
		wg.wg.Add(int(n))
	case stWgWait:
		wg := r.wgs[st.name]
		if wg.n.Load() != 0 {
			w := rec.waitFrom(g.id, g.name, st.site, "wg-wait", rec.now())
			wg.wg.Wait()
			rec.endWait(w, rec.now())
		}
	case stCondWait:
		g.condWait(st)
	case stCondSignal:
		r.conds[st.name].c.Signal()
	case stCondBroadcast:
		r.conds[st.name].c.Broadcast()
	case stSelect:
		return g.selectStep(st)
	case stFor:
		return g.loop(st)
	}
	return false
}

func unlockMessage(l *realLock, read bool) string {
	switch {
	case l.mu != nil:
		return "sync: unlock of unlocked mutex"
	case read:
		return "sync: RUnlock of unlocked RWMutex"
	default:
		return "sync: Unlock of unlocked RWMutex"
	}
}

func (g *gctx) send(st *step) {
	ch, v := g.r.chans[st.name], g.eval(st.val)
	if _, zero := v.(zeroMarker); zero {
		v = zeroValues[g.r.types[st.name]]
	}
	start := g.r.rec.now()
	select {
	case ch <- v:
		return
	default:
	}
	w := g.r.rec.waitFrom(g.id, g.name, st.site, "chan-send", start)
	ch <- v
	g.r.rec.endWait(w, g.r.rec.now())
}

// recv receives from a declared channel, or from a new real timer's channel for time.After.
func (g *gctx) recv(site string, src source) (any, bool) {
	if src.isAfter {
		return g.recvTimer(site, g.r.scaled(src.after))
	}
	ch := g.r.chans[src.chanName]
	start := g.r.rec.now()
	select {
	case v, ok := <-ch:
		return v, ok
	default:
	}
	w := g.r.rec.waitFrom(g.id, g.name, site, "chan-recv", start)
	v, ok := <-ch
	g.r.rec.endWait(w, g.r.rec.now())
	return v, ok
}

func (g *gctx) recvTimer(site string, after time.Duration) (any, bool) {
	start := g.r.rec.now()
	timer := time.After(after)
	select {
	case v, ok := <-timer:
		return v, ok
	default:
	}
	w := g.r.rec.waitFrom(g.id, g.name, site, "chan-recv", start)
	v, ok := <-timer
	end := g.r.rec.now()
	g.r.rec.endWait(w, end)
	g.r.rec.lateBy(end - start - after)
	return v, ok
}

// selectChan is a select case's channel: a declared one (nil for a nil channel: never ready, as in Go), or a
// new real timer's for time.After, evaluated on entering the select as Go does.
func (g *gctx) selectChan(c selectCase) reflect.Value {
	if c.src.isAfter {
		return reflect.ValueOf(time.After(g.r.scaled(c.src.after)))
	}
	if c.send {
		return reflect.ValueOf(g.r.chans[c.chanName])
	}
	return reflect.ValueOf(g.r.chans[c.src.chanName])
}

func (g *gctx) selectStep(st *step) bool {
	rec := g.r.rec
	start := rec.now() // the select's entry: its timers start here too
	cases := make([]reflect.SelectCase, 0, len(st.cases)+1)
	for _, c := range st.cases {
		if c.send {
			v := g.eval(c.val)
			if _, zero := v.(zeroMarker); zero {
				v = zeroValues[g.r.types[c.chanName]]
			}
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectSend, Chan: g.selectChan(c),
				Send: reflect.ValueOf(&v).Elem()})
		} else {
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: g.selectChan(c)})
		}
	}
	chosen, v, ok := reflect.Select(append(cases, reflect.SelectCase{Dir: reflect.SelectDefault}))
	if chosen == len(cases) {
		if st.hasDef {
			return g.steps(st.def)
		}
		w := rec.waitFrom(g.id, g.name, st.site, "select", start)
		chosen, v, ok = reflect.Select(cases)
		end := rec.now()
		rec.endWait(w, end)
		if c := st.cases[chosen]; c.src.isAfter {
			rec.lateBy(end - start - g.r.scaled(c.src.after))
		}
	}
	c := st.cases[chosen]
	if !c.send {
		var x any
		if v.IsValid() {
			x = v.Interface()
		}
		g.assign(c.recv, x, ok)
	}
	return g.steps(c.body)
}

func (g *gctx) condWait(st *step) {
	rec, c := g.r.rec, g.r.conds[st.name]
	start := rec.now()
	if !rec.release(g.id, c.lock, false, start) {
		panic(goPanic(unlockMessage(g.r.locks[c.lock], false)))
	}
	// sync.Cond.Wait unlocks, parks and locks again in one call: the whole call is timed as the Cond wait,
	// and the lock's re-acquisition is recorded as a request of 0 (see README: Cond).
	w := rec.waitFrom(g.id, g.name, st.site, "cond-wait", start)
	c.c.Wait()
	t := rec.now()
	rec.endWait(w, t)
	rec.endWait(rec.waitFrom(g.id, g.name, st.site, "lock", t), t)
	rec.hold(g.id, g.name, c.lock, false, t)
}

func (g *gctx) loop(st *step) bool {
	h := st.loop
	switch h.kind {
	case loopForever:
		for {
			if g.steps(st.body) {
				return true
			}
		}
	case loopRange:
		for {
			v, ok := g.recv(st.site, h.src)
			if !ok {
				return false
			}
			if h.v != "" && h.v != "_" {
				g.vars[h.v] = v
			}
			if g.steps(st.body) {
				return true
			}
		}
	default:
		g.vars[h.v] = g.eval(h.from)
		for compare(h.cmp, g.vars[h.v].(int64), g.eval(h.limit).(int64)) {
			if g.steps(st.body) {
				return true
			}
			g.vars[h.v] = g.vars[h.v].(int64) + h.inc
		}
		return false
	}
}

func compare(cmp string, a, b int64) bool {
	switch cmp {
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	default:
		return a != b
	}
}

func (g *gctx) eval(e expr) any {
	if e.isLit {
		return e.lit
	}
	if v, ok := g.vars[e.name]; ok {
		return v
	}
	return g.r.s.Consts[e.name]
}

func (g *gctx) assign(t recvTarget, v any, ok bool) {
	if t.v != "" && t.v != "_" {
		g.vars[t.v] = v
	}
	if t.ok != "" && t.ok != "_" {
		g.vars[t.ok] = ok
	}
}
