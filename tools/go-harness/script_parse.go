package main

import (
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// The one-line texts of a script (docs/scenario-format.md, "Steps"): a port of Lockscope's StepLexer and
// StepParser, with the same grammar, the same checks and, where it was simple to keep, the same wording. Every
// name is resolved in the scope of its step and its type checked, so that a script that reads can run.

type tokKind int

const (
	tokIdent tokKind = iota
	tokNumber
	tokString
	tokOp
	tokEnd
)

type token struct {
	kind tokKind
	text string
}

func (t token) is(s string) bool { return t.kind != tokString && t.kind != tokEnd && t.text == s }

func (t token) String() string {
	switch t.kind {
	case tokEnd:
		return "the end of the step"
	case tokString:
		return strconv.Quote(t.text)
	}
	return `"` + t.text + `"`
}

var ops = []string{"<-", ":=", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "<", ">", "=", "!", "+", "-", "*",
	",", ";", "(", ")", "{", "}", "&", ".", ":", "_"}

func isIdentPart(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' }

func lex(text string) []token {
	var out []token
	r := []rune(text)
	n := len(r)
	for i := 0; i < n; {
		c := r[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case unicode.IsLetter(c) || (c == '_' && i+1 < n && isIdentPart(r[i+1])):
			s := i
			for i < n && isIdentPart(r[i]) {
				i++
			}
			out = append(out, token{tokIdent, string(r[s:i])})
		case unicode.IsDigit(c):
			s := i
			for i < n && (unicode.IsDigit(r[i]) || r[i] == '.' && i+1 < n && unicode.IsDigit(r[i+1])) {
				i++
			}
			out = append(out, token{tokNumber, string(r[s:i])})
		case c == '"':
			var sb strings.Builder
			i++
			for {
				if i >= n {
					panic(problem("a string that is not closed: " + text[strings.LastIndex(text, `"`):]))
				}
				d := r[i]
				i++
				if d == '"' {
					break
				}
				if d == '\\' && i < n {
					e := r[i]
					i++
					switch e {
					case 'n':
						sb.WriteRune('\n')
					case 't':
						sb.WriteRune('\t')
					case '"', '\\':
						sb.WriteRune(e)
					default:
						panic(problem(fmt.Sprintf("unknown escape \\%c in a string", e)))
					}
				} else {
					sb.WriteRune(d)
				}
			}
			out = append(out, token{tokString, sb.String()})
		default:
			op := ""
			for _, o := range ops {
				if strings.HasPrefix(string(r[i:]), o) {
					op = o
					break
				}
			}
			if op == "" {
				panic(problem(fmt.Sprintf("unexpected character '%c'", c)))
			}
			out = append(out, token{tokOp, op})
			i += len([]rune(op))
		}
	}
	return append(out, token{kind: tokEnd})
}

const stepsExpected = `expected a step such as "lock X", "sleep MS", "ch <- v", "v := <-ch", "close(ch)", "wg.Wait()", "f(x)", "go f(x)" or "return"`

var (
	lockRe  = regexp.MustCompile(`^\s*(lock|unlock|rlock|runlock)\s+(\S+)\s*$`)
	sleepRe = regexp.MustCompile(`^\s*sleep\s+(\S+)\s*$`)
	units   = map[string]int64{"Nanosecond": 1, "Microsecond": 1000, "Millisecond": 1000000, "Second": 1000000000,
		"Minute": 60000000000}
)

const weekNs = int64(7 * 24 * 3600 * 1000000000)

// stepParser parses the texts of one function's steps in a scope. at is the site of the step being parsed.
type stepParser struct {
	sc     *scope
	at     at
	toks   []token
	pos    int
	source string
}

func (p *stepParser) start(text string) {
	p.source, p.toks, p.pos = text, lex(text), 0
}

func (p *stepParser) peekN(k int) token {
	i := p.pos + k
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	return p.toks[i]
}

func (p *stepParser) peek() token { return p.peekN(0) }

func (p *stepParser) peekIs(k int, s string) bool {
	t := p.peekN(k)
	if s == "" {
		return t.kind == tokEnd
	}
	return t.is(s)
}

func (p *stepParser) next() token {
	t := p.peek()
	if t.kind != tokEnd {
		p.pos++
	}
	return t
}

func (p *stepParser) expect(s string) {
	if t := p.next(); !t.is(s) {
		panic(problem(fmt.Sprintf("expected %q, got %s", s, t)))
	}
}

func (p *stepParser) ident(what string) string {
	t := p.next()
	if t.kind != tokIdent {
		panic(problem(fmt.Sprintf("expected %s, got %s", what, t)))
	}
	return t.text
}

func (p *stepParser) identOrBlank() string {
	if p.peekIs(0, "_") {
		p.pos++
		return "_"
	}
	return p.ident("a name")
}

func (p *stepParser) end() {
	if p.peek().kind != tokEnd {
		panic(problem(fmt.Sprintf("unexpected %s after the statement", p.peek())))
	}
}

// ---- entry points ----

// step parses a simple step.
func (p *stepParser) step(text string) stmt {
	if m := lockRe.FindStringSubmatch(text); m != nil {
		return p.lockStep(m[1], m[2])
	}
	if m := sleepRe.FindStringSubmatch(text); m != nil {
		return &sSleep{p.at, sleepNanos(m[1])}
	}
	p.start(text)
	if p.peek().kind == tokEnd {
		panic(problem(stepsExpected + ", got an empty step"))
	}
	if p.peekIs(0, "time") && p.peekIs(1, ".") && p.peekIs(2, "Sleep") {
		p.pos += 3
		p.expect("(")
		ns := p.duration()
		p.expect(")")
		p.end()
		return &sSleep{p.at, ns}
	}
	s := p.statement(true)
	p.end()
	return s
}

// forHead parses a for head in the loop's scope, declaring its variable.
func (p *stepParser) forHead(text string) forHead {
	p.start(text)
	if p.peekIs(0, "") {
		return forHead{kind: 'f'}
	}
	declares := p.peekIs(0, "range") || p.peekIs(0, "_") && p.peekIs(1, ",") ||
		p.peek().kind == tokIdent && p.peekIs(1, ":=")
	if !declares {
		cond := p.expr()
		p.end()
		p.requireType(cond, tBool, "the loop's condition")
		return forHead{kind: 'w', cond: cond}
	}
	if p.peekIs(0, "range") {
		p.pos++
		ch := p.chanExpr(true)
		p.end()
		return forHead{kind: 'r', src: ch}
	}
	v := p.ident("a loop variable")
	if p.peekIs(0, ":=") && p.peekIs(1, "range") {
		p.pos += 2
		ch := p.chanExpr(true)
		p.end()
		elem := p.elemOf(ch)
		p.sc.declare(v, elem)
		return forHead{kind: 'r', v: v, src: ch, zero: elem.zero()}
	}
	p.expect(":=")
	from := p.expr()
	p.requireType(from, tInt, "the loop variable's start")
	p.expect(";")
	p.sc.declare(v, tInt)
	if !p.peekIs(0, v) {
		panic(problem(fmt.Sprintf("expected the condition to test %s (\"%s < N\"), got %s", v, v, p.peek())))
	}
	p.pos++
	cmp := p.next().text
	switch cmp {
	case "<", "<=", ">", ">=", "!=":
	default:
		panic(problem(fmt.Sprintf("expected <, <=, >, >= or != in the condition, got %q", cmp)))
	}
	limit := p.expr()
	p.requireType(limit, tInt, "the loop's limit")
	p.expect(";")
	if !p.peekIs(0, v) {
		panic(problem(fmt.Sprintf("expected \"%s++\" or \"%s--\" after the condition, got %s", v, v, p.peek())))
	}
	p.pos++
	step := int64(0)
	if p.peekIs(0, "++") {
		step = 1
	} else if p.peekIs(0, "--") {
		step = -1
	} else {
		panic(problem(fmt.Sprintf("expected \"%s++\" or \"%s--\", got %s", v, v, p.peek())))
	}
	p.pos++
	p.end()
	return forHead{kind: 'c', v: v, from: from, cmp: cmp, limit: limit, step: step}
}

func (p *stepParser) condition(text string) expr {
	p.start(text)
	e := p.expr()
	p.end()
	p.requireType(e, tBool, "the condition")
	return e
}

// comm parses a select case's send or receive, declaring its received names in the case's scope.
func (p *stepParser) comm(text string) stmt {
	p.start(text)
	s := p.statement(false)
	p.end()
	switch s.(type) {
	case *sSend, *sRecv:
		return s
	}
	panic(problem(fmt.Sprintf(`expected a send ("ch <- v") or a receive ("<-ch", "v := <-ch", "v, ok := <-ch") in a select case, got %q`, text)))
}

func (p *stepParser) param(text string) param {
	p.start(text)
	name := p.ident("a parameter name")
	t := p.typ()
	p.end()
	if t.kind == kFunc {
		panic(problem("a parameter cannot be a function; name the function where it is used"))
	}
	return param{name, t}
}

func (p *stepParser) typeOfText(text string) goType {
	p.start(text)
	t := p.typ()
	p.end()
	return t
}

// ---- statements ----

func (p *stepParser) statement(top bool) stmt {
	t := p.peek()
	if t.is("<-") {
		p.pos++
		from := p.chanExpr(true)
		return &sRecv{at: p.at, from: from, zero: p.elemOf(from).zero()}
	}
	if t.kind != tokIdent && !t.is("_") {
		panic(problem(fmt.Sprintf("%s, got %q", stepsExpected, p.source)))
	}
	switch t.text {
	case "send":
		if p.peekN(1).kind == tokIdent && p.peekIs(2, "") {
			p.pos++
			ch := p.chanName(p.next().text, true)
			return &sSend{at: p.at, ch: ch, zero: p.entry(ch).typ.elem.zero()}
		}
	case "return":
		p.pos++
		return &sReturn{p.at}
	case "break":
		p.pos++
		if !p.sc.canBreak {
			panic(problem("break is not in a loop or select (of this function: a go or defer block is a function of its own)"))
		}
		return &sBreak{p.at}
	case "continue":
		p.pos++
		if !p.sc.canContinue {
			panic(problem("continue is not in a loop (of this function: a go or defer block is a function of its own)"))
		}
		return &sContinue{p.at}
	case "go":
		p.pos++
		f := p.ident("a function to start")
		return &sGo{p.at, f, p.args(f)}
	case "defer":
		p.pos++
		return &sDefer{p.at, p.deferred()}
	case "var":
		p.pos++
		name := p.ident("a variable name")
		typ := p.typ()
		switch typ.kind {
		case kFunc, kCancel, kContext, kCond, kTimer, kTicker:
			panic(problem(fmt.Sprintf("var cannot make a %s; use := with its constructor", typ)))
		}
		p.sc.declare(name, typ)
		return &sVar{p.at, name, typ}
	case "time":
		if p.peekIs(1, ".") && p.peekIs(2, "AfterFunc") {
			p.pos += 3
			p.expect("(")
			ns := p.duration()
			p.expect(",")
			f := p.fn(p.ident("a function"), 0)
			p.expect(")")
			return &sAfterFunc{p.at, "", ns, f}
		}
	case "close":
		if p.peekIs(1, "(") {
			p.pos += 2
			ch := p.ident("a channel")
			p.expect(")")
			typ := p.typeOfName(ch, "channel", kChan)
			if typ.dir == dirRecv {
				panic(problem("invalid operation: cannot close receive-only channel " + ch))
			}
			return &sClose{p.at, ch}
		}
	}
	targets := []string{p.next().text}
	if p.peekIs(0, ",") {
		p.pos++
		targets = append(targets, p.identOrBlank())
	}
	first := targets[0]
	if len(targets) == 1 {
		switch {
		case p.peekIs(0, "<-"):
			p.pos++
			ch := p.chanName(first, true)
			elem := *p.entry(ch).typ.elem
			return &sSend{at: p.at, ch: ch, val: p.value(elem), zero: elem.zero()}
		case p.peekIs(0, "."):
			return p.method(first)
		case p.peekIs(0, "("):
			return p.call(first)
		case p.peekIs(0, "++") || p.peekIs(0, "--"):
			d := int64(1)
			if p.next().is("--") {
				d = -1
			}
			p.assignable(first, tInt)
			return &sIncDec{p.at, first, d}
		}
	}
	declare := p.peekIs(0, ":=")
	if !declare && !p.peekIs(0, "=") {
		panic(problem(fmt.Sprintf("%s, got %q", stepsExpected, p.source)))
	}
	p.pos++
	return p.assignment(targets, declare, top)
}

func (p *stepParser) assignment(targets []string, declare, top bool) stmt {
	first := targets[0]
	if p.peekIs(0, "<-") {
		p.pos++
		from := p.chanExpr(true)
		elem := p.elemOf(from)
		p.bind(targets[0], elem, declare)
		if len(targets) == 2 {
			p.bind(targets[1], tBool, declare)
		}
		return &sRecv{p.at, targets, declare, from, elem.zero()}
	}
	if len(targets) == 2 {
		if p.peekIs(0, "context") && p.peekIs(1, ".") {
			return p.context(targets, declare)
		}
		panic(problem(fmt.Sprintf(`expected "<-ch" or a context ("context.WithCancel(ctx)") after %s, %s :=, got %s`, first, targets[1], p.peek())))
	}
	if !top {
		panic(problem("expected a send or a receive in a select case, got an assignment"))
	}
	if p.peek().kind == tokIdent && p.peekIs(1, ".") && (p.peekIs(2, "Stop") || p.peekIs(2, "Reset")) &&
		p.peekIs(3, "(") && p.sc.find(p.peek().text) != nil {
		// ok := t.Stop(), ok = t.Reset(d) (Lockscope's Stmt.Into)
		timer := p.next().text
		call := p.method(timer)
		if p.entry(timer).typ.kind == kTicker {
			src := strings.TrimSpace(p.source)
			panic(problem(src[strings.Index(src, timer):] + " (no value) used as value: a ticker's Stop and Reset return nothing"))
		}
		p.bind(first, tBool, declare)
		switch c := call.(type) {
		case *sStop:
			c.into, c.decl = first, declare
		case *sReset:
			c.into, c.decl = first, declare
		}
		return call
	}
	if p.peekIs(0, "make") {
		requireDeclare(declare, "make")
		p.pos++
		p.expect("(")
		if !p.peekIs(0, "chan") {
			panic(problem(fmt.Sprintf("expected make(chan T) or make(chan T, n), got %s", p.peek())))
		}
		typ := p.typ()
		var capE expr
		if p.peekIs(0, ",") {
			p.pos++
			capE = p.expr()
			p.requireType(capE, tInt, "the channel's capacity")
		}
		p.expect(")")
		p.sc.declare(first, typ)
		return &sMakeChan{p.at, first, typ.elem.zero(), capE}
	}
	if p.peekIs(0, "sync") && p.peekIs(1, ".") && p.peekIs(2, "NewCond") {
		requireDeclare(declare, "sync.NewCond")
		p.pos += 3
		p.expect("(")
		if p.peekIs(0, "&") {
			p.pos++
		}
		lock := p.ident("a lock")
		p.typeOfName(lock, "lock", kMutex, kRWMutex)
		p.expect(")")
		p.sc.declare(first, simple(kCond))
		return &sNewCond{p.at, first, lock}
	}
	if p.peekIs(0, "time") && p.peekIs(1, ".") {
		fn := p.peekN(2).text
		switch fn {
		case "NewTimer", "NewTicker", "After", "AfterFunc":
			requireDeclare(declare, "time."+fn)
			p.pos += 3
			p.expect("(")
			ns := p.duration()
			if fn == "AfterFunc" {
				p.expect(",")
				f := p.fn(p.ident("a function"), 0)
				p.expect(")")
				p.sc.declare(first, simple(kAfterFunc))
				return &sAfterFunc{p.at, first, ns, f}
			}
			p.expect(")")
			if fn == "After" {
				p.sc.declare(first, chanOf(tTime, dirRecv))
				return &sNewTimer{p.at, first, false, true, ns}
			}
			ticker := fn == "NewTicker"
			if ticker {
				p.sc.declare(first, simple(kTicker))
			} else {
				p.sc.declare(first, simple(kTimer))
			}
			return &sNewTimer{p.at, first, ticker, false, ns}
		}
	}
	if !declare && p.peekIs(0, "nil") && p.peekIs(1, "") && p.entry(first).typ.kind == kChan {
		// ch = nil: the idiom that switches a select's case off (Lockscope's StepParser).
		if p.sc.isGlobal(first) {
			panic(problem("cannot assign to " + first + " (a channel of the script's declarations; a local copy can be set to nil: ch := make(...) in a step, or a parameter)"))
		}
		p.pos++
		return &sAssign{p.at, first, eNil{}, false}
	}
	v := p.expr()
	typ := p.typeOf(v)
	if declare {
		if _, isNil := v.(eNil); isNil {
			panic(problem("use of untyped nil in assignment to " + first))
		}
		p.sc.declare(first, typ)
	} else {
		p.assignable(first, typ)
	}
	return &sAssign{p.at, first, v, declare}
}

func (p *stepParser) context(targets []string, declare bool) stmt {
	requireDeclare(declare, "context.With...")
	p.pos += 2
	fn := p.ident("WithCancel or WithTimeout")
	if fn != "WithCancel" && fn != "WithTimeout" {
		panic(problem("expected context.WithCancel or context.WithTimeout, got context." + fn))
	}
	p.expect("(")
	parent := ""
	if p.peekIs(0, "context") && p.peekIs(1, ".") && (p.peekIs(2, "Background") || p.peekIs(2, "TODO")) {
		p.pos += 3
		p.expect("(")
		p.expect(")")
	} else {
		parent = p.ident("a parent context")
		p.typeOfName(parent, "context", kContext)
	}
	timeout := int64(-1)
	if fn == "WithTimeout" {
		p.expect(",")
		timeout = p.duration()
	}
	p.expect(")")
	p.sc.declare(targets[0], simple(kContext))
	p.sc.declare(targets[1], simple(kCancel))
	return &sWithContext{p.at, targets[0], targets[1], parent, timeout}
}

func (p *stepParser) method(name string) stmt {
	p.pos++
	m := p.ident("a method")
	p.expect("(")
	e := p.entry(name)
	var s stmt
	switch m {
	case "Add":
		p.typeOfName(name, "WaitGroup", kWaitGroup)
		d := p.expr()
		p.requireType(d, tInt, "Add's delta")
		s = &sWgAdd{p.at, name, d}
	case "Done":
		p.typeOfName(name, "WaitGroup", kWaitGroup)
		s = &sWgAdd{p.at, name, nil}
	case "Wait":
		p.typeOfName(name, "WaitGroup or Cond", kWaitGroup, kCond)
		if e.typ.kind == kCond {
			s = &sCondWait{p.at, name}
		} else {
			s = &sWgWait{p.at, name}
		}
	case "Signal", "Broadcast":
		p.typeOfName(name, "Cond", kCond)
		s = &sCondNotify{p.at, name, m == "Broadcast"}
	case "Do":
		p.typeOfName(name, "Once", kOnce)
		s = &sOnceDo{p.at, name, p.fn(p.ident("a function"), 0)}
	case "Stop":
		p.typeOfName(name, "timer, ticker or AfterFunc", kTimer, kTicker, kAfterFunc)
		s = &sStop{at: p.at, timer: name}
	case "Reset":
		p.typeOfName(name, "timer or ticker", kTimer, kTicker)
		ns := p.duration()
		if e.typ.kind == kTicker && ns <= 0 {
			panic(problem("non-positive interval for Ticker.Reset"))
		}
		s = &sReset{at: p.at, timer: name, ns: ns}
	case "Lock", "Unlock", "RLock", "RUnlock":
		s = p.lockOp(name, m)
	default:
		panic(problem(fmt.Sprintf("unknown method %s.%s (%s is a %s)", name, m, name, e.typ)))
	}
	p.expect(")")
	return s
}

func (p *stepParser) call(name string) stmt {
	if e := p.sc.find(name); e != nil && e.typ.kind == kCancel {
		p.pos++
		p.expect(")")
		return &sCancel{p.at, name}
	}
	p.fn(name, -1)
	return &sCall{p.at, name, p.args(name)}
}

func (p *stepParser) deferred() stmt {
	text := p.source
	s := p.statement(true)
	switch s.(type) {
	case *sCall, *sCancel, *sClose, *sWgAdd, *sWgWait, *sCondNotify, *sStop, *sReset, *sLock, *sOnceDo, *sGo:
		return s
	}
	panic(problem(fmt.Sprintf(`expected a call after defer ("defer mu.Unlock()", "defer wg.Done()", "defer close(ch)", "defer f(x)"), got %q`, text)))
}

func (p *stepParser) lockOp(name, m string) stmt {
	t := p.typeOfName(name, "lock", kMutex, kRWMutex)
	read := strings.HasPrefix(m, "R")
	if read && t.kind == kMutex {
		panic(problem(fmt.Sprintf("%s.%s needs an rwmutex, but %s is a mutex", name, m, name)))
	}
	return &sLock{p.at, name, read, !strings.Contains(m, "Un")}
}

func (p *stepParser) lockStep(verb, name string) stmt {
	e := p.sc.find(name)
	if e == nil || (e.typ.kind != kMutex && e.typ.kind != kRWMutex) {
		panic(problem(fmt.Sprintf("unknown lock %q (declared: %s)", name, strings.Join(p.sc.namesOf(kMutex, kRWMutex), ", "))))
	}
	read := strings.HasPrefix(verb, "r")
	if read && e.typ.kind == kMutex {
		panic(problem(fmt.Sprintf("%s needs an rwmutex, but %s is a mutex", verb, name)))
	}
	return &sLock{p.at, name, read, verb == "lock" || verb == "rlock"}
}

// sleepNanos: exact decimal milliseconds to nanoseconds, from 0 to a week.
func sleepNanos(ms string) int64 {
	ns, err := msToNanos(ms)
	if err != "" {
		panic(problem("sleep: " + err + ", got " + ms))
	}
	return ns
}

// msToNanos converts a decimal number of milliseconds exactly; err says which rule it breaks.
func msToNanos(ms string) (int64, string) {
	r, ok := new(big.Rat).SetString(ms)
	if !ok {
		return 0, "expected a number from 0 to 604800000 (milliseconds)"
	}
	r.Mul(r, big.NewRat(1000000, 1))
	if !r.IsInt() {
		return 0, "expected a whole number of nanoseconds (at most 6 decimals)"
	}
	if r.Sign() < 0 || r.Num().Cmp(big.NewInt(weekNs)) > 0 {
		return 0, "expected a number from 0 to 604800000 (milliseconds)"
	}
	return r.Num().Int64(), ""
}

func requireDeclare(declare bool, what string) {
	if !declare {
		panic(problem("use := to make a new " + what))
	}
}

func (p *stepParser) bind(name string, t goType, declare bool) {
	if name == "_" {
		return
	}
	if declare {
		p.sc.declare(name, t)
	} else {
		p.assignable(name, t)
	}
}

func (p *stepParser) assignable(name string, t goType) {
	e := p.entry(name)
	if e.constant {
		panic(problem("cannot assign to " + name + " (a constant)"))
	}
	if e.typ.kind.isObject() || e.typ.kind == kFunc {
		panic(problem(fmt.Sprintf("cannot assign to %s (a %s)", name, e.typ)))
	}
	if !e.typ.accepts(t) {
		panic(problem(fmt.Sprintf("cannot use a %s as %s in assignment to %s", t, e.typ, name)))
	}
}

func (p *stepParser) chanExpr(receiving bool) chanExpr {
	if p.peekIs(0, "time") && p.peekIs(1, ".") && p.peekIs(2, "After") {
		p.pos += 3
		p.expect("(")
		ns := p.duration()
		p.expect(")")
		return chanExpr{kind: 'a', ns: ns}
	}
	name := p.ident("a channel")
	if p.peekIs(0, ".") {
		p.pos++
		member := p.ident("C or Done()")
		switch member {
		case "C":
			p.typeOfName(name, "timer or ticker", kTimer, kTicker)
			return chanExpr{kind: 'c', name: name}
		case "Done":
			p.typeOfName(name, "context", kContext)
			p.expect("(")
			p.expect(")")
			return chanExpr{kind: 'd', name: name}
		}
		panic(problem(fmt.Sprintf("expected %s.C or %s.Done(), got %s.%s", name, name, name, member)))
	}
	p.chanName(name, !receiving)
	return chanExpr{kind: 'n', name: name}
}

func (p *stepParser) elemOf(c chanExpr) goType {
	switch c.kind {
	case 'n':
		return *p.entry(c.name).typ.elem
	case 'd':
		return tStruct
	}
	return tTime
}

func (p *stepParser) typ() goType {
	if p.peekIs(0, "<-") {
		p.pos++
		if !p.peekIs(0, "chan") {
			panic(problem(fmt.Sprintf("expected <-chan T, got %s", p.peek())))
		}
		p.pos++
		return chanOf(p.elemType(), dirRecv)
	}
	if p.peekIs(0, "chan") {
		p.pos++
		d := dirBoth
		if p.peekIs(0, "<-") {
			p.pos++
			d = dirSend
		}
		return chanOf(p.elemType(), d)
	}
	if p.peekIs(0, "func") {
		p.pos++
		p.expect("(")
		p.expect(")")
		return simple(kFunc)
	}
	start := p.pos
	pointer := p.peekIs(0, "*")
	if pointer {
		p.pos++
	}
	a := p.ident("a type")
	if p.peekIs(0, ".") {
		p.pos++
		b := p.ident("a type")
		switch a + "." + b {
		case "sync.WaitGroup":
			return simple(kWaitGroup)
		case "sync.Mutex":
			return simple(kMutex)
		case "sync.RWMutex":
			return simple(kRWMutex)
		case "sync.Once":
			return simple(kOnce)
		case "sync.Cond":
			return simple(kCond)
		case "context.Context":
			return simple(kContext)
		case "context.CancelFunc":
			return simple(kCancel)
		case "time.Timer":
			return simple(kTimer)
		case "time.Ticker":
			return simple(kTicker)
		case "time.Time":
			return tTime
		}
		star := ""
		if pointer {
			star = "*"
		}
		panic(problem("unknown type " + star + a + "." + b))
	}
	p.pos = start
	return p.elemType()
}

func (p *stepParser) elemType() goType {
	if p.peekIs(0, "struct") && p.peekIs(1, "{") && p.peekIs(2, "}") {
		p.pos += 3
		return tStruct
	}
	if p.peekIs(0, "time") && p.peekIs(1, ".") && p.peekIs(2, "Time") {
		p.pos += 3
		return tTime
	}
	t := p.ident("a type")
	switch t {
	case "int":
		return tInt
	case "string":
		return tString
	case "bool":
		return tBool
	case "error":
		return tError
	}
	panic(problem(fmt.Sprintf("expected a type (int, string, bool, struct{}, error, time.Time, a channel, *sync.WaitGroup, ...), got %q", t)))
}

// duration parses a Go duration constant: 100 * time.Millisecond, 1.5 * time.Second, time.Second.
func (p *stepParser) duration() int64 {
	n := big.NewRat(1, 1)
	first := p.peek()
	if first.kind == tokNumber {
		n.SetString(p.next().text)
		if !p.peekIs(0, "*") {
			panic(problem(fmt.Sprintf(`expected a duration such as "100 * time.Millisecond" or "time.Second", got %s`, first)))
		}
		p.pos++
	}
	unit, ok := units[p.peekN(2).text]
	if !p.peekIs(0, "time") || !p.peekIs(1, ".") || !ok {
		panic(problem(fmt.Sprintf(`expected a duration such as "100 * time.Millisecond" or "time.Second", got %s`, p.peek())))
	}
	p.pos += 3
	ns := new(big.Rat).Mul(n, big.NewRat(unit, 1))
	if !ns.IsInt() {
		panic(problem(fmt.Sprintf("expected a whole number of nanoseconds, got %s ns", ns.FloatString(9))))
	}
	if ns.Num().Cmp(big.NewInt(weekNs)) > 0 {
		panic(problem(fmt.Sprintf("expected a duration from 0 to a week (%d ns), got %s ns", weekNs, ns.Num())))
	}
	return ns.Num().Int64()
}

// ---- expressions ----

func (p *stepParser) value(want goType) expr {
	e := p.expr()
	got := p.typeOf(e)
	_, isNil := e.(eNil)
	if !want.accepts(got) && !(want.kind == kError && isNil) {
		panic(problem(fmt.Sprintf("cannot use %s (%s) as %s value in send", describe(e), got, want)))
	}
	return e
}

func (p *stepParser) expr() expr { return p.binary(0) }

var levels = [][]string{{"||"}, {"&&"}, {"==", "!=", "<", "<=", ">", ">="}, {"+", "-"}, {"*"}}

func (p *stepParser) binary(level int) expr {
	if level == len(levels) {
		return p.unary()
	}
	left := p.binary(level + 1)
	for p.peek().kind == tokOp && contains(levels[level], p.peek().text) {
		op := p.next().text
		right := p.binary(level + 1)
		e := eBin{op, left, right}
		p.typeOf(e)
		left = e
	}
	return left
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (p *stepParser) unary() expr {
	if p.peekIs(0, "!") {
		p.pos++
		e := eNot{p.unary()}
		p.typeOf(e)
		return e
	}
	if p.peekIs(0, "-") && p.peekN(1).kind == tokNumber {
		p.pos++
		return eInt{-integer(p.next().text)}
	}
	t := p.next()
	switch t.kind {
	case tokNumber:
		return eInt{integer(t.text)}
	case tokString:
		return eStr{t.text}
	case tokIdent:
		switch t.text {
		case "true", "false":
			return eBool{t.text == "true"}
		case "nil":
			return eNil{}
		case "struct":
			p.expect("{")
			p.expect("}")
			p.expect("{")
			p.expect("}")
			return eStruct{}
		case "len", "cap":
			if p.peekIs(0, "(") {
				p.pos++
				ch := p.ident("a channel")
				p.typeOfName(ch, "channel", kChan)
				p.expect(")")
				return eLen{ch, t.text == "cap"}
			}
		}
		e := p.entry(t.text)
		if e.typ.kind == kChan && (p.peekIs(0, "==") || p.peekIs(0, "!=")) && p.peekIs(1, "nil") {
			isNil := p.next().text == "=="
			p.pos++
			return eIsNil{t.text, isNil}
		}
		if e.typ.kind.isObject() || e.typ.kind == kFunc {
			panic(problem(fmt.Sprintf("%s is a %s, not a value", t.text, e.typ)))
		}
		return eName{t.text}
	}
	if t.is("(") {
		e := p.expr()
		p.expect(")")
		return e
	}
	panic(problem(fmt.Sprintf("expected a value, got %s", t)))
}

func integer(text string) int64 {
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		panic(problem("expected an integer, got " + text))
	}
	return n
}

// typeOf is Expr.type after checking that the operands agree as Go requires.
func (p *stepParser) typeOf(e expr) goType {
	switch x := e.(type) {
	case eInt, eLen:
		return tInt
	case eStr:
		return tString
	case eBool:
		return tBool
	case eNil:
		return tError
	case eStruct:
		return tStruct
	case eName:
		return p.entry(x.name).typ
	case eIsNil:
		return tBool
	case eNot:
		p.requireType(x.x, tBool, "the operand of !")
		return tBool
	case eBin:
		switch x.op {
		case "&&", "||":
			p.requireType(x.l, tBool, "the operands of "+x.op)
			p.requireType(x.r, tBool, "the operands of "+x.op)
			return tBool
		case "+", "-", "*":
			l := p.typeOf(x.l)
			if !(x.op == "+" && l.kind == kString) {
				p.requireType(x.l, tInt, "the operands of "+x.op)
			}
			p.requireType(x.r, l, "the operands of "+x.op)
			return l
		}
		l, r := p.typeOf(x.l), p.typeOf(x.r)
		ordered := x.op != "==" && x.op != "!="
		if !l.accepts(r) && !r.accepts(l) || ordered && l.kind != kInt && l.kind != kString {
			panic(problem(fmt.Sprintf("invalid operation: %s %s %s (mismatched types %s and %s)", describe(x.l), x.op, describe(x.r), l, r)))
		}
		return tBool
	}
	panic("unknown expression")
}

func (p *stepParser) requireType(e expr, want goType, what string) {
	got := p.typeOf(e)
	if !want.accepts(got) {
		panic(problem(fmt.Sprintf("expected %s for %s, got %s (%s)", want, what, describe(e), got)))
	}
}

func describe(e expr) string {
	switch x := e.(type) {
	case eInt:
		return strconv.FormatInt(x.v, 10)
	case eStr:
		return strconv.Quote(x.v)
	case eBool:
		return strconv.FormatBool(x.v)
	case eNil:
		return "nil"
	case eStruct:
		return "struct{}{}"
	case eName:
		return x.name
	case eLen:
		if x.cap {
			return "cap(" + x.ch + ")"
		}
		return "len(" + x.ch + ")"
	case eIsNil:
		if x.isNil {
			return x.ch + " == nil"
		}
		return x.ch + " != nil"
	case eNot:
		return "!" + describe(x.x)
	case eBin:
		return describe(x.l) + " " + x.op + " " + describe(x.r)
	}
	return "?"
}

// ---- names and types ----

func (p *stepParser) entry(name string) *entry {
	e := p.sc.find(name)
	if e == nil {
		panic(problem("undefined: " + name))
	}
	return e
}

func (p *stepParser) typeOfName(name, what string, kinds ...kind) goType {
	e := p.sc.find(name)
	if e != nil {
		for _, k := range kinds {
			if e.typ.kind == k {
				return e.typ
			}
		}
	}
	known := declaredList(p.sc.namesOf(kinds...))
	if e == nil {
		panic(problem(fmt.Sprintf("unknown %s %q (declared: %s)", what, name, known)))
	}
	article := "a "
	if strings.ContainsAny(what[:1], "aeiou") {
		article = "an "
	}
	panic(problem(fmt.Sprintf("%s is a %s, not %s%s (declared: %s)", name, e.typ, article, what, known)))
}

func (p *stepParser) chanName(name string, sending bool) string {
	t := p.typeOfName(name, "channel", kChan)
	if sending && t.dir == dirRecv {
		panic(problem("invalid operation: cannot send to receive-only channel " + name))
	}
	if !sending && t.dir == dirSend {
		panic(problem("invalid operation: cannot receive from send-only channel " + name))
	}
	return name
}

func (p *stepParser) fn(name string, arity int) string {
	e := p.sc.find(name)
	if e == nil || e.typ.kind != kFunc {
		panic(problem(fmt.Sprintf("unknown function %q (declared: %s)", name, declaredList(p.sc.namesOf(kFunc)))))
	}
	if arity >= 0 && len(e.params) != arity {
		panic(problem(fmt.Sprintf("%s takes %d parameters, but is used as a func() here", name, len(e.params))))
	}
	return name
}

func (p *stepParser) args(f string) []expr {
	e := p.sc.find(f)
	if e == nil || e.typ.kind != kFunc {
		p.fn(f, -1)
	}
	p.expect("(")
	var args []expr
	params := e.params
	for !p.peekIs(0, ")") {
		if len(args) > 0 {
			p.expect(",")
		}
		if len(args) >= len(params) {
			panic(problem(fmt.Sprintf("too many arguments in call to %s (it takes %d)", f, len(params))))
		}
		i := len(args)
		want := params[i].typ
		if p.peekIs(0, "&") {
			p.pos++
		}
		var named *entry
		if p.peek().kind == tokIdent {
			named = p.sc.find(p.peek().text)
		}
		if !want.kind.isObject() && named != nil && named.typ.kind.isObject() {
			panic(problem(fmt.Sprintf("cannot use %s (%s) as %s in argument %d to %s", named.name, named.typ, want, i+1, f)))
		}
		var a expr
		if want.kind.isObject() {
			a = eName{p.ident("an argument")}
		} else {
			a = p.expr()
		}
		got := p.typeOf(a)
		if !want.accepts(got) {
			panic(problem(fmt.Sprintf("cannot use %s (%s) as %s in argument %d to %s", describe(a), got, want, i+1, f)))
		}
		args = append(args, a)
	}
	p.pos++
	if len(args) != len(params) {
		panic(problem(fmt.Sprintf("not enough arguments in call to %s (it takes %d, got %d)", f, len(params), len(args))))
	}
	return args
}
