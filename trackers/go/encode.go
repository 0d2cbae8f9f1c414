package lockscope

import (
	"strconv"
	"unicode/utf8"
)

// The lines of a Lockscope trace (docs/trace-format.md; version 2 header: TRACE-V2), keys in the documented
// order, one line each, ending in '\n'.

const (
	evRequest = "request"
	evAcquire = "acquire"
	evRelease = "release"
	evBlocked = "blocked"
)

// A header is the first line of a trace written by this package.
type header struct {
	name    string // the program's name
	goVer   string
	pid     int
	started string // RFC 3339, UTC
}

func appendHeader(b []byte, h header) []byte {
	b = append(b, `{"format":"lockscope-trace","version":2,"tool":"lockscope-go `+Version+`","producer":"lockscope-go","details":{"name":`...)
	b = appendString(b, h.name)
	b = append(b, `,"go":`...)
	b = appendString(b, h.goVer)
	b = append(b, `,"pid":`...)
	b = strconv.AppendInt(b, int64(h.pid), 10)
	b = append(b, `,"started":`...)
	b = appendString(b, h.started)
	return append(b, `,"clock":"monotonic"}}`+"\n"...)
}

func appendT(b []byte, t int64, e string) []byte {
	b = append(b, `{"t":`...)
	b = strconv.AppendInt(b, t, 10)
	b = append(b, `,"e":"`...)
	b = append(b, e...)
	return append(b, '"')
}

func appendSpawn(b []byte, t int64, g gor) []byte {
	b = appendT(b, t, "spawn")
	b = append(b, `,"g":`...)
	b = strconv.AppendInt(b, g.id, 10)
	b = append(b, `,"name":`...)
	b = appendString(b, g.kind+"#"+strconv.FormatInt(g.id, 10))
	b = append(b, `,"kind":`...)
	b = appendString(b, g.kind)
	return append(b, `,"parent":0}`+"\n"...)
}

func appendLock(b []byte, t int64, id int, name, kind string) []byte {
	b = appendT(b, t, "lock")
	b = append(b, `,"lock":`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `,"name":`...)
	b = appendString(b, name)
	b = append(b, `,"kind":"`...)
	b = append(b, kind...)
	return append(b, "\"}\n"...)
}

func appendSite(b []byte, t int64, id int, op, label string) []byte {
	b = appendT(b, t, "site")
	b = append(b, `,"site":`...)
	b = strconv.AppendInt(b, int64(id), 10)
	b = append(b, `,"op":`...)
	b = appendString(b, op)
	b = append(b, `,"label":`...)
	b = appendString(b, label)
	return append(b, "}\n"...)
}

func appendLockEvent(b []byte, t int64, e string, g int64, lock int, mode byte, site int) []byte {
	b = appendT(b, t, e)
	b = append(b, `,"g":`...)
	b = strconv.AppendInt(b, g, 10)
	b = append(b, `,"lock":`...)
	b = strconv.AppendInt(b, int64(lock), 10)
	b = append(b, `,"mode":"`...)
	b = append(b, mode)
	b = append(b, `","site":`...)
	b = strconv.AppendInt(b, int64(site), 10)
	return append(b, "}\n"...)
}

// appendBlocked writes a blocked event naming the goroutines of the holds that the sink (first) saw, each
// once, in the order given.
func appendBlocked(b []byte, t int64, g int64, lock int, by []hold, first uint64) []byte {
	b = appendT(b, t, evBlocked)
	b = append(b, `,"g":`...)
	b = strconv.AppendInt(b, g, 10)
	b = append(b, `,"lock":`...)
	b = strconv.AppendInt(b, int64(lock), 10)
	b = append(b, `,"by":[`...)
	n := 0
next:
	for i, h := range by {
		if h.seq < first {
			continue
		}
		for _, e := range by[:i] {
			if e.g.id == h.g.id && e.seq >= first {
				continue next
			}
		}
		if n > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, h.g.id, 10)
		n++
	}
	return append(b, "]}\n"...)
}

func appendEnd(b []byte, t int64) []byte {
	return append(appendT(b, t, "end"), "}\n"...)
}

// appendString appends s as a JSON string (RFC 8259): quotes, backslashes and control characters escaped,
// invalid UTF-8 replaced by U+FFFD.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
