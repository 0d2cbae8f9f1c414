package main

import (
	"strings"
)

// The Go types a script can name (Lockscope's GoType), checked when the script is read.
type kind int

const (
	kMutex kind = iota
	kRWMutex
	kChan
	kWaitGroup
	kCond
	kOnce
	kContext
	kCancel
	kTimer
	kTicker
	kAfterFunc
	kInt
	kString
	kBool
	kStruct
	kError
	kTime
	kFunc
)

// isObject: a lock or primitive (passed by reference), not a value.
func (k kind) isObject() bool {
	switch k {
	case kInt, kString, kBool, kStruct, kError, kTime, kFunc:
		return false
	}
	return true
}

type chanDir int

const (
	dirBoth chanDir = iota
	dirSend
	dirRecv
)

type goType struct {
	kind kind
	elem *goType // a channel's element type
	dir  chanDir
}

var (
	tInt    = goType{kind: kInt}
	tString = goType{kind: kString}
	tBool   = goType{kind: kBool}
	tStruct = goType{kind: kStruct}
	tError  = goType{kind: kError}
	tTime   = goType{kind: kTime}
)

func simple(k kind) goType { return goType{kind: k} }

func chanOf(elem goType, d chanDir) goType { return goType{kind: kChan, elem: &elem, dir: d} }

func (t goType) equal(o goType) bool {
	if t.kind != o.kind || t.dir != o.dir {
		return false
	}
	if t.kind == kChan {
		return t.elem.equal(*o.elem)
	}
	return true
}

// accepts: whether a value of type from may be used where t is expected (GoType.accepts).
func (t goType) accepts(from goType) bool {
	if t.kind == kChan && from.kind == kChan {
		if !t.elem.equal(*from.elem) {
			return false
		}
		if t.dir == dirBoth {
			return from.dir == dirBoth
		}
		return from.dir == dirBoth || from.dir == t.dir
	}
	return t.kind == from.kind
}

// zero is the zero value of a value type, as the harness represents values: int64, string, bool, struct{}{},
// nil (error), time.Time{}.
func (t goType) zero() any {
	switch t.kind {
	case kInt:
		return int64(0)
	case kString:
		return ""
	case kBool:
		return false
	case kStruct:
		return struct{}{}
	case kTime:
		return zeroTime
	}
	return nil
}

func (t goType) String() string {
	switch t.kind {
	case kChan:
		switch t.dir {
		case dirRecv:
			return "<-chan " + t.elem.String()
		case dirSend:
			return "chan<- " + t.elem.String()
		}
		return "chan " + t.elem.String()
	case kMutex:
		return "*sync.Mutex"
	case kRWMutex:
		return "*sync.RWMutex"
	case kWaitGroup:
		return "*sync.WaitGroup"
	case kCond:
		return "*sync.Cond"
	case kOnce:
		return "*sync.Once"
	case kContext:
		return "context.Context"
	case kCancel:
		return "context.CancelFunc"
	case kTimer, kAfterFunc:
		return "*time.Timer"
	case kTicker:
		return "*time.Ticker"
	case kInt:
		return "int"
	case kString:
		return "string"
	case kBool:
		return "bool"
	case kStruct:
		return "struct{}"
	case kError:
		return "error"
	case kTime:
		return "time.Time"
	}
	return "func()"
}

type param struct {
	name string
	typ  goType
}

// entry is a name a step can see: its type, whether it is a constant, a function's parameters.
type entry struct {
	name     string
	typ      goType
	constant bool
	params   []param
}

// scope: the names a step can see, innermost block first (Lockscope's Scope).
type scope struct {
	parent *scope
	names  map[string]*entry
	order  []string
	// whether a break has a loop or select of this function to leave, and a continue a loop
	canBreak, canContinue bool
}

func newScope(parent *scope) *scope {
	s := &scope{parent: parent, names: map[string]*entry{}}
	if parent != nil {
		s.canBreak, s.canContinue = parent.canBreak, parent.canContinue
	}
	return s
}

// loopBody: break and continue apply to the loop.
func loopBody(parent *scope) *scope {
	s := newScope(parent)
	s.canBreak, s.canContinue = true, true
	return s
}

// caseBody: a select case's; break leaves the select, continue is the enclosing loop's, if any.
func caseBody(parent *scope) *scope {
	s := newScope(parent)
	s.canBreak = true
	return s
}

// funcBody: a go or defer block's, a function of its own.
func funcBody(parent *scope) *scope {
	s := newScope(parent)
	s.canBreak, s.canContinue = false, false
	return s
}

// isGlobal: name resolves to the outermost scope, a script's declaration.
func (s *scope) isGlobal(name string) bool {
	for c := s; c != nil; c = c.parent {
		if c.names[name] != nil {
			return c.parent == nil
		}
	}
	return false
}

func (s *scope) find(name string) *entry {
	for c := s; c != nil; c = c.parent {
		if e := c.names[name]; e != nil {
			return e
		}
	}
	return nil
}

func (s *scope) declareEntry(e *entry) {
	if e.name == "_" {
		return
	}
	if s.names[e.name] != nil {
		panic(problem(e.name + " is declared already in this block"))
	}
	s.names[e.name] = e
	s.order = append(s.order, e.name)
}

func (s *scope) declare(name string, t goType) { s.declareEntry(&entry{name: name, typ: t}) }

// namesOf: visible names of those kinds, innermost first, each once: for error messages.
func (s *scope) namesOf(kinds ...kind) []string {
	var out []string
	seen := map[string]bool{}
	for c := s; c != nil; c = c.parent {
		for _, n := range c.order {
			e := c.names[n]
			for _, k := range kinds {
				if e.typ.kind == k && !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

func declaredList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// problem is a mistake in a step's text (StepParser.Problem); the reader adds the file, line and field.
type problem string
