package main

import (
	"fmt"
	"strings"
)

// body_ reads the steps of one goroutine or function (and of the closures written in it), numbering the lines of
// its Go listing as Lockscope's ScriptCompiler does, so that site labels are Lockscope's: a simple step is one
// line; a for, if, go or defer block is its head line, its body and a closing line ("} else {" too when an else
// has steps); a select is "select {", each case line and body, then "default:" and its body, then "}".
type body_ struct {
	r        *reader
	listing  string // the goroutine or function whose listing this is
	line     *int   // shared with the closures written in it
	fn       string // the function being read: the operation of its sites
	closures *int   // func literals so far in fn: Go names them fn.func1, fn.func2, ...
}

func (b *body_) add() int {
	*b.line++
	return *b.line
}

func (b *body_) at(line int, text string) at {
	return at{fmt.Sprintf("%s #%d: %s", b.listing, line, text), b.fn}
}

func (b *body_) steps(o obj, field string, sc *scope) []stmt {
	return b.list(o.pathOf(field), o.array(field), sc)
}

func (b *body_) list(path string, items []*jnode, sc *scope) []stmt {
	var out []stmt
	for j, v := range items {
		p := fmt.Sprintf("%s[%d]", path, j)
		switch v.kind {
		case 's':
			a := b.at(b.add(), v.str)
			out = append(out, parseWith(b.r, p, v.line, sc, a, func(sp *stepParser) stmt { return sp.step(v.str) }))
		case 'o':
			out = append(out, b.block(obj{b.r, p, v}, sc))
		default:
			panic(&inputError{b.r.file, v.line, p, "expected a step (a string, or an object for a block: for, if, select, go, defer), got " + v.describe()})
		}
	}
	return out
}

var blockFields = map[string][]string{"for": {"for", "do"}, "if": {"if", "then", "else"}, "select": {"select"},
	"go": {"go"}, "defer": {"defer"}}

func (b *body_) block(o obj, sc *scope) stmt {
	k := ""
	for _, name := range []string{"for", "if", "select", "go", "defer"} {
		if o.has(name) {
			if k != "" {
				o.fail(fmt.Sprintf("a block has one of for, if, select, go, defer, not both %s and %s", k, name))
			}
			k = name
		}
	}
	if k == "" {
		o.fail("expected a block with one of for, if, select, go, defer")
	}
	o.allowOnly(blockFields[k]...)
	switch k {
	case "for":
		loop := newScope(sc)
		header := o.str("for", true)
		text := "for {"
		if h := strings.TrimSpace(header); h != "" {
			text = "for " + h + " {"
		}
		a := b.at(b.add(), text)
		head := parseWith(b.r, o.pathOf("for"), o.n.vals["for"].line, loop, a, func(p *stepParser) forHead { return p.forHead(header) })
		body := b.steps(o, "do", loopBody(loop))
		b.add()
		return &sFor{a, head, body}
	case "if":
		cond := o.str("if", true)
		a := b.at(b.add(), "if "+strings.TrimSpace(cond)+" {")
		e := parseWith(b.r, o.pathOf("if"), o.n.vals["if"].line, sc, a, func(p *stepParser) expr { return p.condition(cond) })
		then := b.steps(o, "then", newScope(sc))
		var els []stmt
		if len(o.array("else")) > 0 {
			b.add()
			els = b.steps(o, "else", newScope(sc))
		}
		b.add()
		return &sIf{a, e, then, els}
	case "select":
		return b.selectBlock(o, sc)
	}
	a := b.at(b.add(), k+" func() {")
	*b.closures++
	inner := &body_{r: b.r, listing: b.listing, line: b.line, fn: fmt.Sprintf("%s.func%d", b.fn, *b.closures), closures: new(int)}
	body := inner.steps(o, k, funcBody(sc))
	b.add()
	if k == "go" {
		return &sGoBlock{a, inner.fn, body}
	}
	return &sDeferBlock{a, inner.fn, body}
}

func (b *body_) selectBlock(o obj, sc *scope) stmt {
	st := &sSelect{at: b.at(b.add(), "select {")}
	var def *obj
	for _, c := range o.objects("select") {
		if c.has("default") {
			c.allowOnly("default")
			if def != nil {
				c.failAt("default", "multiple defaults in select")
			}
			cc := c
			def = &cc
			continue
		}
		c.allowOnly("case", "do")
		text := c.str("case", true)
		cs := caseBody(sc)
		caseText := "case " + strings.TrimSpace(text) + ":"
		a := b.at(b.add(), caseText)
		comm := parseWith(b.r, c.pathOf("case"), c.n.vals["case"].line, cs, a, func(p *stepParser) stmt { return p.comm(text) })
		sc := selCase{site: a.site}
		switch x := comm.(type) {
		case *sSend:
			sc.send, sc.snd = true, *x
		case *sRecv:
			sc.rcv = *x
		}
		sc.body = b.steps(c, "do", cs)
		st.cases = append(st.cases, sc)
	}
	if def != nil {
		// Lockscope's listing puts default: after every case, wherever it is written.
		b.add()
		st.hasDef = true
		st.def = b.steps(*def, "default", caseBody(sc))
	}
	b.add()
	return st
}
