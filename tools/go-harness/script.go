package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The script scenario file ("kind": "script", docs/scenario-format.md), the subset the harness runs for real.
// Unknown fields are refused; fields of the format outside the subset (onces, contexts, funcs, events) are
// refused when not empty, naming the field, so that a script is never run with part of it silently dropped.
type scriptFile struct {
	Name       string            `json:"name"`
	Kind       string            `json:"kind"`
	Seed       *int64            `json:"seed"` // only select's random poll order uses it in the simulator
	DurationMs *float64          `json:"durationMs"`
	Lock       string            `json:"lock"`
	Detector   json.RawMessage   `json:"detector"` // the simulator's alert thresholds: nothing to measure here
	Locks      []lockDecl        `json:"locks"`
	Chans      []chanDecl        `json:"chans"`
	WaitGroups []nameDecl        `json:"waitgroups"`
	Conds      []condDecl        `json:"conds"`
	Onces      []json.RawMessage `json:"onces"`
	Contexts   []json.RawMessage `json:"contexts"`
	Consts     map[string]any    `json:"consts"`
	Funcs      []json.RawMessage `json:"funcs"`
	Goroutines []goroutineDecl   `json:"goroutines"`
	Events     []json.RawMessage `json:"events"`
}

type lockDecl struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type chanDecl struct {
	Name string `json:"name"`
	Type string `json:"type"`
	Cap  *int   `json:"cap"`
	Nil  bool   `json:"nil"`
}

type nameDecl struct {
	Name string `json:"name"`
}

type condDecl struct {
	Name string `json:"name"`
	Lock string `json:"lock"`
}

type goroutineDecl struct {
	Name    string            `json:"name"`
	StartMs float64           `json:"startMs"`
	Steps   []json.RawMessage `json:"steps"`
}

// Script is a checked script: declarations and each goroutine's steps, parsed. Times are scenario
// nanoseconds; the run scales them.
type Script struct {
	Name       string
	DurationMs float64
	Locks      []lockDecl
	Chans      []chanDecl
	WaitGroups []string
	Conds      []condDecl
	Consts     map[string]any
	Goroutines []scriptGoroutine
}

type scriptGoroutine struct {
	Name  string
	Start time.Duration
	Steps []step
}

type stepKind int

const (
	stLock   stepKind = iota // lock, rlock
	stUnlock                 // unlock, runlock
	stSleep
	stSend
	stRecv
	stClose
	stWgAdd // wg.Add(e), and wg.Done() as wg.Add(-1)
	stWgWait
	stCondWait
	stCondSignal
	stCondBroadcast
	stReturn
	stSelect
	stFor
)

// step is one parsed step. site is its label as Lockscope's sites name it: "GOROUTINE #LINE: TEXT", LINE being
// its line in the goroutine's Go listing (ScriptCode), TEXT the step as written or its block's line.
type step struct {
	kind   stepKind
	site   string
	name   string        // the lock, channel, WaitGroup or Cond
	read   bool          // rlock / runlock
	dur    time.Duration // sleep
	val    expr          // the value sent, the WaitGroup delta
	src    source        // where a receive takes from
	recv   recvTarget    // what a receive assigns
	cases  []selectCase  // select
	hasDef bool          // select has a default
	def    []step        // its body
	loop   loopHead      // for
	body   []step        // for
}

// source is a receive's channel: a declared channel, or a new time.After(after) each time it is evaluated.
type source struct {
	chanName string
	isAfter  bool
	after    time.Duration
}

// recvTarget names the variables a receive assigns ("" or "_": discarded).
type recvTarget struct{ v, ok string }

type selectCase struct {
	send     bool
	chanName string // send
	val      expr   // send
	src      source // receive
	recv     recvTarget
	body     []step
}

type loopKind int

const (
	loopCounted loopKind = iota
	loopRange
	loopForever
)

type loopHead struct {
	kind        loopKind
	v           string // counted: the counter; range: the received variable ("" for none)
	from, limit expr
	cmp         string
	inc         int64
	src         source // range
}

// expr is a literal or a name (a variable of the goroutine, or a constant), the only values the subset has.
type expr struct {
	isLit bool
	lit   any
	name  string
}

func loadScript(path string, data []byte) (*Script, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f scriptFile
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

// scenarioKind reads only the "kind" field, to choose the reader; a missing kind is "room", as in Lockscope.
func scenarioKind(path string) (string, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	var k struct {
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(data, &k); err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	if k.Kind == "" {
		k.Kind = "room"
	}
	return k.Kind, data, nil
}

const subset = "locks, chans, waitgroups, conds, consts and goroutines (see tools/go-harness/README.md)"

func (f *scriptFile) check() (*Script, error) {
	if f.Name == "" {
		return nil, errors.New("name: missing")
	}
	if f.DurationMs == nil || *f.DurationMs <= 0 {
		return nil, errors.New("durationMs: expected a number > 0")
	}
	if f.Lock != "" {
		if err := checkLock("lock", f.Lock); err != nil {
			return nil, err
		}
	}
	for _, field := range []struct {
		name string
		n    int
	}{{"onces", len(f.Onces)}, {"contexts", len(f.Contexts)}, {"funcs", len(f.Funcs)}, {"events", len(f.Events)}} {
		if field.n > 0 {
			return nil, fmt.Errorf("%s: not supported by the Go harness, which runs %s", field.name, subset)
		}
	}
	s := &Script{Name: f.Name, DurationMs: *f.DurationMs, Locks: f.Locks, Chans: f.Chans, Conds: f.Conds, Consts: map[string]any{}}
	kinds := map[string]string{} // name -> "mutex", "rwmutex", "chan", "waitgroup", "cond", "const"
	declare := func(where, name, kind string) error {
		if !identifier.MatchString(name) {
			return fmt.Errorf("%s.name: expected a Go identifier, got %q", where, name)
		}
		if kinds[name] != "" {
			return fmt.Errorf("%s.name: %q is declared twice", where, name)
		}
		kinds[name] = kind
		return nil
	}
	for i, l := range f.Locks {
		where := fmt.Sprintf("locks[%d]", i)
		if l.Kind != "mutex" && l.Kind != "rwmutex" {
			return nil, fmt.Errorf("%s.kind: expected mutex or rwmutex, got %q", where, l.Kind)
		}
		if err := declare(where, l.Name, l.Kind); err != nil {
			return nil, err
		}
	}
	for i, c := range f.Chans {
		where := fmt.Sprintf("chans[%d]", i)
		if c.Type == "" {
			s.Chans[i].Type = "int"
		} else if _, ok := zeroValues[c.Type]; !ok {
			return nil, fmt.Errorf("%s.type: expected int, string, bool, struct{}, error or time.Time, got %q", where, c.Type)
		}
		if c.Cap != nil && *c.Cap < 0 {
			return nil, fmt.Errorf("%s.cap: expected an integer >= 0", where)
		}
		if err := declare(where, c.Name, "chan"); err != nil {
			return nil, err
		}
	}
	for i, w := range f.WaitGroups {
		if err := declare(fmt.Sprintf("waitgroups[%d]", i), w.Name, "waitgroup"); err != nil {
			return nil, err
		}
		s.WaitGroups = append(s.WaitGroups, w.Name)
	}
	for i, c := range f.Conds {
		where := fmt.Sprintf("conds[%d]", i)
		if k := kinds[c.Lock]; k != "mutex" && k != "rwmutex" {
			return nil, fmt.Errorf("%s.lock: expected a declared lock, got %q", where, c.Lock)
		}
		if err := declare(where, c.Name, "cond"); err != nil {
			return nil, err
		}
	}
	for name, v := range f.Consts {
		switch x := v.(type) {
		case bool, string:
		case float64:
			if x != float64(int64(x)) {
				return nil, fmt.Errorf("consts.%s: expected true, false, an integer or a string, got %v", name, v)
			}
			v = int64(x)
		default:
			return nil, fmt.Errorf("consts.%s: expected true, false, an integer or a string, got %v", name, v)
		}
		if err := declare("consts."+name, name, "const"); err != nil {
			return nil, err
		}
		s.Consts[name] = v
	}
	seen := map[string]bool{}
	for i, g := range f.Goroutines {
		where := fmt.Sprintf("goroutines[%d]", i)
		if g.Name == "" {
			return nil, fmt.Errorf("%s.name: missing", where)
		}
		if seen[g.Name] {
			return nil, fmt.Errorf("%s.name: duplicate %q", where, g.Name)
		}
		seen[g.Name] = true
		if g.StartMs < 0 {
			return nil, fmt.Errorf("%s.startMs: expected a number >= 0", where)
		}
		p := &stepParser{goroutine: g.Name, kinds: kinds, vars: map[string]bool{}}
		steps, err := p.steps(where+".steps", g.Steps, 0)
		if err != nil {
			return nil, err
		}
		s.Goroutines = append(s.Goroutines, scriptGoroutine{g.Name, msToDuration(g.StartMs), steps})
	}
	return s, nil
}

var zeroValues = map[string]any{"int": int64(0), "string": "", "bool": false, "struct{}": struct{}{}, "error": nil, "time.Time": time.Time{}}

func msToDuration(ms float64) time.Duration {
	return time.Duration(ms*1e6 + 0.5)
}

// stepParser parses one goroutine's steps, numbering the lines of its Go listing as ScriptCode does: a simple
// step is one line; a block is its head line, its body, and a closing "}" line; a select case or default is
// one line before its body.
type stepParser struct {
	goroutine string
	kinds     map[string]string
	vars      map[string]bool // variables declared so far (scopes are not tracked: a subset)
	line      int
}

func (p *stepParser) next(text string) string {
	p.line++
	return fmt.Sprintf("%s #%d: %s", p.goroutine, p.line, text)
}

func (p *stepParser) steps(where string, raw []json.RawMessage, depth int) ([]step, error) {
	if depth > 32 {
		return nil, fmt.Errorf("%s: nesting deeper than 32 levels", where)
	}
	var out []step
	for i, r := range raw {
		w := fmt.Sprintf("%s[%d]", where, i)
		var text string
		if err := json.Unmarshal(r, &text); err == nil {
			st, err := p.simple(text)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", w, err)
			}
			out = append(out, st)
			continue
		}
		var block map[string]json.RawMessage
		if err := json.Unmarshal(r, &block); err != nil {
			return nil, fmt.Errorf("%s: expected a string or a block object", w)
		}
		var st step
		var err error
		switch {
		case block["select"] != nil && len(block) == 1:
			st, err = p.selectBlock(w, block["select"], depth)
		case block["for"] != nil && block["do"] != nil && len(block) == 2:
			st, err = p.forBlock(w, block["for"], block["do"], depth)
		default:
			err = fmt.Errorf("%s: the Go harness runs only select and for blocks (not if, go, defer)", w)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

var (
	identifier  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	lockVerb    = regexp.MustCompile(`^(lock|unlock|rlock|runlock)\s+(\w+)$`)
	methodCall  = regexp.MustCompile(`^(\w+)\.(Lock|Unlock|RLock|RUnlock|Add|Done|Wait|Signal|Broadcast)\((.*)\)$`)
	sleepMs     = regexp.MustCompile(`^sleep\s+(\S+)$`)
	timeSleep   = regexp.MustCompile(`^time\.Sleep\((.*)\)$`)
	sendVerb    = regexp.MustCompile(`^send\s+(\w+)$`)
	recvStmt    = regexp.MustCompile(`^(?:(\w+)(?:\s*,\s*(\w+))?\s*(:=|=)\s*)?<-\s*(.+)$`)
	sendStmt    = regexp.MustCompile(`^(\w+)\s*<-\s*(.+)$`)
	closeCall   = regexp.MustCompile(`^close\((\w+)\)$`)
	afterCall   = regexp.MustCompile(`^time\.After\((.*)\)$`)
	durationLit = regexp.MustCompile(`^(?:([0-9]+(?:\.[0-9]+)?)\s*\*\s*)?time\.(Nanosecond|Microsecond|Millisecond|Second|Minute)$`)
	countedFor  = regexp.MustCompile(`^(\w+)\s*:=\s*(\S+)\s*;\s*(\w+)\s*(<=|>=|!=|<|>)\s*(\S+)\s*;\s*(\w+)(\+\+|--)$`)
	rangeFor    = regexp.MustCompile(`^(?:(\w+)\s*:=\s*)?range\s+(\w+)$`)
)

var units = map[string]time.Duration{"Nanosecond": time.Nanosecond, "Microsecond": time.Microsecond,
	"Millisecond": time.Millisecond, "Second": time.Second, "Minute": time.Minute}

func (p *stepParser) simple(text string) (step, error) {
	t := strings.TrimSpace(text)
	switch {
	case t == "return":
		return step{kind: stReturn, site: p.next(text)}, nil
	case lockVerb.MatchString(t):
		m := lockVerb.FindStringSubmatch(t)
		return p.lockStep(text, m[2], !strings.HasPrefix(m[1], "un") && !strings.HasPrefix(m[1], "run"), strings.HasPrefix(m[1], "r"))
	case methodCall.MatchString(t):
		return p.method(text, methodCall.FindStringSubmatch(t))
	case sleepMs.MatchString(t):
		ms, err := strconv.ParseFloat(sleepMs.FindStringSubmatch(t)[1], 64)
		if err != nil || ms < 0 {
			return step{}, fmt.Errorf("sleep: expected a number of milliseconds >= 0 in %q", text)
		}
		return step{kind: stSleep, site: p.next(text), dur: msToDuration(ms)}, nil
	case timeSleep.MatchString(t):
		d, err := duration(timeSleep.FindStringSubmatch(t)[1])
		if err != nil {
			return step{}, err
		}
		return step{kind: stSleep, site: p.next(text), dur: d}, nil
	case sendVerb.MatchString(t):
		name := sendVerb.FindStringSubmatch(t)[1]
		if err := p.want(name, "chan"); err != nil {
			return step{}, err
		}
		return step{kind: stSend, site: p.next(text), name: name, val: expr{isLit: true, lit: zeroMarker{}}}, nil
	case closeCall.MatchString(t):
		name := closeCall.FindStringSubmatch(t)[1]
		if err := p.want(name, "chan"); err != nil {
			return step{}, err
		}
		return step{kind: stClose, site: p.next(text), name: name}, nil
	}
	if c, ok, err := p.comm(t); ok || err != nil {
		if err != nil {
			return step{}, err
		}
		c.site = p.next(text)
		return c, nil
	}
	return step{}, fmt.Errorf("%q is not in the Go harness's subset (locks, sleep, send, receive, close, WaitGroup, Cond, return, select, for)", text)
}

// zeroMarker stands for the channel element type's zero value (`send ch`).
type zeroMarker struct{}

// comm parses a send or a receive statement (also a select case's communication); ok is false when t is neither.
func (p *stepParser) comm(t string) (step, bool, error) {
	if m := recvStmt.FindStringSubmatch(t); m != nil {
		src, err := p.source(m[4])
		if err != nil {
			return step{}, true, err
		}
		target := recvTarget{v: m[1], ok: m[2]}
		if m[3] == ":=" {
			for _, v := range []string{m[1], m[2]} {
				if v != "" && v != "_" {
					p.vars[v] = true
				}
			}
		} else if m[3] == "=" {
			for _, v := range []string{m[1], m[2]} {
				if v != "" && v != "_" && !p.vars[v] {
					return step{}, true, fmt.Errorf("%q: %s is not a declared variable (use :=)", t, v)
				}
			}
		}
		return step{kind: stRecv, src: src, recv: target}, true, nil
	}
	if m := sendStmt.FindStringSubmatch(t); m != nil {
		if err := p.want(m[1], "chan"); err != nil {
			return step{}, true, err
		}
		v, err := p.expr(m[2])
		if err != nil {
			return step{}, true, err
		}
		return step{kind: stSend, name: m[1], val: v}, true, nil
	}
	return step{}, false, nil
}

func (p *stepParser) source(text string) (source, error) {
	text = strings.TrimSpace(text)
	if m := afterCall.FindStringSubmatch(text); m != nil {
		d, err := duration(m[1])
		if err != nil {
			return source{}, err
		}
		return source{isAfter: true, after: d}, nil
	}
	if err := p.want(text, "chan"); err != nil {
		return source{}, err
	}
	return source{chanName: text}, nil
}

func (p *stepParser) lockStep(text, name string, acquire, read bool) (step, error) {
	k := p.kinds[name]
	if k != "mutex" && k != "rwmutex" {
		return step{}, fmt.Errorf("unknown lock %q in %q", name, text)
	}
	if read && k != "rwmutex" {
		return step{}, fmt.Errorf("%q: %s is a mutex, not an rwmutex", text, name)
	}
	kind := stUnlock
	if acquire {
		kind = stLock
	}
	return step{kind: kind, site: p.next(text), name: name, read: read}, nil
}

func (p *stepParser) method(text string, m []string) (step, error) {
	name, verb, arg := m[1], m[2], strings.TrimSpace(m[3])
	switch verb {
	case "Lock", "Unlock", "RLock", "RUnlock":
		return p.lockStep(text, name, !strings.HasSuffix(verb, "Unlock"), strings.HasPrefix(verb, "R"))
	}
	if verb != "Add" && arg != "" {
		return step{}, fmt.Errorf("%q: %s takes no argument", text, verb)
	}
	kind := p.kinds[name]
	switch {
	case kind == "waitgroup" && verb == "Add":
		v, err := p.expr(arg)
		if err != nil {
			return step{}, err
		}
		return step{kind: stWgAdd, site: p.next(text), name: name, val: v}, nil
	case kind == "waitgroup" && verb == "Done":
		return step{kind: stWgAdd, site: p.next(text), name: name, val: expr{isLit: true, lit: int64(-1)}}, nil
	case kind == "waitgroup" && verb == "Wait":
		return step{kind: stWgWait, site: p.next(text), name: name}, nil
	case kind == "cond" && verb == "Wait":
		return step{kind: stCondWait, site: p.next(text), name: name}, nil
	case kind == "cond" && verb == "Signal":
		return step{kind: stCondSignal, site: p.next(text), name: name}, nil
	case kind == "cond" && verb == "Broadcast":
		return step{kind: stCondBroadcast, site: p.next(text), name: name}, nil
	}
	return step{}, fmt.Errorf("%q: %s is not a WaitGroup or Cond with a %s method", text, name, verb)
}

func (p *stepParser) want(name, kind string) error {
	if p.kinds[name] != kind {
		return fmt.Errorf("unknown %s %q", kind, name)
	}
	return nil
}

// expr parses a value: an integer, a string literal, true, false, nil, struct{}{}, a constant or a variable.
func (p *stepParser) expr(text string) (expr, error) {
	t := strings.TrimSpace(text)
	switch t {
	case "true":
		return expr{isLit: true, lit: true}, nil
	case "false":
		return expr{isLit: true, lit: false}, nil
	case "nil":
		return expr{isLit: true, lit: nil}, nil
	case "struct{}{}":
		return expr{isLit: true, lit: struct{}{}}, nil
	}
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		return expr{isLit: true, lit: n}, nil
	}
	if strings.HasPrefix(t, `"`) {
		s, err := strconv.Unquote(t)
		if err != nil {
			return expr{}, fmt.Errorf("bad string literal %s", t)
		}
		return expr{isLit: true, lit: s}, nil
	}
	if p.kinds[t] == "const" || p.vars[t] {
		return expr{name: t}, nil
	}
	return expr{}, fmt.Errorf("%q is not a value of the Go harness's subset (a literal, a constant or a variable)", t)
}

// duration parses a Go duration constant: `N * time.Unit` or `time.Unit`.
func duration(text string) (time.Duration, error) {
	m := durationLit.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return 0, fmt.Errorf("expected a duration like 100 * time.Millisecond, got %q", text)
	}
	n := 1.0
	if m[1] != "" {
		n, _ = strconv.ParseFloat(m[1], 64)
	}
	return time.Duration(n*float64(units[m[2]]) + 0.5), nil
}

func (p *stepParser) selectBlock(where string, raw json.RawMessage, depth int) (step, error) {
	var cases []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &cases); err != nil {
		return step{}, fmt.Errorf("%s.select: expected an array of cases", where)
	}
	st := step{kind: stSelect, site: p.next("select {")}
	for i, c := range cases {
		w := fmt.Sprintf("%s.select[%d]", where, i)
		if d, ok := c["default"]; ok {
			if len(c) != 1 || st.hasDef {
				return step{}, fmt.Errorf("%s: a default stands alone, once", w)
			}
			var body []json.RawMessage
			if err := json.Unmarshal(d, &body); err != nil {
				return step{}, fmt.Errorf("%s.default: expected an array of steps", w)
			}
			p.next("default:")
			steps, err := p.steps(w+".default", body, depth+1)
			if err != nil {
				return step{}, err
			}
			st.hasDef, st.def = true, steps
			continue
		}
		var text string
		if err := json.Unmarshal(c["case"], &text); err != nil || len(c) > 2 || (len(c) == 2 && c["do"] == nil) {
			return step{}, fmt.Errorf("%s: expected {\"case\": COMM, \"do\": [...]} or {\"default\": [...]}", w)
		}
		comm, ok, err := p.comm(strings.TrimSpace(text))
		if err != nil {
			return step{}, fmt.Errorf("%s.case: %w", w, err)
		}
		if !ok {
			return step{}, fmt.Errorf("%s.case: expected a send or a receive, got %q", w, text)
		}
		p.next("case " + strings.TrimSpace(text) + ":")
		var body []json.RawMessage
		if c["do"] != nil {
			if err := json.Unmarshal(c["do"], &body); err != nil {
				return step{}, fmt.Errorf("%s.do: expected an array of steps", w)
			}
		}
		steps, err := p.steps(w+".do", body, depth+1)
		if err != nil {
			return step{}, err
		}
		st.cases = append(st.cases, selectCase{send: comm.kind == stSend, chanName: comm.name, val: comm.val,
			src: comm.src, recv: comm.recv, body: steps})
	}
	p.next("}")
	return st, nil
}

func (p *stepParser) forBlock(where string, rawHead, rawBody json.RawMessage, depth int) (step, error) {
	var head string
	if err := json.Unmarshal(rawHead, &head); err != nil {
		return step{}, fmt.Errorf("%s.for: expected a string", where)
	}
	h := strings.TrimSpace(head)
	var loop loopHead
	switch {
	case h == "":
		loop.kind = loopForever
	case countedFor.MatchString(h):
		m := countedFor.FindStringSubmatch(h)
		if m[3] != m[1] || m[6] != m[1] {
			return step{}, fmt.Errorf("%s.for: expected v := start; v CMP limit; v++ (one variable), got %q", where, head)
		}
		from, err := p.expr(m[2])
		if err != nil {
			return step{}, fmt.Errorf("%s.for: %w", where, err)
		}
		p.vars[m[1]] = true
		limit, err := p.expr(m[5])
		if err != nil {
			return step{}, fmt.Errorf("%s.for: %w", where, err)
		}
		loop = loopHead{kind: loopCounted, v: m[1], from: from, limit: limit, cmp: m[4], inc: 1}
		if m[7] == "--" {
			loop.inc = -1
		}
	case rangeFor.MatchString(h):
		m := rangeFor.FindStringSubmatch(h)
		src, err := p.source(m[2])
		if err != nil {
			return step{}, fmt.Errorf("%s.for: %w", where, err)
		}
		if m[1] != "" && m[1] != "_" {
			p.vars[m[1]] = true
		}
		loop = loopHead{kind: loopRange, v: m[1], src: src}
	default:
		return step{}, fmt.Errorf("%s.for: expected \"\", \"i := 0; i < N; i++\" or \"v := range ch\", got %q", where, head)
	}
	text := "for {"
	if h != "" {
		text = "for " + h + " {"
	}
	st := step{kind: stFor, site: p.next(text), loop: loop}
	var body []json.RawMessage
	if err := json.Unmarshal(rawBody, &body); err != nil {
		return step{}, fmt.Errorf("%s.do: expected an array of steps", where)
	}
	steps, err := p.steps(where+".do", body, depth+1)
	if err != nil {
		return step{}, err
	}
	st.body = steps
	p.next("}")
	return st, nil
}
