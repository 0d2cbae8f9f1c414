package main

import (
	"math"
	"math/rand"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// dur is real elapsed time since the run started (monotonic clock), already multiplied by -scale.
type dur = time.Duration

func sleep(d dur) { time.Sleep(d) }

// harness drives the room: the ticker, the timed events, clients' reloads and the members' network settings.
// Its state has its own mutex (mu), a leaf lock that is never held while taking membersMx.
type harness struct {
	sc          *Scenario
	scale       float64
	t0          time.Time
	rec         *recorder
	room        *Room
	queueLimit  int
	reloadAfter dur

	maxGoroutines atomic.Int64

	mu            sync.Mutex
	nets          map[string]network // every member ever named, in the room or not, as in the simulator
	rng           *rand.Rand         // jitter; math/rand.Rand is not safe for concurrent use
	clients       map[string]*client
	strategy      string
	period        dur
	lastTick      dur // start of the last broadcast, -1 before the first
	periodChanged chan struct{}
}

type network struct{ latency, jitter dur }

// client is what a member's client knows, for reloads (mirrors the simulator's Room.Client).
type client struct {
	lastUpdate dur
	generation int64
	inRoom     bool
	reloading  bool
	departed   bool
}

func newHarness(sc *Scenario, scale float64) *harness {
	h := &harness{
		sc: sc, scale: scale, queueLimit: sc.QueueLimit,
		nets: map[string]network{}, clients: map[string]*client{},
		rng:      rand.New(rand.NewSource(sc.Seed)),
		strategy: sc.Strategy, lastTick: -1,
		periodChanged: make(chan struct{}, 1),
	}
	h.period = h.ms(sc.PeriodMs)
	h.reloadAfter = h.ms(sc.ReloadAfterMs)
	h.room = &Room{h: h}
	return h
}

// ms converts scenario milliseconds to real time.
func (h *harness) ms(x float64) dur { return dur(math.Round(x * h.scale * 1e6)) }

func (h *harness) now() dur { return time.Since(h.t0) }

// sleepUntil sleeps to an absolute point of the run, so that lateness does not accumulate.
func (h *harness) sleepUntil(at dur) { time.Sleep(time.Until(h.t0.Add(at))) }

// run plays the scenario until durationMs and returns the figures of what completed by then.
func (h *harness) run() summary {
	end := h.ms(h.sc.DurationMs)
	h.t0 = time.Now()
	h.rec = newRecorder(h.t0)
	h.mu.Lock()
	for _, m := range h.sc.Members { // in the list at t=0, without taking the lock
		h.nets[m.Name] = h.network(m)
		h.room.members = append(h.room.members, h.room.newMember(m.Name, h.sc.Strategy == "member-queue"))
		h.joinedLocked(m.Name)
	}
	h.mu.Unlock()
	go h.ticker(end)
	go h.events(end)
	go h.sampleGoroutines(end)
	h.sleepUntil(end)
	// Operations that finished just before the end are recorded a few µs later; give them a moment, then
	// report only what finished by the end. Stragglers are not waited for.
	time.Sleep(20 * time.Millisecond)
	return h.rec.summary(end, h.scale, h.maxGoroutines.Load())
}

func (h *harness) network(m memberSpec) network {
	return network{latency: h.ms(*m.LatencyMs), jitter: h.ms(m.JitterMs)}
}

// ticker starts `go r.Broadcast(msg)` every period on an absolute schedule (start + k*period), not a
// time.Ticker, so one late wake-up does not shift all later broadcasts.
func (h *harness) ticker(end dur) {
	h.mu.Lock()
	next := h.ms(h.sc.StartMs)
	h.mu.Unlock()
	var id int64
	for {
		wait := time.NewTimer(time.Until(h.t0.Add(minDur(next, end))))
		select {
		case <-wait.C:
			if next >= end {
				return
			}
			h.mu.Lock()
			h.lastTick = next
			strategy := h.strategy // a strategy change applies to broadcasts that start afterwards
			next += h.period
			h.mu.Unlock()
			id++
			go h.room.Broadcast(message{id: id, start: h.now()}, strategy)
			h.sampleNow()
		case <-h.periodChanged:
			wait.Stop()
			// As the simulator: the next broadcast is due one new period after the last one started,
			// at once if that is already past.
			h.mu.Lock()
			now := h.now()
			if h.lastTick < 0 {
				next = maxDur(h.ms(h.sc.StartMs), now)
			} else {
				next = maxDur(now, h.lastTick+h.period)
			}
			h.mu.Unlock()
		}
	}
}

// events applies the timed commands at their times, in file order for equal times.
func (h *harness) events(end dur) {
	for _, e := range h.sc.Events {
		at := h.ms(*e.AtMs)
		if at >= end {
			return
		}
		h.sleepUntil(at)
		h.apply(e)
		h.sampleNow()
	}
}

func (h *harness) apply(e eventSpec) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case e.Join != nil:
		h.nets[e.Join.Name] = h.network(*e.Join)
		h.client(e.Join.Name).departed = false
		go h.room.Add(e.Join.Name, false)
	case e.Leave != nil:
		h.client(*e.Leave).departed = true
		go h.room.Remove(*e.Leave)
	case e.Reload != nil:
		h.startReloadLocked(*e.Reload)
	case e.Set != nil:
		s := e.Set
		if s.Member != nil {
			if n, ok := h.nets[*s.Member]; ok { // unknown members are ignored, as in the simulator
				if s.LatencyMs != nil {
					n.latency = h.ms(*s.LatencyMs)
				}
				if s.JitterMs != nil {
					n.jitter = h.ms(*s.JitterMs)
				}
				h.nets[*s.Member] = n
			}
		}
		if s.Strategy != nil {
			h.strategy = *s.Strategy
		}
		// s.Lock can only be go-rwmutex (checked on load): nothing to change.
		if s.BroadcastPeriodMs != nil {
			h.period = h.ms(*s.BroadcastPeriodMs)
			select {
			case h.periodChanged <- struct{}{}:
			default: // the ticker has a wake-up pending already and will read the new period
			}
		}
	}
}

// usesOutboxes says whether a member who joins now gets an outbox: whether member-queue is in force.
func (h *harness) usesOutboxes() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.strategy == "member-queue"
}

// sendDuration is the member's latency when the send starts, plus uniform jitter in [-j, +j], never below 0.
func (h *harness) sendDuration(name string) dur {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.nets[name]
	d := n.latency
	if n.jitter > 0 {
		d += dur(h.rng.Int63n(2*int64(n.jitter)+1)) - n.jitter
	}
	return maxDur(d, 0)
}

func (h *harness) delivered(name string, msg message) {
	at := h.now()
	h.rec.delivery(name, msg.id, at, at-msg.start)
	h.mu.Lock()
	if c := h.clients[name]; c != nil {
		c.lastUpdate = at
	}
	h.mu.Unlock()
}

func (h *harness) client(name string) *client {
	c := h.clients[name]
	if c == nil {
		c = &client{}
		h.clients[name] = c
	}
	return c
}

// mayAdd tells Add whether to append: a reload does not re-add a member who left by a command meanwhile.
func (h *harness) mayAdd(name string, byReload bool) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.client(name)
	if byReload {
		c.reloading = false
		return !c.departed
	}
	return true
}

func (h *harness) joined(name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.joinedLocked(name)
}

func (h *harness) joinedLocked(name string) {
	c := h.client(name)
	c.inRoom = true
	c.lastUpdate = h.now()
	c.generation++
	if h.reloadAfter > 0 {
		h.scheduleReloadCheck(name, c.generation, h.reloadAfter)
	}
}

func (h *harness) left(name string) {
	h.mu.Lock()
	h.client(name).inRoom = false
	h.mu.Unlock()
}

// A client that has received nothing for reload.afterNoUpdateMs (since it joined or since its last delivery)
// reloads: one goroutine runs Remove, then Add.
func (h *harness) scheduleReloadCheck(name string, generation int64, after dur) {
	time.AfterFunc(after, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		c := h.clients[name]
		if c.generation != generation || !c.inRoom || c.reloading || c.departed {
			return
		}
		if due := c.lastUpdate + h.reloadAfter; h.now() < due {
			h.scheduleReloadCheck(name, generation, due-h.now())
			return
		}
		h.startReloadLocked(name)
	})
}

func (h *harness) startReloadLocked(name string) {
	c := h.client(name)
	if !c.inRoom || c.reloading || c.departed {
		return
	}
	c.reloading = true
	go h.room.Reload(name)
}

// sampleGoroutines polls runtime.NumGoroutine every millisecond (real time) until the end; the ticker and
// the events also sample right after starting goroutines. The count includes the harness's own goroutines.
func (h *harness) sampleGoroutines(end dur) {
	t := time.NewTicker(time.Millisecond)
	defer t.Stop()
	for h.now() < end {
		h.sampleNow()
		<-t.C
	}
}

func (h *harness) sampleNow() {
	n := int64(runtime.NumGoroutine())
	for {
		old := h.maxGoroutines.Load()
		if n <= old || h.maxGoroutines.CompareAndSwap(old, n) {
			return
		}
	}
}

func minDur(a, b dur) dur {
	if a < b {
		return a
	}
	return b
}

func maxDur(a, b dur) dur {
	if a > b {
		return a
	}
	return b
}
