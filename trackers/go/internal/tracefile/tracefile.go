// Package tracefile reads a Lockscope trace written by tracking locks (format version 2, docs/trace-format.md
// and TRACE-V2) and checks every rule that such a trace must keep, strictly, for this module's tests: keys
// present and in order, times never decreasing, goroutines, locks and sites declared before use with the next
// id, every acquire preceded by its request, every release by its acquire, locks never held in conflicting
// modes, blocked only while its request waits and naming, in ascending order, goroutines that hold the lock
// or wait to write it, end last.
package tracefile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
)

// Header is the trace's first line.
type Header struct {
	Format   string         `json:"format"`
	Version  int            `json:"version"`
	Tool     string         `json:"tool"`
	Producer string         `json:"producer"`
	Details  map[string]any `json:"details"`
}

// An Event is one line after the header, site lines excepted. Fields unused by its type are zero.
type Event struct {
	Line int   // 1-based line number in the file
	T    int64 // ns since the start
	E    string
	G    int64
	Lock int
	Mode string
	Site int
	By   []int64
	Name string // spawn, lock
	Kind string // spawn, lock
}

// A Site is a declared site.
type Site struct {
	Op    string
	Label string
}

// A Lock is a declared lock.
type Lock struct {
	Name string
	Kind string
}

// A Goroutine is a spawned goroutine.
type Goroutine struct {
	Name string
	Kind string
}

// A Trace is a whole trace, or the complete lines of a cut-off one.
type Trace struct {
	Header     Header
	Events     []Event
	Sites      []Site
	Locks      []Lock
	Goroutines map[int64]Goroutine
	Open       []Event // the requests still waiting for their acquire at the end, in file order
	Ended      bool    // the end line is there
	Truncated  bool    // the file stops inside a line or inside its gzip stream (only with AllowTruncated)
}

// Options select how strict Read is.
type Options struct {
	// AllowTruncated accepts a file whose last line is incomplete or whose gzip stream stops early: Read
	// returns the complete lines before it with Truncated set.
	AllowTruncated bool
}

// ReadFile reads the trace at path (gzip recognised by its magic bytes).
func ReadFile(path string, opts Options) (*Trace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tr, err := Read(f, opts)
	if err != nil {
		return tr, fmt.Errorf("%s: %w", path, err)
	}
	return tr, nil
}

// Read reads a trace from r (gzip recognised by its magic bytes) and checks it.
func Read(r io.Reader, opts Options) (*Trace, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		zr.Multistream(false)
		br = bufio.NewReader(zr)
	}
	c := newChecker()
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		cut := err != nil && len(line) > 0 // no '\n' at the end
		if err != nil && err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) {
			if opts.AllowTruncated && n > 1 {
				c.tr.Truncated = true
				return c.tr, nil
			}
			return c.tr, fmt.Errorf("line %d: %w", n, err)
		}
		if cut {
			if opts.AllowTruncated && n > 1 {
				c.tr.Truncated = true
				return c.tr, nil
			}
			return c.tr, fmt.Errorf("line %d: no newline at the end", n)
		}
		if len(line) > 0 {
			if cerr := c.line(n, line[:len(line)-1]); cerr != nil {
				return c.tr, fmt.Errorf("line %d: %w", n, cerr)
			}
		}
		if err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) {
				if !opts.AllowTruncated {
					return c.tr, fmt.Errorf("line %d: compressed data ends early", n)
				}
				c.tr.Truncated = true
			}
			if n == 1 && len(line) == 0 {
				return c.tr, errors.New("empty file")
			}
			return c.tr, nil
		}
	}
}

type gl struct {
	g    int64
	lock int
}

type checker struct {
	tr      *Trace
	lastT   int64
	pending map[gl]Event  // requests waiting for their acquire
	writer  map[int]int64 // lock -> writer holding it
	readers map[int]map[int64]int
	prev    Event
}

func newChecker() *checker {
	return &checker{
		tr:      &Trace{Goroutines: map[int64]Goroutine{}},
		pending: map[gl]Event{},
		writer:  map[int]int64{},
		readers: map[int]map[int64]int{},
	}
}

var keyOrder = map[string][]string{
	"spawn":   {"t", "e", "g", "name", "kind", "parent"},
	"lock":    {"t", "e", "lock", "name", "kind"},
	"site":    {"t", "e", "site", "op", "label"},
	"request": {"t", "e", "g", "lock", "mode", "site"},
	"acquire": {"t", "e", "g", "lock", "mode", "site"},
	"release": {"t", "e", "g", "lock", "mode", "site"},
	"blocked": {"t", "e", "g", "lock", "by"},
	"end":     {"t", "e"},
}

func (c *checker) line(n int, b []byte) error {
	if n == 1 {
		return c.header(b)
	}
	if c.tr.Ended {
		return errors.New("a line after end")
	}
	keys, raw, err := object(b)
	if err != nil {
		return err
	}
	var e string
	if err := json.Unmarshal(raw["e"], &e); err != nil {
		return fmt.Errorf("e: %v", err)
	}
	want, ok := keyOrder[e]
	if !ok {
		return fmt.Errorf("e: unknown event type %q", e)
	}
	if fmt.Sprint(keys) != fmt.Sprint(want) {
		return fmt.Errorf("%s: keys %v, want %v", e, keys, want)
	}
	ev := Event{Line: n, E: e}
	var parent int64
	fields := map[string]any{"t": &ev.T, "g": &ev.G, "lock": &ev.Lock, "mode": &ev.Mode, "site": &ev.Site,
		"by": &ev.By, "name": &ev.Name, "kind": &ev.Kind, "parent": &parent}
	var site Site
	if e == "site" {
		fields["op"], fields["label"] = &site.Op, &site.Label
	}
	for _, k := range keys[2:] {
		if err := json.Unmarshal(raw[k], fields[k]); err != nil {
			return fmt.Errorf("%s: %v", k, err)
		}
	}
	if err := json.Unmarshal(raw["t"], &ev.T); err != nil {
		return fmt.Errorf("t: %v", err)
	}
	if ev.T < c.lastT {
		return fmt.Errorf("t %d goes back (previous line: %d)", ev.T, c.lastT)
	}
	c.lastT = ev.T
	if e == "site" {
		if ev.Site != len(c.tr.Sites) {
			return fmt.Errorf("site: declares %d, want the next id %d", ev.Site, len(c.tr.Sites))
		}
		c.tr.Sites = append(c.tr.Sites, site)
		return nil
	}
	if e == "spawn" && parent != 0 {
		return fmt.Errorf("parent: %d, want 0", parent)
	}
	if err := c.event(ev); err != nil {
		return err
	}
	c.tr.Events = append(c.tr.Events, ev)
	c.prev = ev
	return nil
}

func (c *checker) header(b []byte) error {
	keys, _, err := object(b)
	if err != nil {
		return fmt.Errorf("header: %v", err)
	}
	want := []string{"format", "version", "tool", "producer", "details"}
	if fmt.Sprint(keys) != fmt.Sprint(want) && fmt.Sprint(keys) != fmt.Sprint(want[:4]) {
		return fmt.Errorf("header: keys %v, want %v", keys, want)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	h := &c.tr.Header
	if err := dec.Decode(h); err != nil {
		return fmt.Errorf("header: %v", err)
	}
	switch {
	case h.Format != "lockscope-trace":
		return fmt.Errorf("header: format %q", h.Format)
	case h.Version != 2:
		return fmt.Errorf("header: version %d, want 2", h.Version)
	case h.Producer == "" || len(h.Producer) > 100 || h.Producer == "lockscope-sim":
		return fmt.Errorf("header: producer %q", h.Producer)
	}
	return nil
}

func (c *checker) event(ev Event) error {
	switch ev.E {
	case "spawn":
		if _, ok := c.tr.Goroutines[ev.G]; ok {
			return fmt.Errorf("spawn: goroutine %d spawned twice", ev.G)
		}
		if ev.Kind == "" || ev.Name != ev.Kind+"#"+strconv.FormatInt(ev.G, 10) {
			return fmt.Errorf("spawn: name %q, kind %q", ev.Name, ev.Kind)
		}
		c.tr.Goroutines[ev.G] = Goroutine{ev.Name, ev.Kind}
	case "lock":
		if ev.Lock != len(c.tr.Locks) {
			return fmt.Errorf("lock: declares %d, want the next id %d", ev.Lock, len(c.tr.Locks))
		}
		if ev.Kind != "mutex" && ev.Kind != "rwmutex" {
			return fmt.Errorf("lock: kind %q", ev.Kind)
		}
		c.tr.Locks = append(c.tr.Locks, Lock{ev.Name, ev.Kind})
	case "request", "acquire", "release":
		if err := c.declared(ev); err != nil {
			return err
		}
		if ev.Site < 0 || ev.Site >= len(c.tr.Sites) {
			return fmt.Errorf("site: %d used before it is declared", ev.Site)
		}
		if op, kind := c.tr.Sites[ev.Site].Op, c.tr.Goroutines[ev.G].Kind; op != kind {
			return fmt.Errorf("site %d: op %q, but goroutine %d's kind is %q", ev.Site, op, ev.G, kind)
		}
		if ev.Mode != "w" && (ev.Mode != "r" || c.tr.Locks[ev.Lock].Kind == "mutex") {
			return fmt.Errorf("mode: %q on a %s", ev.Mode, c.tr.Locks[ev.Lock].Kind)
		}
		return c.interval(ev)
	case "blocked":
		if err := c.declared(ev); err != nil {
			return err
		}
		if _, ok := c.pending[gl{ev.G, ev.Lock}]; !ok {
			return fmt.Errorf("blocked: goroutine %d has no waiting request for lock %d", ev.G, ev.Lock)
		}
		if ev.By == nil {
			return errors.New("by: null, want an array")
		}
		for i, g := range ev.By {
			if _, ok := c.tr.Goroutines[g]; !ok {
				return fmt.Errorf("by: goroutine %d not spawned", g)
			}
			if i > 0 && g <= ev.By[i-1] {
				return fmt.Errorf("by: %v not in ascending order without repeats", ev.By)
			}
			// The writer holding the lock; else readers holding it or other writers waiting for it.
			w, writes := c.writer[ev.Lock]
			waitsToWrite := g != ev.G && c.pending[gl{g, ev.Lock}].Mode == "w"
			if writes && g != w || !writes && c.readers[ev.Lock][g] == 0 && !waitsToWrite {
				return fmt.Errorf("by: goroutine %d neither holds lock %d nor waits to write it", g, ev.Lock)
			}
		}
	case "end":
		c.tr.Ended = true
		c.open()
	}
	return nil
}

// open lists the requests still waiting, in file order.
func (c *checker) open() {
	c.tr.Open = nil
	for _, e := range c.pending {
		c.tr.Open = append(c.tr.Open, e)
	}
	sort.Slice(c.tr.Open, func(i, j int) bool { return c.tr.Open[i].Line < c.tr.Open[j].Line })
}

func (c *checker) declared(ev Event) error {
	if _, ok := c.tr.Goroutines[ev.G]; !ok {
		return fmt.Errorf("%s: goroutine %d used before its spawn", ev.E, ev.G)
	}
	if ev.Lock < 0 || ev.Lock >= len(c.tr.Locks) {
		return fmt.Errorf("%s: lock %d used before it is declared", ev.E, ev.Lock)
	}
	return nil
}

// interval checks requests, acquires and releases against the holds so far.
func (c *checker) interval(ev Event) error {
	k := gl{ev.G, ev.Lock}
	switch ev.E {
	case "request":
		if p, ok := c.pending[k]; ok {
			return fmt.Errorf("request: goroutine %d already waits for lock %d (line %d)", ev.G, ev.Lock, p.Line)
		}
		c.pending[k] = ev
	case "acquire":
		if p, ok := c.pending[k]; !ok || p.Mode != ev.Mode {
			return fmt.Errorf("acquire: goroutine %d has no %s request for lock %d", ev.G, ev.Mode, ev.Lock)
		}
		delete(c.pending, k)
		if w, ok := c.writer[ev.Lock]; ok {
			return fmt.Errorf("acquire: lock %d is held for writing by goroutine %d", ev.Lock, w)
		}
		if ev.Mode == "w" {
			if n := len(c.readers[ev.Lock]); n > 0 {
				return fmt.Errorf("acquire: lock %d is held for reading by %d goroutines", ev.Lock, n)
			}
			c.writer[ev.Lock] = ev.G
		} else {
			if c.readers[ev.Lock] == nil {
				c.readers[ev.Lock] = map[int64]int{}
			}
			c.readers[ev.Lock][ev.G]++
		}
	case "release":
		if ev.Mode == "w" {
			if w, ok := c.writer[ev.Lock]; !ok || w != ev.G {
				return fmt.Errorf("release: goroutine %d does not hold lock %d for writing", ev.G, ev.Lock)
			}
			delete(c.writer, ev.Lock)
		} else {
			rs := c.readers[ev.Lock]
			if rs[ev.G] == 0 {
				return fmt.Errorf("release: goroutine %d does not hold lock %d for reading", ev.G, ev.Lock)
			}
			if rs[ev.G]--; rs[ev.G] == 0 {
				delete(rs, ev.G)
			}
		}
	}
	return nil
}

// object splits a JSON object line into its keys, in order, and their raw values.
func object(b []byte) ([]string, map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil, fmt.Errorf("not a JSON object: %.40q", b)
	}
	var keys []string
	raw := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		k := t.(string)
		if _, dup := raw[k]; dup {
			return nil, nil, fmt.Errorf("key %q twice", k)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, fmt.Errorf("%s: %v", k, err)
		}
		keys = append(keys, k)
		raw[k] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, err
	}
	if dec.More() {
		return nil, nil, errors.New("more after the object")
	}
	return keys, raw, nil
}
