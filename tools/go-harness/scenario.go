package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
)

// The scenario file, room kind only. Field names follow docs/scenario-format.md; unknown fields are refused
// (DisallowUnknownFields) so that a typo cannot silently change what is measured. Pointers mark the fields whose
// absence must be told apart from zero.
type scenarioFile struct {
	Name       string          `json:"name"`
	Kind       string          `json:"kind"`
	Seed       *int64          `json:"seed"`
	DurationMs *float64        `json:"durationMs"`
	Lock       string          `json:"lock"`
	Strategy   string          `json:"strategy"`
	Broadcast  *broadcastSpec  `json:"broadcast"`
	Members    []memberSpec    `json:"members"`
	Events     []eventSpec     `json:"events"`
	Reload     *reloadSpec     `json:"reload"`
	QueueLimit *int            `json:"queueLimit"`
	Detector   json.RawMessage `json:"detector"` // the simulator's alert thresholds: nothing to measure here
}

type broadcastSpec struct {
	PeriodMs *float64 `json:"periodMs"`
	StartMs  float64  `json:"startMs"`
}

type memberSpec struct {
	Name      string   `json:"name"`
	LatencyMs *float64 `json:"latencyMs"`
	JitterMs  float64  `json:"jitterMs"`
}

type reloadSpec struct {
	AfterNoUpdateMs float64 `json:"afterNoUpdateMs"`
}

type eventSpec struct {
	AtMs   *float64    `json:"atMs"`
	Join   *memberSpec `json:"join"`
	Leave  *string     `json:"leave"`
	Reload *string     `json:"reload"`
	Set    *setSpec    `json:"set"`
}

type setSpec struct {
	Member            *string  `json:"member"`
	LatencyMs         *float64 `json:"latencyMs"`
	JitterMs          *float64 `json:"jitterMs"`
	Strategy          *string  `json:"strategy"`
	Lock              *string  `json:"lock"`
	BroadcastPeriodMs *float64 `json:"broadcastPeriodMs"`
}

// Scenario is a checked room scenario with the simulator's defaults filled in. Times stay in scenario
// milliseconds; the run scales them.
type Scenario struct {
	Name          string
	Seed          int64
	DurationMs    float64
	Strategy      string
	PeriodMs      float64
	StartMs       float64
	Members       []memberSpec
	Events        []eventSpec // sorted stably by atMs
	ReloadAfterMs float64
	QueueLimit    int
}

var strategies = map[string]bool{
	"sequential": true, "goroutine-per-send": true, "parallel-wait": true, "snapshot": true, "member-queue": true,
}

func checkStrategy(where, s string) error {
	if !strategies[s] {
		return fmt.Errorf("%s: expected one of sequential, goroutine-per-send, parallel-wait, snapshot, member-queue, got %q", where, s)
	}
	return nil
}

// The simulator also models reader-preferring and fair locks; a real Go program has only sync.RWMutex.
func checkLock(where, l string) error {
	if l != "go-rwmutex" {
		return fmt.Errorf("%s: %q cannot run for real: real Go only has go-rwmutex (sync.RWMutex)", where, l)
	}
	return nil
}

func loadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f scenarioFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: expected the end after the scenario object", path)
	}
	s, err := f.check()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func (f *scenarioFile) check() (*Scenario, error) {
	s := &Scenario{Name: f.Name, Seed: 1, Strategy: "sequential", PeriodMs: 500, QueueLimit: 64}
	if f.Name == "" {
		return nil, errors.New("name: missing")
	}
	if f.Kind != "" && f.Kind != "room" {
		return nil, fmt.Errorf("kind: only \"room\" scenarios run in the Go harness, got %q", f.Kind)
	}
	if f.Seed != nil {
		s.Seed = *f.Seed
	}
	if f.DurationMs == nil || *f.DurationMs <= 0 {
		return nil, errors.New("durationMs: expected a number > 0")
	}
	s.DurationMs = *f.DurationMs
	if f.Lock != "" {
		if err := checkLock("lock", f.Lock); err != nil {
			return nil, err
		}
	}
	if f.Strategy != "" {
		if err := checkStrategy("strategy", f.Strategy); err != nil {
			return nil, err
		}
		s.Strategy = f.Strategy
	}
	if b := f.Broadcast; b != nil {
		if b.PeriodMs != nil {
			if *b.PeriodMs <= 0 {
				return nil, errors.New("broadcast.periodMs: expected a number > 0")
			}
			s.PeriodMs = *b.PeriodMs
		}
		if b.StartMs < 0 {
			return nil, errors.New("broadcast.startMs: expected a number >= 0")
		}
		s.StartMs = b.StartMs
	}
	names := map[string]bool{}
	for i, m := range f.Members {
		if err := m.check(fmt.Sprintf("members[%d]", i)); err != nil {
			return nil, err
		}
		if names[m.Name] {
			return nil, fmt.Errorf("members[%d].name: duplicate %q", i, m.Name)
		}
		names[m.Name] = true
	}
	s.Members = f.Members
	if f.Reload != nil {
		if f.Reload.AfterNoUpdateMs < 0 {
			return nil, errors.New("reload.afterNoUpdateMs: expected a number >= 0")
		}
		s.ReloadAfterMs = f.Reload.AfterNoUpdateMs
	}
	if f.QueueLimit != nil {
		if *f.QueueLimit < 1 {
			return nil, errors.New("queueLimit: expected an integer >= 1")
		}
		s.QueueLimit = *f.QueueLimit
	}
	for i, e := range f.Events {
		if err := e.check(fmt.Sprintf("events[%d]", i)); err != nil {
			return nil, err
		}
		if e.Set != nil && e.Set.Strategy != nil && (*e.Set.Strategy == "member-queue") != (s.Strategy == "member-queue") {
			// The simulator then closes or makes every member's outbox as the room's own step; real code would
			// need membersMx for that, which would change the contention measured.
			return nil, fmt.Errorf("events[%d].set.strategy: the harness runs member-queue only as the scenario's strategy, from the start", i)
		}
	}
	// Events at the same time apply in file order, as in the simulator.
	s.Events = append([]eventSpec(nil), f.Events...)
	sort.SliceStable(s.Events, func(i, j int) bool { return *s.Events[i].AtMs < *s.Events[j].AtMs })
	return s, nil
}

func (m *memberSpec) check(where string) error {
	switch {
	case m.Name == "":
		return fmt.Errorf("%s.name: missing", where)
	case m.LatencyMs == nil || *m.LatencyMs < 0:
		return fmt.Errorf("%s.latencyMs: expected a number >= 0", where)
	case m.JitterMs < 0:
		return fmt.Errorf("%s.jitterMs: expected a number >= 0", where)
	}
	return nil
}

func (e *eventSpec) check(where string) error {
	if e.AtMs == nil || *e.AtMs < 0 {
		return fmt.Errorf("%s.atMs: expected a number >= 0", where)
	}
	commands := 0
	for _, present := range []bool{e.Join != nil, e.Leave != nil, e.Reload != nil, e.Set != nil} {
		if present {
			commands++
		}
	}
	if commands != 1 {
		return fmt.Errorf("%s: expected exactly one of join, leave, reload, set", where)
	}
	switch {
	case e.Join != nil:
		return e.Join.check(where + ".join")
	case e.Set != nil:
		return e.Set.check(where + ".set")
	}
	return nil
}

func (s *setSpec) check(where string) error {
	hasNet := s.LatencyMs != nil || s.JitterMs != nil
	if (s.Member != nil) != hasNet {
		return fmt.Errorf("%s: member needs latencyMs and/or jitterMs, and they need member", where)
	}
	if (s.LatencyMs != nil && *s.LatencyMs < 0) || (s.JitterMs != nil && *s.JitterMs < 0) {
		return fmt.Errorf("%s: latencyMs and jitterMs must be >= 0", where)
	}
	if s.Strategy != nil {
		if err := checkStrategy(where+".strategy", *s.Strategy); err != nil {
			return err
		}
	}
	if s.Lock != nil {
		if err := checkLock(where+".lock", *s.Lock); err != nil {
			return err
		}
	}
	if s.BroadcastPeriodMs != nil && *s.BroadcastPeriodMs <= 0 {
		return fmt.Errorf("%s.broadcastPeriodMs: expected a number > 0", where)
	}
	if !hasNet && s.Strategy == nil && s.Lock == nil && s.BroadcastPeriodMs == nil {
		return fmt.Errorf("%s: expected at least one change", where)
	}
	return nil
}
