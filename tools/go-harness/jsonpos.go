package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// jnode is a JSON value with the 1-based line it starts on, so that every mistake in a script can name its line,
// as Lockscope's reader does ("file:line: field: what was expected"). Objects keep their fields in file order.
type jnode struct {
	line int
	kind byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' boolean, 'z' null
	str  string
	num  string // a number as written
	b    bool
	keys []string
	vals map[string]*jnode
	arr  []*jnode
}

// describe says what a value is, for "expected ..., got ..." messages.
func (n *jnode) describe() string {
	switch n.kind {
	case 'o':
		return "an object"
	case 'a':
		return "an array"
	case 's':
		return strconv.Quote(n.str)
	case 'n':
		return n.num
	case 'b':
		return strconv.FormatBool(n.b)
	}
	return "null"
}

// jsonError is malformed JSON, said with its line and column.
type jsonError struct {
	line, col int
	msg       string
}

func (e *jsonError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

type jparser struct {
	data      []byte
	pos, line int
	lineStart int
}

// parseJSON reads one JSON value (strict: no trailing commas, no comments, no duplicate fields) and nothing after it.
func parseJSON(data []byte) (*jnode, error) {
	p := &jparser{data: data, line: 1}
	var n *jnode
	err := p.catch(func() {
		n = p.value(0)
		p.space()
		if p.pos < len(p.data) {
			p.fail("unexpected text after the end of the JSON value")
		}
	})
	return n, err
}

func (p *jparser) catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(*jsonError); ok {
				err = je
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

func (p *jparser) fail(format string, args ...any) {
	panic(&jsonError{p.line, p.pos - p.lineStart + 1, fmt.Sprintf(format, args...)})
}

func (p *jparser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case '\n':
			p.line++
			p.lineStart = p.pos + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		p.pos++
	}
}

func (p *jparser) value(depth int) *jnode {
	if depth > 32 {
		p.fail("nesting deeper than 32 levels")
	}
	p.space()
	if p.pos >= len(p.data) {
		p.fail("unexpected end of the file: expected a value")
	}
	n := &jnode{line: p.line}
	c := p.data[p.pos]
	switch {
	case c == '{':
		n.kind, n.vals = 'o', map[string]*jnode{}
		p.pos++
		p.space()
		if p.peek() == '}' {
			p.pos++
			return n
		}
		for {
			p.space()
			if c := p.peek(); c == '}' {
				p.fail("unexpected \"}\": expected a field name (JSON allows no comma before \"}\")")
			} else if c != '"' {
				p.fail("unexpected %s: expected a field name in double quotes", charName(c))
			}
			k := p.string()
			if _, dup := n.vals[k]; dup {
				p.fail("duplicate field %q", k)
			}
			p.space()
			if c := p.peek(); c != ':' {
				p.fail("unexpected %s: expected \":\" after the field name %q", charName(c), k)
			}
			p.pos++
			n.keys = append(n.keys, k)
			n.vals[k] = p.value(depth + 1)
			p.space()
			switch c := p.peek(); c {
			case ',':
				p.pos++
			case '}':
				p.pos++
				return n
			default:
				p.fail("unexpected %s: expected \",\" or \"}\" after the value of %q", charName(c), k)
			}
		}
	case c == '[':
		n.kind = 'a'
		p.pos++
		p.space()
		if p.peek() == ']' {
			p.pos++
			return n
		}
		for {
			n.arr = append(n.arr, p.value(depth+1))
			p.space()
			switch c := p.peek(); c {
			case ',':
				p.pos++
				p.space()
				if p.peek() == ']' {
					p.fail("unexpected \"]\": expected a value (JSON allows no comma before \"]\")")
				}
			case ']':
				p.pos++
				return n
			default:
				p.fail("unexpected %s: expected \",\" or \"]\" after an array item", charName(c))
			}
		}
	case c == '"':
		n.kind, n.str = 's', p.string()
	case c == 't' || c == 'f' || c == 'n':
		for _, w := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+5)]), w) {
				p.pos += len(w)
				if w == "null" {
					n.kind = 'z'
				} else {
					n.kind, n.b = 'b', w == "true"
				}
				return n
			}
		}
		p.fail("unexpected %s: %s", charName(c), aValue)
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.pos
		for p.pos < len(p.data) && strings.IndexByte("+-0123456789.eE", p.data[p.pos]) >= 0 {
			p.pos++
		}
		text := string(p.data[start:p.pos])
		var f json.Number
		if json.Unmarshal([]byte(text), &f) != nil {
			p.fail("malformed number %q", text)
		}
		n.kind, n.num = 'n', text
	default:
		p.fail("unexpected %s: %s", charName(c), aValue)
	}
	return n
}

const aValue = "expected a value (a string, number, object, array, true, false or null)"

// charName names a character as Lockscope's messages do: "}" in double quotes, '"' in single ones.
func charName(c byte) string {
	switch {
	case c == '"':
		return `'"'`
	case c == '\n':
		return "line break (U+000A)"
	case c < 0x20 || c >= 0x7f:
		return fmt.Sprintf("character U+%04X", c)
	}
	return `"` + string(c) + `"`
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func (p *jparser) peek() byte {
	if p.pos >= len(p.data) {
		p.fail("unexpected end of the file")
	}
	return p.data[p.pos]
}

func (p *jparser) string() string {
	start := p.pos
	p.pos++
	for {
		if p.pos >= len(p.data) || p.data[p.pos] == '\n' {
			p.fail("a string that is not closed")
		}
		switch p.data[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case '"':
			p.pos++
			var s string
			if err := json.Unmarshal(p.data[start:p.pos], &s); err != nil {
				p.fail("malformed string: %v", err)
			}
			return s
		}
		p.pos++
	}
}
