package main

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// scriptRun runs a Script on the real runtime. Every script goroutine, every `go f(...)` and `{"go": [...]}`, and
// every time.AfterFunc callback is a real goroutine interpreting its steps; every primitive is the real one:
// channels are `chan any` (a nil `chan any` for a nil channel), select is reflect.Select (the runtime's selectgo),
// locks are sync.Mutex / sync.RWMutex, WaitGroup, Cond, Once are sync's, contexts are context.WithCancel /
// WithTimeout, timers are time.NewTimer / NewTicker / After / AfterFunc; every duration is multiplied by scale.
//
// What counts as a wait is Lockscope's rule (docs/primitives.md): a lock request always (request to acquire, 0
// when free); a channel operation, select, WaitGroup.Wait or Once.Do only when it blocks; a Cond.Wait always.
// Real Go does not say whether an operation blocked, so each is first tried without blocking, as selectgo's first
// pass does (reflect.Select with a default case), and only when that fails is the blocking operation timed: from
// before the attempt to its return.
//
// Panics are Go's own (send on a closed channel, close of a closed or nil channel, a negative WaitGroup
// counter): they unwind the goroutine's frames, whose deferred script calls run as Go runs deferred calls, and
// are recovered at the goroutine's top and recorded. An unlock of a lock not held, a fatal error in Go that no
// recover catches and that ends the program, is raised by the harness as a panic instead, as Lockscope does.
type scriptRun struct {
	s       *Script
	scale   float64
	budget  int // steps without blocking before a goroutine panics (tests lower it)
	t0      time.Time
	rec     *scriptRecorder
	globals *env
	all     sync.WaitGroup // live goroutines, and AfterFunc timers still to fire

	mu      sync.Mutex
	started map[string]int // goroutines started per function: f#1, f#2, ...
	made    map[string]int // instances made per name: main.mu, main.mu#2, ...
}

var zeroTime = time.Time{}

// defaultBudget and maxDepth are Lockscope's guards (ScriptProgram): a goroutine that runs this many steps
// without a step that blocks or takes time, or whose calls nest this deep, panics.
const (
	defaultBudget = 10000000
	maxDepth      = 10000
)

type box struct{ v any }

// env is a block's variables; lookups go outwards to the function's, then the globals (or, for a closure, the
// enclosing function's blocks, shared as in Go). A closure's goroutine looks names up in its parent's blocks
// while the parent declares new ones there, so each block's map has a lock; a box's value is the script's own
// variable, shared without one, as in Go.
type env struct {
	mu     sync.RWMutex
	vars   map[string]*box
	parent *env
}

func (e *env) child() *env { return &env{vars: map[string]*box{}, parent: e} }

func (e *env) lookup(name string) *box {
	for c := e; c != nil; c = c.parent {
		c.mu.RLock()
		b := c.vars[name]
		c.mu.RUnlock()
		if b != nil {
			return b
		}
	}
	panic(fmt.Sprintf("harness: unresolved name %s", name)) // the reader resolved every name
}

// snapshot is what a closure sees: the variables visible now (the same boxes, so shared), and none that the
// enclosing blocks declare later, which in Go are other variables the closure cannot name.
func (e *env) snapshot() *env {
	var chain []*env
	for c := e; c != nil; c = c.parent {
		chain = append(chain, c)
	}
	vars := map[string]*box{}
	for i := len(chain) - 1; i >= 0; i-- {
		chain[i].mu.RLock()
		for k, b := range chain[i].vars {
			vars[k] = b
		}
		chain[i].mu.RUnlock()
	}
	return &env{vars: vars}
}

func (e *env) declare(name string, v any) {
	if name != "_" && name != "" {
		e.mu.Lock()
		e.vars[name] = &box{v}
		e.mu.Unlock()
	}
}

type lockObj struct {
	name string
	mu   *sync.Mutex
	rw   *sync.RWMutex
}

func (l *lockObj) locker() sync.Locker {
	if l.mu != nil {
		return l.mu
	}
	return l.rw
}

// wgObj is a sync.WaitGroup and a shadow of its counter, which sync.WaitGroup does not expose: Wait with the
// shadow at 0 returns at once (not a wait, as in Lockscope), otherwise the real Wait is timed.
type wgObj struct {
	wg sync.WaitGroup
	n  atomic.Int64
}

type condObj struct {
	c    *sync.Cond
	lock *lockObj
}

// onceObj is a sync.Once and whether its function is running (a Do then waits) or done.
type onceObj struct {
	o       sync.Once
	running atomic.Bool
}

type ctxObj struct {
	ctx    context.Context
	cancel context.CancelFunc
}

type cancelObj struct{ c *ctxObj }

type timerObj struct {
	t  *time.Timer  // NewTimer, AfterFunc
	tk *time.Ticker // NewTicker
	af bool         // an AfterFunc: a successful Stop means its goroutine never starts
	r  *scriptRun
}

// goPanic is a panic the harness raises itself: where real Go would stop the whole program with a fatal error
// ("sync: unlock of unlocked mutex"), and Lockscope's guards.
type goPanic string

func newScriptRun(s *Script, scale float64) *scriptRun {
	r := &scriptRun{s: s, scale: scale, budget: defaultBudget, started: map[string]int{}, made: map[string]int{}}
	return r
}

// declare makes every declared object, in declaration order, at t = 0 (contexts' timers start then).
func (r *scriptRun) declare() {
	g := &env{vars: map[string]*box{}}
	locks := map[string]*lockObj{}
	for _, l := range r.s.Locks {
		lo := &lockObj{name: l.Name}
		if l.Kind == "mutex" {
			lo.mu = &sync.Mutex{}
		} else {
			lo.rw = &sync.RWMutex{}
		}
		locks[l.Name] = lo
		g.declare(l.Name, lo)
	}
	for _, c := range r.s.Chans {
		var ch chan any
		if !c.Nil {
			ch = make(chan any, c.Cap)
		}
		g.declare(c.Name, ch)
	}
	for _, w := range r.s.WaitGroups {
		g.declare(w, &wgObj{})
	}
	for _, c := range r.s.Conds {
		l := locks[c.Lock]
		g.declare(c.Name, &condObj{sync.NewCond(l.locker()), l})
	}
	for _, o := range r.s.Onces {
		g.declare(o, &onceObj{})
	}
	for _, c := range r.s.Contexts {
		r.declareContext(g, c.Parent, c.TimeoutNs, c.Name, c.Cancel)
	}
	for _, c := range r.s.Consts {
		g.declare(c.Name, c.Value)
	}
	r.globals = g
}

func (r *scriptRun) newContext(parent context.Context, timeoutNs int64) *ctxObj {
	if timeoutNs < 0 {
		ctx, cancel := context.WithCancel(parent)
		return &ctxObj{ctx, cancel}
	}
	ctx, cancel := context.WithTimeout(parent, r.scaled(time.Duration(timeoutNs)))
	return &ctxObj{ctx, cancel}
}

func (r *scriptRun) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * r.scale)
}

func (r *scriptRun) instanceName(base string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.made[base]++
	if k := r.made[base]; k > 1 {
		return fmt.Sprintf("%s#%d", base, k)
	}
	return base
}

// goName names a goroutine that runs fn: fn#1, fn#2, ... (Lockscope's names).
func (r *scriptRun) goName(fn string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.started[fn]++
	return fmt.Sprintf("%s#%d", fn, r.started[fn])
}

// run starts the script goroutines at their start times, in declaration order on a tie, and returns the summary
// at the end of the run: when durationMs has passed, or earlier when every goroutine has exited and no
// AfterFunc is still to fire.
func (r *scriptRun) run() (scriptSummary, dur) {
	r.t0 = time.Now()
	r.rec = newScriptRecorder(r.t0)
	r.declare()
	end := r.scaled(r.s.Duration)
	order := make([]int, len(r.s.Goroutines))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return r.s.Goroutines[order[a]].Start < r.s.Goroutines[order[b]].Start })
	done := make(chan struct{})
	r.all.Add(1) // the starter, until every script goroutine has started
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
			body := g.Steps
			settled := make(chan struct{})
			r.spawnSettling(g.Name, time.Now(), settled, func(gr *gor) { gr.frame(body, r.globals.child()) })
			// Declaration order on a tie, as in Lockscope: the next goroutine starts once this one has reached
			// its first step that blocks or sleeps, or has exited (or after settleWait, for one that computes).
			select {
			case <-settled:
			case <-time.After(settleWait):
			}
		}
		r.all.Done()
	}()
	go func() {
		r.all.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Until(r.t0.Add(end))):
	}
	return r.rec.summary(r.s, end, r.scale), end
}

// settleWait bounds how long the starter waits for a script goroutine to reach its first blocking step.
const settleWait = 20 * time.Millisecond

// spawn starts a goroutine named name running body; the caller's r.all count covers it from now.
func (r *scriptRun) spawn(name string, spawned time.Time, body func(*gor)) {
	r.spawnSettling(name, spawned, nil, body)
}

// spawnSettling is spawn, closing settled (when not nil) at the goroutine's first step that blocks or sleeps,
// or at its exit.
func (r *scriptRun) spawnSettling(name string, spawned time.Time, settled chan struct{}, body func(*gor)) {
	r.all.Add(1)
	id := r.rec.spawn(name)
	go func() {
		r.rec.lateBy(time.Since(spawned)) // how long the new goroutine waited for a P
		g := &gor{r: r, id: id, name: name, settled: settled}
		defer r.all.Done()
		defer r.rec.exit(id)
		defer g.settle()
		defer func() {
			if p := recover(); p != nil {
				r.rec.panicked(name, fmt.Sprint(p))
			}
		}()
		body(g)
	}()
}

// gor is one running goroutine: the steps it ran since its last step that blocks or takes time, its call depth.
type gor struct {
	r       *scriptRun
	id      int
	name    string
	ops     int
	depth   int
	settled chan struct{} // a script goroutine's: closed at its first step that blocks or sleeps
}

// settle tells the starter that this goroutine is about to block or sleep (or has exited).
func (g *gor) settle() {
	if g.settled != nil {
		close(g.settled)
		g.settled = nil
	}
}

// wait opens a wait (an operation that could not proceed at once) and settles.
func (g *gor) wait(a at, kind string, start dur) *waitRec {
	w := g.r.rec.waitFrom(g.id, a.op, a.site, kind, start)
	g.settle()
	return w
}

// frame runs a function's body (a goroutine's, a named function's, a closure's) in its own frame: its deferred
// calls run when it returns or panics, last deferred first, each even if a later one panics, as in Go.
func (g *gor) frame(body []stmt, e *env) {
	g.depth++
	if g.depth > maxDepth {
		panic(goPanic("runtime: goroutine stack exceeds its limit (endless recursion?)"))
	}
	var defers []func()
	defer func() {
		g.depth--
		runDefers(defers)
	}()
	g.block(body, e, &defers)
}

func runDefers(d []func()) {
	if len(d) == 0 {
		return
	}
	defer runDefers(d[:len(d)-1])
	d[len(d)-1]()
}

// tick counts a step; blocked resets the count at a step that blocks or takes time (Lockscope's kernel
// instructions: locks, sleeps, every primitive operation, go).
func (g *gor) tick() {
	g.ops++
	if g.ops > g.r.budget {
		panic(goPanic(fmt.Sprintf("lockscope: the goroutine ran %d steps without blocking (an endless loop?)", g.r.budget)))
	}
}

func (g *gor) blocked() { g.ops = 0 }

// flow is how a block ended: normally, or by a return, break or continue still to be taken by the function,
// the innermost loop or select, or the innermost loop.
type flow int

const (
	flowNext flow = iota
	flowReturn
	flowBreak
	flowContinue
)

// block runs steps in e; it reports how it ended.
func (g *gor) block(body []stmt, e *env, defers *[]func()) flow {
	for _, s := range body {
		g.tick()
		if f := g.step(s, e, defers); f != flowNext {
			return f
		}
	}
	return flowNext
}

func (g *gor) step(st stmt, e *env, defers *[]func()) flow {
	r, rec := g.r, g.r.rec
	switch s := st.(type) {
	case *sReturn:
		return flowReturn
	case *sBreak:
		return flowBreak
	case *sContinue:
		return flowContinue
	case *sLock:
		g.blocked()
		g.lock(e.lookup(s.lock).v.(*lockObj), s.read, s.acquire, s.at)
	case *sSleep:
		g.blocked()
		d := r.scaled(time.Duration(s.ns))
		g.settle()
		start := time.Now()
		time.Sleep(d)
		rec.lateBy(time.Since(start) - d)
	case *sSend:
		g.blocked()
		g.send(e, s)
	case *sRecv:
		g.blocked()
		src, after := g.source(e, s.from)
		v, ok := g.recv(src, after, s.at)
		g.bind(e, s.targets, s.declare, v, ok, s.zero)
	case *sClose:
		g.blocked()
		close(e.lookup(s.ch).v.(chan any))
	case *sWgAdd:
		g.blocked()
		w := e.lookup(s.wg).v.(*wgObj)
		n := int64(-1)
		if s.delta != nil {
			n = g.eval(s.delta, e).(int64)
		}
		w.n.Add(n)
		w.wg.Add(int(n))
	case *sWgWait:
		g.blocked()
		w := e.lookup(s.wg).v.(*wgObj)
		if w.n.Load() != 0 {
			wr := g.wait(s.at, "wg-wait", rec.now())
			w.wg.Wait()
			rec.endWait(wr, rec.now())
		}
	case *sCondWait:
		g.blocked()
		g.condWait(e.lookup(s.cond).v.(*condObj), s.at)
	case *sCondNotify:
		g.blocked()
		c := e.lookup(s.cond).v.(*condObj)
		if s.all {
			c.c.Broadcast()
		} else {
			c.c.Signal()
		}
	case *sOnceDo:
		g.blocked()
		o := e.lookup(s.once).v.(*onceObj)
		f := r.s.Funcs[s.fn]
		start := rec.now()
		var wr *waitRec
		if o.running.Load() {
			wr = g.wait(s.at, "once-wait", start)
		}
		o.o.Do(func() {
			o.running.Store(true)
			defer o.running.Store(false)
			g.frame(f.body, r.globals.child())
		})
		if wr != nil {
			rec.endWait(wr, rec.now())
		}
	case *sCancel:
		g.blocked()
		e.lookup(s.name).v.(*cancelObj).c.cancel()
	case *sStop:
		g.blocked()
		t := e.lookup(s.timer).v.(*timerObj)
		active := false
		if t.tk != nil {
			t.tk.Stop()
		} else if active = t.t.Stop(); active && t.af {
			r.all.Done() // its goroutine will never start
		}
		g.setInto(e, s.into, s.decl, active)
	case *sReset:
		g.blocked()
		t := e.lookup(s.timer).v.(*timerObj)
		d := r.scaled(time.Duration(s.ns))
		active := false
		if t.tk != nil {
			t.tk.Reset(d)
		} else {
			active = t.t.Reset(d)
		}
		g.setInto(e, s.into, s.decl, active)
	case *sGo:
		g.blocked()
		f := r.s.Funcs[s.fn]
		fe := g.callEnv(f, s.args, e)
		r.spawn(r.goName(f.name), time.Now(), func(ng *gor) { ng.frame(f.body, fe) })
	case *sGoBlock:
		g.blocked()
		ce := e.snapshot().child()
		body := s.body
		r.spawn(r.goName(s.fn), time.Now(), func(ng *gor) { ng.frame(body, ce) })
	case *sCall:
		f := r.s.Funcs[s.fn]
		g.frame(f.body, g.callEnv(f, s.args, e))
	case *sDefer:
		// Go evaluates a deferred call's function value and arguments at the defer: the names the call uses are
		// copied now into an environment of their own.
		snap := r.globals.child()
		for _, n := range namesOf(s.s) {
			snap.declare(n, e.lookup(n).v)
		}
		inner := s.s
		*defers = append(*defers, func() {
			var none []func()
			g.step(inner, snap, &none)
		})
	case *sDeferBlock:
		ce := e.snapshot().child()
		body := s.body
		*defers = append(*defers, func() { g.frame(body, ce) })
	case *sMakeChan:
		n := int64(0)
		if s.cap != nil {
			n = g.eval(s.cap, e).(int64)
		}
		if n < 0 || n > 1<<31-1 {
			panic(goPanic("makechan: size out of range"))
		}
		e.declare(s.name, make(chan any, n))
	case *sVar:
		var v any
		switch s.typ.kind {
		case kChan:
			v = (chan any)(nil)
		case kWaitGroup:
			v = &wgObj{}
		case kOnce:
			v = &onceObj{}
		case kMutex:
			v = &lockObj{name: r.instanceName(s.op + "." + s.name), mu: &sync.Mutex{}}
		case kRWMutex:
			v = &lockObj{name: r.instanceName(s.op + "." + s.name), rw: &sync.RWMutex{}}
		default:
			v = s.typ.zero()
		}
		e.declare(s.name, v)
	case *sNewCond:
		l := e.lookup(s.lock).v.(*lockObj)
		e.declare(s.name, &condObj{sync.NewCond(l.locker()), l})
	case *sWithContext:
		r.declareContext(e, s.parent, s.timeoutNs, s.ctx, s.cancel)
	case *sNewTimer:
		d := r.scaled(time.Duration(s.ns))
		switch {
		case s.after:
			e.declare(s.name, time.After(d))
		case s.ticker:
			e.declare(s.name, &timerObj{tk: time.NewTicker(d), r: r})
		default:
			e.declare(s.name, &timerObj{t: time.NewTimer(d), r: r})
		}
	case *sAfterFunc:
		f := r.s.Funcs[s.fn]
		r.all.Add(1) // the goroutine to come; Done when it has started, or when Stop prevents it
		t := time.AfterFunc(r.scaled(time.Duration(s.ns)), func() {
			r.spawn(f.name+"#1", time.Now(), func(ng *gor) { ng.frame(f.body, r.globals.child()) })
			r.all.Done()
		})
		e.declare(s.name, &timerObj{t: t, af: true, r: r})
	case *sAssign:
		v := g.eval(s.val, e)
		if s.declare {
			e.declare(s.name, v)
		} else {
			b := e.lookup(s.name)
			if _, isChan := b.v.(chan any); isChan && v == nil {
				v = (chan any)(nil) // ch = nil keeps the variable a channel, as the runner's operations expect
			}
			b.v = v
		}
	case *sIncDec:
		b := e.lookup(s.name)
		b.v = b.v.(int64) + s.delta
	case *sIf:
		if g.eval(s.cond, e).(bool) {
			return g.block(s.then, e.child(), defers)
		}
		return g.block(s.els, e.child(), defers)
	case *sSelect:
		g.blocked()
		if f := g.selectStep(s, e, defers); f != flowBreak {
			return f
		}
	case *sFor:
		return g.loop(s, e, defers)
	default:
		panic(fmt.Sprintf("harness: unknown step %T", st))
	}
	return flowNext
}

// callEnv is a called function's environment: its parameters bound to the arguments, evaluated in the caller's.
func (g *gor) callEnv(f *funcDecl, args []expr, e *env) *env {
	fe := g.r.globals.child()
	for i, p := range f.params {
		fe.declare(p.name, g.eval(args[i], e))
	}
	return fe
}

// namesOf lists the names a deferrable statement uses, whose values a defer copies.
func namesOf(s stmt) []string {
	var out []string
	var exprNames func(x expr)
	exprNames = func(x expr) {
		switch v := x.(type) {
		case eName:
			out = append(out, v.name)
		case eLen:
			out = append(out, v.ch)
		case eIsNil:
			out = append(out, v.ch)
		case eNot:
			exprNames(v.x)
		case eBin:
			exprNames(v.l)
			exprNames(v.r)
		}
	}
	switch v := s.(type) {
	case *sCall:
		for _, a := range v.args {
			exprNames(a)
		}
	case *sGo:
		for _, a := range v.args {
			exprNames(a)
		}
	case *sCancel:
		out = append(out, v.name)
	case *sClose:
		out = append(out, v.ch)
	case *sWgAdd:
		out = append(out, v.wg)
		if v.delta != nil {
			exprNames(v.delta)
		}
	case *sWgWait:
		out = append(out, v.wg)
	case *sCondNotify:
		out = append(out, v.cond)
	case *sStop:
		out = append(out, v.timer)
	case *sReset:
		out = append(out, v.timer)
	case *sLock:
		out = append(out, v.lock)
	case *sOnceDo:
		out = append(out, v.once)
	}
	return out
}

func unlockMessage(l *lockObj, read bool) string {
	switch {
	case l.mu != nil:
		return "sync: unlock of unlocked mutex"
	case read:
		return "sync: RUnlock of unlocked RWMutex"
	default:
		return "sync: Unlock of unlocked RWMutex"
	}
}

func (g *gor) lock(l *lockObj, read, acquire bool, a at) {
	rec := g.r.rec
	if !acquire {
		if !rec.release(g.id, l, read, rec.now()) {
			panic(goPanic(unlockMessage(l, read)))
		}
		switch {
		case l.mu != nil:
			l.mu.Unlock()
		case read:
			l.rw.RUnlock()
		default:
			l.rw.Unlock()
		}
		return
	}
	// A lock request always counts as a wait (0 when free); the try only tells whether it will block.
	w := rec.waitFrom(g.id, a.op, a.site, "lock", rec.now())
	switch {
	case l.mu != nil:
		if !l.mu.TryLock() {
			g.settle()
			l.mu.Lock()
		}
	case read:
		if !l.rw.TryRLock() {
			g.settle()
			l.rw.RLock()
		}
	default:
		if !l.rw.TryLock() {
			g.settle()
			l.rw.Lock()
		}
	}
	t := rec.now()
	rec.endWait(w, t)
	rec.hold(g.id, a.op, l, read, t)
}

func (g *gor) condWait(c *condObj, a at) {
	rec := g.r.rec
	start := rec.now()
	if !rec.release(g.id, c.lock, false, start) {
		panic(goPanic(unlockMessage(c.lock, false)))
	}
	// sync.Cond.Wait unlocks, parks and locks again in one call: the whole call is timed as the Cond wait, and
	// the lock's re-acquisition is recorded as a request of 0 (see README: Cond).
	w := g.wait(a, "cond-wait", start)
	c.c.Wait()
	t := rec.now()
	rec.endWait(w, t)
	rec.endWait(rec.waitFrom(g.id, a.op, a.site, "lock", t), t)
	rec.hold(g.id, a.op, c.lock, false, t)
}

// source evaluates where a receive takes from: a channel (a script channel, a time.After channel kept in a
// variable), a timer's or ticker's C, a context's Done(), or a new real timer for time.After(d) (after > 0).
func (g *gor) source(e *env, c chanExpr) (reflect.Value, time.Duration) {
	switch c.kind {
	case 'c':
		t := e.lookup(c.name).v.(*timerObj)
		if t.tk != nil {
			return reflect.ValueOf(t.tk.C), 0
		}
		return reflect.ValueOf(t.t.C), 0
	case 'd':
		return reflect.ValueOf(e.lookup(c.name).v.(*ctxObj).ctx.Done()), 0
	case 'a':
		d := g.r.scaled(time.Duration(c.ns))
		return reflect.ValueOf(time.After(d)), d
	}
	return reflect.ValueOf(e.lookup(c.name).v), 0
}

var defaultCase = reflect.SelectCase{Dir: reflect.SelectDefault}

// recv receives from ch; after > 0 is a time.After timer's duration, for the run's lateness figure.
func (g *gor) recv(ch reflect.Value, after time.Duration, a at) (any, bool) {
	rec := g.r.rec
	start := rec.now()
	cases := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: ch}, defaultCase}
	if chosen, v, ok := reflect.Select(cases); chosen == 0 {
		return value(v), ok
	}
	w := g.wait(a, "chan-recv", start)
	_, v, ok := reflect.Select(cases[:1])
	end := rec.now()
	rec.endWait(w, end)
	if after > 0 {
		rec.lateBy(end - start - after)
	}
	return value(v), ok
}

func value(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func (g *gor) send(e *env, s *sSend) {
	rec := g.r.rec
	var v any = s.zero
	if s.val != nil {
		v = g.eval(s.val, e)
	}
	ch := e.lookup(s.ch).v.(chan any)
	start := rec.now()
	select {
	case ch <- v:
		return
	default:
	}
	w := g.wait(s.at, "chan-send", start)
	ch <- v
	rec.endWait(w, rec.now())
}

func (g *gor) bind(e *env, targets []string, declare bool, v any, ok bool, zero any) {
	if !ok && v == nil {
		v = zero // a closed, drained channel gives the element type's zero value
	}
	for i, t := range targets {
		if t == "_" {
			continue
		}
		x := v
		if i == 1 {
			x = ok
		}
		if declare {
			e.declare(t, x)
		} else {
			e.lookup(t).v = x
		}
	}
}

func (g *gor) selectStep(st *sSelect, e *env, defers *[]func()) flow {
	rec := g.r.rec
	start := rec.now() // the select's entry: its timers start here too
	cases := make([]reflect.SelectCase, 0, len(st.cases)+1)
	afters := make([]time.Duration, len(st.cases))
	for i, c := range st.cases {
		if c.send {
			var v any = c.snd.zero
			if c.snd.val != nil {
				v = g.eval(c.snd.val, e)
			}
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectSend,
				Chan: reflect.ValueOf(e.lookup(c.snd.ch).v), Send: reflect.ValueOf(&v).Elem()})
		} else {
			ch, after := g.source(e, c.rcv.from)
			afters[i] = after
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: ch})
		}
	}
	chosen, v, ok := reflect.Select(append(cases, defaultCase))
	if chosen == len(cases) {
		if st.hasDef {
			return g.block(st.def, e.child(), defers)
		}
		w := g.wait(st.at, "select", start)
		chosen, v, ok = reflect.Select(cases)
		end := rec.now()
		rec.endWait(w, end)
		if afters[chosen] > 0 {
			rec.lateBy(end - start - afters[chosen])
		}
	}
	c := st.cases[chosen]
	ce := e.child()
	if !c.send {
		g.bind(ce, c.rcv.targets, c.rcv.declare, value(v), ok, c.rcv.zero)
	}
	return g.block(c.body, ce, defers)
}

func (g *gor) loop(st *sFor, e *env, defers *[]func()) flow {
	h := st.head
	le := e.child()
	// pass runs the body once: done says the loop ends, with the flow the loop itself ends with.
	pass := func(be *env) (done bool, f flow) {
		switch f := g.block(st.body, be, defers); f {
		case flowReturn:
			return true, flowReturn
		case flowBreak:
			return true, flowNext
		}
		return false, flowNext
	}
	switch h.kind {
	case 'f':
		for {
			g.tick()
			if done, f := pass(le.child()); done {
				return f
			}
		}
	case 'w':
		for g.eval(h.cond, le).(bool) {
			g.tick()
			if done, f := pass(le.child()); done {
				return f
			}
		}
		return flowNext
	case 'r':
		src, after := g.source(le, h.src) // once, as Go evaluates a range expression
		for {
			g.tick()
			g.blocked()
			v, ok := g.recv(src, after, st.at)
			if !ok {
				return flowNext
			}
			be := le.child()
			if h.v != "" {
				be.declare(h.v, v)
			}
			if done, f := pass(be); done {
				return f
			}
		}
	}
	le.declare(h.v, g.eval(h.from, e))
	b := le.lookup(h.v)
	for compare(h.cmp, b.v.(int64), g.eval(h.limit, le).(int64)) {
		g.tick()
		if done, f := pass(le.child()); done {
			return f
		}
		b.v = b.v.(int64) + h.step
	}
	return flowNext
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
	}
	return a != b
}

func (g *gor) eval(x expr, e *env) any {
	switch v := x.(type) {
	case eInt:
		return v.v
	case eStr:
		return v.v
	case eBool:
		return v.v
	case eNil:
		return nil
	case eStruct:
		return struct{}{}
	case eName:
		return e.lookup(v.name).v
	case eIsNil:
		c := reflect.ValueOf(e.lookup(v.ch).v)
		return (!c.IsValid() || c.IsNil()) == v.isNil
	case eLen:
		c := reflect.ValueOf(e.lookup(v.ch).v)
		if !c.IsValid() {
			return int64(0)
		}
		if v.cap {
			return int64(c.Cap())
		}
		return int64(c.Len())
	case eNot:
		return !g.eval(v.x, e).(bool)
	case eBin:
		switch v.op {
		case "&&":
			return g.eval(v.l, e).(bool) && g.eval(v.r, e).(bool)
		case "||":
			return g.eval(v.l, e).(bool) || g.eval(v.r, e).(bool)
		}
		l, r := g.eval(v.l, e), g.eval(v.r, e)
		switch v.op {
		case "+":
			if s, ok := l.(string); ok {
				return s + r.(string)
			}
			return l.(int64) + r.(int64)
		case "-":
			return l.(int64) - r.(int64)
		case "*":
			return l.(int64) * r.(int64)
		case "==":
			return l == r
		case "!=":
			return l != r
		}
		if a, ok := l.(string); ok {
			b := r.(string)
			return v.op == "<" && a < b || v.op == "<=" && a <= b || v.op == ">" && a > b || v.op == ">=" && a >= b
		}
		return compare(v.op, l.(int64), r.(int64))
	}
	panic(fmt.Sprintf("harness: unknown expression %T", x))
}

// setInto binds a timer call's result (ok := t.Stop()) when the step names a variable.
func (g *gor) setInto(e *env, name string, declare bool, v bool) {
	switch {
	case name == "" || name == "_":
	case declare:
		e.declare(name, v)
	default:
		e.lookup(name).v = v
	}
}

// declareContext declares name, cancel := context.WithCancel(parent) (or WithTimeout, when timeoutNs >= 0) in e;
// parent "" is context.Background(). A script's declared contexts and its steps that make one both use it.
func (r *scriptRun) declareContext(e *env, parent string, timeoutNs int64, name, cancel string) {
	p := context.Background()
	if parent != "" {
		p = e.lookup(parent).v.(*ctxObj).ctx
	}
	c := r.newContext(p, timeoutNs)
	e.declare(name, c)
	e.declare(cancel, &cancelObj{c})
}
