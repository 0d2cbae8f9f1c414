package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
	"time"
)

// recorder keeps raw timestamps of every lock operation, delivery and drop. Timestamps are taken before its
// mutex is locked, so contention on the recorder does not show up in the figures. Filtering by the end of the
// run happens once, in summary.
type recorder struct {
	t0 time.Time

	mu         sync.Mutex
	ops        []*opRecord
	deliveries []deliveryRecord
	highest    map[string]int64 // per member, the highest message id received so far
	violations []dur            // when a member received an id lower than one it already had
	drops      []dur
}

type opRecord struct {
	rec                      *recorder
	name                     string
	requested, acq, rel      dur
	hasAcquired, hasReleased bool
	waitOnly                 bool // a wait on something other than membersMx (parallel-wait's wg.Wait): no hold
}

type deliveryRecord struct{ at, latency dur }

func newRecorder(t0 time.Time) *recorder {
	return &recorder{t0: t0, highest: map[string]int64{}}
}

// request is called just before Lock/RLock.
func (r *recorder) request(name string) *opRecord {
	op := &opRecord{rec: r, name: name, requested: time.Since(r.t0)}
	r.mu.Lock()
	r.ops = append(r.ops, op)
	r.mu.Unlock()
	return op
}

// waitFor is called just before a blocking call other than a lock (parallel-wait's wg.Wait), which Lockscope's
// summary counts as a wait of the goroutine's operation too; acquired is called when it returns.
func (r *recorder) waitFor(name string) *opRecord {
	op := r.request(name)
	op.waitOnly = true
	return op
}

// acquired is called just after Lock/RLock returns.
func (o *opRecord) acquired() {
	t := time.Since(o.rec.t0)
	o.rec.mu.Lock()
	o.acq, o.hasAcquired = t, true
	o.rec.mu.Unlock()
}

// releasing is called just before Unlock/RUnlock.
func (o *opRecord) releasing() {
	t := time.Since(o.rec.t0)
	o.rec.mu.Lock()
	o.rel, o.hasReleased = t, true
	o.rec.mu.Unlock()
}

func (r *recorder) delivery(member string, id int64, at, latency dur) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deliveries = append(r.deliveries, deliveryRecord{at, latency})
	if id < r.highest[member] {
		r.violations = append(r.violations, at)
	} else {
		r.highest[member] = id
	}
}

func (r *recorder) dropped() {
	t := time.Since(r.t0)
	r.mu.Lock()
	r.drops = append(r.drops, t)
	r.mu.Unlock()
}

// The output, in the key order of Lockscope's summary JSON (a subset of it: no events, alerts or total).
type summary struct {
	Scenario   string           `json:"scenario"`
	Ops        map[string]opOut `json:"ops"` // encoding/json sorts map keys: Add, Broadcast, Remove
	Delivery   deliveryOut      `json:"delivery"`
	Goroutines struct {
		Max int64 `json:"max"`
	} `json:"goroutines"`
}

type opOut struct {
	WaitMs       stats `json:"waitMs"`
	HoldMs       stats `json:"holdMs"`
	WaitingAtEnd int   `json:"waitingAtEnd"` // requested by the end but not acquired
	HoldingAtEnd int   `json:"holdingAtEnd"` // acquired by the end but not released
}

type deliveryOut struct {
	Count           int   `json:"count"`
	LatencyMs       stats `json:"latencyMs"`
	OrderViolations int   `json:"orderViolations"`
	Dropped         int   `json:"dropped"`
}

type stats struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
	Mean  float64 `json:"mean"`
}

// summary reports what completed by end: a wait counts once the lock was acquired by then, a hold once it was
// released by then. Times are divided by scale, so figures are in scenario milliseconds whatever the scale.
func (r *recorder) summary(end dur, scale float64, maxGoroutines int64) summary {
	r.mu.Lock()
	defer r.mu.Unlock()
	type acc struct {
		waits, holds           []dur
		waitingEnd, holdingEnd int
	}
	accs := map[string]*acc{"Add": {}, "Broadcast": {}, "Remove": {}}
	for _, op := range r.ops {
		if op.requested > end {
			continue
		}
		a := accs[op.name]
		switch {
		case !op.hasAcquired || op.acq > end:
			a.waitingEnd++
		case op.waitOnly:
			a.waits = append(a.waits, op.acq-op.requested)
		case !op.hasReleased || op.rel > end:
			a.waits = append(a.waits, op.acq-op.requested)
			a.holdingEnd++
		default:
			a.waits = append(a.waits, op.acq-op.requested)
			a.holds = append(a.holds, op.rel-op.acq)
		}
	}
	s := summary{Scenario: "", Ops: map[string]opOut{}}
	for name, a := range accs {
		s.Ops[name] = opOut{statsOf(a.waits, scale), statsOf(a.holds, scale), a.waitingEnd, a.holdingEnd}
	}
	var latencies []dur
	for _, d := range r.deliveries {
		if d.at <= end {
			latencies = append(latencies, d.latency)
		}
	}
	s.Delivery = deliveryOut{len(latencies), statsOf(latencies, scale), countUpTo(r.violations, end), countUpTo(r.drops, end)}
	s.Goroutines.Max = maxGoroutines
	return s
}

func countUpTo(times []dur, end dur) int {
	n := 0
	for _, t := range times {
		if t <= end {
			n++
		}
	}
	return n
}

// statsOf gives count, nearest-rank p50/p99 (the ceil(p/100*n)-th smallest), max and mean, in scenario ms
// rounded to 3 decimals; all zero for no values, like the simulator.
func statsOf(ds []dur, scale float64) stats {
	n := len(ds)
	if n == 0 {
		return stats{}
	}
	sorted := append([]dur(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	rank := func(p float64) dur {
		k := int(math.Ceil(p / 100 * float64(n)))
		if k < 1 {
			k = 1
		}
		return sorted[k-1]
	}
	var sum float64
	for _, d := range sorted {
		sum += float64(d)
	}
	toMs := func(ns float64) float64 { return math.Round(ns/scale/1e6*1000) / 1000 }
	return stats{n, toMs(float64(rank(50))), toMs(float64(rank(99))), toMs(float64(sorted[n-1])), toMs(sum / float64(n))}
}

// listOps writes one line per lock operation requested by end, in request order: name, request, acquire and
// release times in scenario ms ("-" when it had not happened by end). For checking a timeline by hand.
func (r *recorder) listOps(w io.Writer, end dur, scale float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	at := func(t dur, ok bool) string {
		if !ok || t > end {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(t)/scale/1e6)
	}
	ops := append([]*opRecord(nil), r.ops...)
	sort.SliceStable(ops, func(i, j int) bool { return ops[i].requested < ops[j].requested })
	for _, op := range ops {
		if op.requested > end {
			continue
		}
		if op.waitOnly {
			fmt.Fprintf(w, "%-9s wg.Wait %10s  returns %10s\n", op.name, at(op.requested, true), at(op.acq, op.hasAcquired))
		} else {
			fmt.Fprintf(w, "%-9s request %10s  acquire %10s  release %10s\n", op.name,
				at(op.requested, true), at(op.acq, op.hasAcquired), at(op.rel, op.hasAcquired && op.hasReleased))
		}
	}
}
