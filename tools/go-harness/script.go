package main

import (
	"fmt"
	"math"
	"math/big"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The script scenario file ("kind": "script", docs/scenario-format.md), the whole language: declarations,
// constants, functions and goroutines, every step. Reading is strict, as Lockscope's ScriptReader: unknown
// fields, a bad value, a step that does not parse or does not type-check are one error naming the file, the line
// and the field path (goroutines[0].steps[2].do[1]). Scenario fields the real runtime cannot follow (a lock
// policy other than go-rwmutex, events, which in a script can only change that policy) are refused by name.

// Script is a checked script. Times are scenario nanoseconds; the run scales them.
type Script struct {
	Name       string
	DurationMs float64
	Duration   time.Duration
	Locks      []lockDecl
	Chans      []chanDecl
	WaitGroups []string
	Conds      []condDecl
	Onces      []string
	Contexts   []ctxDecl
	Consts     []constDecl
	Funcs      map[string]*funcDecl
	Goroutines []scriptGoroutine
}

type lockDecl struct {
	Name string
	Kind string // mutex, rwmutex
}

type chanDecl struct {
	Name string
	Elem goType
	Cap  int
	Nil  bool
}

type condDecl struct{ Name, Lock string }

type ctxDecl struct {
	Name, Parent, Cancel string
	TimeoutNs            int64 // < 0: WithCancel
}

type constDecl struct {
	Name  string
	Value any
}

type scriptGoroutine struct {
	Name  string
	Start time.Duration
	Steps []stmt
}

// scenarioKind reads only the "kind" field, to choose the reader; a missing kind is "room", as in Lockscope.
func scenarioKind(path string) (string, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", nil, err
	}
	root, err := parseJSON(data)
	if err != nil {
		return "", nil, fmt.Errorf("%s:%w", path, err)
	}
	if root.kind != 'o' {
		return "", nil, fmt.Errorf("%s:%d: expected a scenario object, got %s", path, root.line, root.describe())
	}
	k := root.vals["kind"]
	if k == nil {
		return "room", data, nil
	}
	if k.kind != 's' {
		return "", nil, fmt.Errorf("%s:%d: kind: expected one of room, script, got %s", path, k.line, k.describe())
	}
	return k.str, data, nil
}

// inputError is one mistake in the file: file:line: field: what was expected.
type inputError struct {
	file  string
	line  int
	field string
	msg   string
}

func (e *inputError) Error() string {
	if e.field == "" {
		return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.file, e.line, e.field, e.msg)
}

// reader reads one script file; its methods panic with *inputError, which loadScript returns.
type reader struct {
	file    string
	globals *scope
}

// obj is a JSON object at a field path.
type obj struct {
	r    *reader
	path string
	n    *jnode
}

func (o obj) pathOf(name string) string {
	if o.path == "" {
		return name
	}
	return o.path + "." + name
}

func (o obj) failAt(name, msg string) {
	line := o.n.line
	if v := o.n.vals[name]; v != nil {
		line = v.line
	}
	panic(&inputError{o.r.file, line, o.pathOf(name), msg})
}

func (o obj) fail(msg string) { panic(&inputError{o.r.file, o.n.line, o.path, msg}) }

func (o obj) has(name string) bool { return o.n.vals[name] != nil }

func (o obj) allowOnly(allowed ...string) {
	for _, k := range o.n.keys {
		if !contains(allowed, k) {
			o.failAt(k, fmt.Sprintf("unknown field %q (expected one of %s)", k, strings.Join(allowed, ", ")))
		}
	}
}

func (o obj) str(name string, required bool) string {
	v := o.n.vals[name]
	if v == nil {
		if required {
			o.fail(fmt.Sprintf("missing required field %q", name))
		}
		return ""
	}
	if v.kind != 's' {
		o.failAt(name, "expected a string, got "+v.describe())
	}
	return v.str
}

func (o obj) nonEmpty(name string) string {
	s := o.str(name, true)
	if strings.TrimSpace(s) == "" {
		o.failAt(name, fmt.Sprintf("expected a non-empty string, got %q", s))
	}
	return s
}

func (o obj) boolean(name string) bool {
	v := o.n.vals[name]
	if v == nil {
		return false
	}
	if v.kind != 'b' {
		o.failAt(name, "expected true or false, got "+v.describe())
	}
	return v.b
}

// nanos reads a time field in milliseconds, exactly; def when absent.
func (o obj) nanos(name string, def int64, positive bool) int64 {
	v := o.n.vals[name]
	if v == nil {
		return def
	}
	if v.kind != 'n' {
		o.failAt(name, "expected a number from 0 to 604800000 (milliseconds), got "+v.describe())
	}
	ns, err := msToNanos(v.num)
	if err == "" && positive && ns == 0 {
		err = "expected a number > 0, at most 604800000 (milliseconds)"
	}
	if err != "" {
		o.failAt(name, err+", got "+v.num)
	}
	return ns
}

// integer reads an integer field >= minimum (any 64-bit integer for math.MinInt64); def when absent.
func (o obj) integer(name string, def, minimum int64) int64 {
	v := o.n.vals[name]
	if v == nil {
		return def
	}
	if v.kind == 'n' {
		if r, ok := new(big.Rat).SetString(v.num); ok && r.IsInt() && r.Num().IsInt64() {
			if n := r.Num().Int64(); n >= minimum {
				return n
			}
		}
	}
	expected := fmt.Sprintf("an integer >= %d", minimum)
	if minimum == math.MinInt64 {
		expected = "an integer"
	}
	o.failAt(name, fmt.Sprintf("expected %s, got %s", expected, v.describe()))
	return 0
}

// objects reads an array field of objects.
func (o obj) objects(name string) []obj {
	var out []obj
	for i, v := range o.array(name) {
		p := fmt.Sprintf("%s[%d]", o.pathOf(name), i)
		if v.kind != 'o' {
			panic(&inputError{o.r.file, v.line, p, "expected an object, got " + v.describe()})
		}
		out = append(out, obj{o.r, p, v})
	}
	return out
}

func (o obj) array(name string) []*jnode {
	v := o.n.vals[name]
	if v == nil {
		return nil
	}
	if v.kind != 'a' {
		o.failAt(name, "expected an array, got "+v.describe())
	}
	return v.arr
}

var goIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func loadScript(path string, data []byte) (s *Script, err error) {
	root, jerr := parseJSON(data)
	if jerr != nil {
		return nil, fmt.Errorf("%s:%w", path, jerr)
	}
	r := &reader{file: path, globals: newScope(nil)}
	defer func() {
		if p := recover(); p != nil {
			if ie, ok := p.(*inputError); ok {
				s, err = nil, ie
				return
			}
			panic(p)
		}
	}()
	if root.kind != 'o' {
		panic(&inputError{path, root.line, "", "expected a scenario object, got " + root.describe()})
	}
	return r.script(obj{r, "", root}), nil
}

func (r *reader) script(root obj) *Script {
	root.allowOnly("name", "kind", "seed", "durationMs", "lock", "detector", "locks", "chans", "waitgroups",
		"conds", "onces", "contexts", "consts", "funcs", "goroutines", "events")
	s := &Script{Name: root.nonEmpty("name"), Funcs: map[string]*funcDecl{}}
	if !root.has("durationMs") {
		root.fail(`missing required field "durationMs"`)
	}
	s.Duration = time.Duration(root.nanos("durationMs", 0, true))
	s.DurationMs = float64(s.Duration) / 1e6
	root.integer("seed", 1, math.MinInt64) // only Lockscope's select poll order uses it
	if root.has("lock") {
		if l := root.str("lock", false); l != "go-rwmutex" {
			if contains([]string{"reader-preferring", "fair"}, l) {
				root.failAt("lock", fmt.Sprintf("%q cannot run for real: real Go only has go-rwmutex (sync.RWMutex)", l))
			}
			root.failAt("lock", "expected one of go-rwmutex, reader-preferring, fair, got "+strconv.Quote(l))
		}
	}
	if root.has("detector") { // the simulator's alert thresholds: checked for shape, nothing to measure here
		d := root.n.vals["detector"]
		if d.kind != 'o' {
			root.failAt("detector", "expected an object, got "+d.describe())
		}
		obj{r, "detector", d}.allowOnly("holdThresholdMs", "waitThresholdMs", "lockOrder")
	}
	if len(root.array("events")) > 0 {
		root.failAt("events", "cannot run for real: a script's events only change the lock policy, and real Go only has go-rwmutex")
	}
	for _, l := range root.objects("locks") {
		l.allowOnly("name", "kind")
		name := l.nonEmpty("name")
		k := l.str("kind", true)
		var t goType
		switch k {
		case "mutex":
			t = simple(kMutex)
		case "rwmutex":
			t = simple(kRWMutex)
		default:
			l.failAt("kind", "expected one of mutex, rwmutex, got "+strconv.Quote(k))
		}
		r.declare(l, "name", "lock", &entry{name: name, typ: t})
		s.Locks = append(s.Locks, lockDecl{name, k})
	}
	for _, c := range root.objects("chans") {
		c.allowOnly("name", "type", "cap", "nil")
		name := c.nonEmpty("name")
		elem := tInt
		if c.has("type") {
			text := c.str("type", true)
			elem = r.parseAt(c, "type", func(p *stepParser) goType {
				t := p.typeOfText(text)
				if t.kind.isObject() || t.kind == kFunc {
					panic(problem(fmt.Sprintf("expected a channel's element type (int, string, bool, struct{}, error, time.Time), got %q", text)))
				}
				return t
			})
		}
		isNil := c.boolean("nil")
		capacity := c.integer("cap", 0, 0)
		if capacity > math.MaxInt32 {
			c.failAt("cap", fmt.Sprintf("expected an integer <= %d, got %d", math.MaxInt32, capacity))
		}
		if isNil && capacity != 0 {
			c.failAt("cap", "a nil channel has no buffer: leave cap out or 0")
		}
		r.declare(c, "name", "channel", &entry{name: name, typ: chanOf(elem, dirBoth)})
		s.Chans = append(s.Chans, chanDecl{name, elem, int(capacity), isNil})
	}
	s.WaitGroups = r.named(root, "waitgroups", kWaitGroup)
	for _, c := range root.objects("conds") {
		c.allowOnly("name", "lock")
		name, lock := c.nonEmpty("name"), c.nonEmpty("lock")
		if e := r.globals.find(lock); e == nil || (e.typ.kind != kMutex && e.typ.kind != kRWMutex) {
			c.failAt("lock", fmt.Sprintf("unknown lock %q (declared: %s)", lock, strings.Join(r.globals.namesOf(kMutex, kRWMutex), ", ")))
		}
		r.declare(c, "name", "cond", &entry{name: name, typ: simple(kCond)})
		s.Conds = append(s.Conds, condDecl{name, lock})
	}
	s.Onces = r.named(root, "onces", kOnce)
	for _, c := range root.objects("contexts") {
		c.allowOnly("name", "parent", "timeoutMs", "cancel")
		name := c.nonEmpty("name")
		parent := ""
		if c.has("parent") {
			parent = c.nonEmpty("parent")
			if e := r.globals.find(parent); e == nil || e.typ.kind != kContext {
				c.failAt("parent", fmt.Sprintf("unknown context %q (declared: %s; leave parent out for context.Background())", parent, strings.Join(r.globals.namesOf(kContext), ", ")))
			}
		}
		timeout := c.nanos("timeoutMs", -1, false)
		cancel := "cancel"
		field := "name"
		if c.has("cancel") {
			cancel, field = c.nonEmpty("cancel"), "cancel"
		}
		r.declare(c, "name", "context", &entry{name: name, typ: simple(kContext)})
		r.declare(c, field, "cancel function", &entry{name: cancel, typ: simple(kCancel)})
		s.Contexts = append(s.Contexts, ctxDecl{name, parent, cancel, timeout})
	}
	if v := root.n.vals["consts"]; v != nil {
		if v.kind != 'o' {
			root.failAt("consts", "expected an object, got "+v.describe())
		}
		c := obj{r, "consts", v}
		for _, name := range v.keys {
			x := v.vals[name]
			var val any
			var t goType
			switch x.kind {
			case 'b':
				val, t = x.b, tBool
			case 's':
				val, t = x.str, tString
			case 'n':
				val, t = c.integer(name, 0, math.MinInt64), tInt
			default:
				c.failAt(name, "expected true, false, an integer or a string, got "+x.describe())
			}
			r.declare(c, name, "constant", &entry{name: name, typ: t, constant: true})
			s.Consts = append(s.Consts, constDecl{name, val})
		}
	}
	// Function signatures first, so that any step may call any function.
	funcObjs := root.objects("funcs")
	var decls []*funcDecl
	for _, f := range funcObjs {
		f.allowOnly("name", "params", "steps")
		name := f.nonEmpty("name")
		ps := newScope(r.globals)
		var params []param
		for i, v := range f.array("params") {
			path := fmt.Sprintf("%s[%d]", f.pathOf("params"), i)
			if v.kind != 's' {
				panic(&inputError{r.file, v.line, path, `expected a parameter such as "ch chan int", got ` + v.describe()})
			}
			p := parseWith(r, path, v.line, ps, at{}, func(sp *stepParser) param { return sp.param(v.str) })
			if ps.names[p.name] != nil {
				panic(&inputError{r.file, v.line, path, fmt.Sprintf("duplicate parameter %q", p.name)})
			}
			ps.declare(p.name, p.typ)
			params = append(params, p)
		}
		r.declare(f, "name", "function", &entry{name: name, typ: simple(kFunc), params: params})
		d := &funcDecl{name: name, params: params}
		decls = append(decls, d)
		s.Funcs[name] = d
	}
	for i, f := range funcObjs {
		body := newScope(r.globals)
		for _, p := range decls[i].params {
			body.declare(p.name, p.typ)
		}
		b := &body_{r: r, listing: decls[i].name, line: new(int), fn: decls[i].name, closures: new(int)}
		decls[i].body = b.steps(f, "steps", body)
		r.lockCheck(f, decls[i].name, decls[i].body)
	}
	names := map[string]bool{}
	for _, g := range root.objects("goroutines") {
		g.allowOnly("name", "startMs", "steps")
		name := g.nonEmpty("name")
		if names[name] {
			g.failAt("name", fmt.Sprintf("duplicate goroutine name %q", name))
		}
		names[name] = true
		start := g.nanos("startMs", 0, false)
		b := &body_{r: r, listing: name, line: new(int), fn: name, closures: new(int)}
		steps := b.steps(g, "steps", newScope(r.globals))
		r.lockCheck(g, name, steps)
		s.Goroutines = append(s.Goroutines, scriptGoroutine{name, time.Duration(start), steps})
	}
	return s
}

func (r *reader) named(root obj, field string, k kind) []string {
	var out []string
	for _, o := range root.objects(field) {
		o.allowOnly("name")
		name := o.nonEmpty("name")
		r.declare(o, "name", field, &entry{name: name, typ: simple(k)})
		out = append(out, name)
	}
	return out
}

func (r *reader) declare(o obj, field, what string, e *entry) {
	if !(field == "name" && strings.HasPrefix(o.path, "locks")) && (!goIdent.MatchString(e.name) || e.name == "_") {
		o.failAt(field, fmt.Sprintf("expected a Go identifier (letters, digits, _), got %q", e.name))
	}
	if r.globals.names[e.name] != nil {
		if what == "lock" {
			o.failAt(field, fmt.Sprintf("duplicate lock name %q", e.name))
		}
		o.failAt(field, fmt.Sprintf("duplicate name %q (every lock, primitive, constant and function of a script has a name of its own)", e.name))
	}
	r.globals.declareEntry(e)
}

// lockCheck is Lockscope's ScriptCheck: in a body of lock and sleep steps only, every unlock must release a hold
// the body took earlier (Go's fatal error, found when reading).
func (r *reader) lockCheck(o obj, name string, steps []stmt) {
	for _, s := range steps {
		switch s.(type) {
		case *sLock, *sSleep:
		default:
			return
		}
	}
	var held []string
	items := o.array("steps")
	for i, s := range steps {
		l, ok := s.(*sLock)
		if !ok {
			continue
		}
		key := l.lock + map[bool]string{true: "/r", false: "/w"}[l.read]
		if l.acquire {
			held = append(held, key)
			continue
		}
		found := -1
		for j, h := range held {
			if h == key {
				found = j
				break
			}
		}
		if found < 0 {
			verb := "lock "
			if l.read {
				verb = "rlock "
			}
			panic(&inputError{r.file, items[i].line, fmt.Sprintf("%s[%d]", o.pathOf("steps"), i),
				fmt.Sprintf("%q releases %s but %s does not hold it at that step (expected an earlier \"%s%s\")", items[i].str, l.lock, name, verb, l.lock)})
		}
		held = append(held[:found], held[found+1:]...)
	}
}

// parseWith runs a step parser on the text at path, turning its problem into that field's input error.
func parseWith[T any](r *reader, path string, line int, sc *scope, a at, f func(*stepParser) T) T {
	defer r.problemAt(path, line)
	return f(&stepParser{sc: sc, at: a})
}

func (r *reader) problemAt(path string, line int) {
	if p := recover(); p != nil {
		if msg, ok := p.(problem); ok {
			panic(&inputError{r.file, line, path, string(msg)})
		}
		panic(p)
	}
}

func (r *reader) parseAt(o obj, field string, f func(*stepParser) goType) goType {
	return parseWith(r, o.pathOf(field), o.n.vals[field].line, newScope(r.globals), at{}, f)
}
