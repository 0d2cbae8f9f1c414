package tracefile

import (
	"strings"
	"testing"
)

const head = `{"format":"lockscope-trace","version":2,"tool":"t","producer":"lockscope-go","details":{"name":"x"}}` + "\n"

const good = head +
	`{"t":0,"e":"spawn","g":1,"name":"main#1","kind":"main","parent":0}` + "\n" +
	`{"t":0,"e":"lock","lock":0,"name":"mu","kind":"mutex"}` + "\n" +
	`{"t":0,"e":"site","site":0,"op":"main","label":"main: a.go:1"}` + "\n" +
	`{"t":0,"e":"request","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":5,"e":"acquire","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":9,"e":"release","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":9,"e":"end"}` + "\n"

func TestReadsAGoodTrace(t *testing.T) {
	tr, err := Read(strings.NewReader(good), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Events) != 6 || !tr.Ended || tr.Locks[0].Name != "mu" || tr.Sites[0].Op != "main" {
		t.Fatalf("%+v", tr)
	}
}

func TestRefusesBrokenRules(t *testing.T) {
	for name, c := range map[string]struct{ old, new, want string }{
		"time back":       {`"t":9,"e":"release"`, `"t":4,"e":"release"`, "goes back"},
		"key order":       {`"g":1,"lock":0,"mode":"w","site":0}` + "\n" + `{"t":5`, `"lock":0,"g":1,"mode":"w","site":0}` + "\n" + `{"t":5`, "keys"},
		"site undeclared": {`"t":9,"e":"release","g":1,"lock":0,"mode":"w","site":0`, `"t":9,"e":"release","g":1,"lock":0,"mode":"w","site":1`, "before it is declared"},
		"no request":      {`{"t":0,"e":"request","g":1,"lock":0,"mode":"w","site":0}` + "\n", ``, "no w request"},
		"read on mutex":   {`"e":"request","g":1,"lock":0,"mode":"w"`, `"e":"request","g":1,"lock":0,"mode":"r"`, "mode"},
		"after end":       {`{"t":9,"e":"end"}` + "\n", `{"t":9,"e":"end"}` + "\n" + `{"t":9,"e":"end"}` + "\n", "after end"},
		"version 1":       {`"version":2`, `"version":1`, "version 1"},
		"unknown field":   {`"parent":0}`, `"parent":0,"x":1}`, "keys"},
	} {
		text := strings.Replace(good, c.old, c.new, 1)
		if text == good {
			t.Fatalf("%s: the replacement changes nothing", name)
		}
		if _, err := Read(strings.NewReader(text), Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one containing %q", name, err, c.want)
		}
	}
}

func TestTruncatedOnlyWhenAllowed(t *testing.T) {
	cut := good[:len(good)-10]
	if _, err := Read(strings.NewReader(cut), Options{}); err == nil {
		t.Fatal("a cut-off last line was accepted")
	}
	tr, err := Read(strings.NewReader(cut), Options{AllowTruncated: true})
	if err != nil || !tr.Truncated || tr.Ended || len(tr.Events) != 5 {
		t.Fatalf("err %v, %+v", err, tr)
	}
}

// waits is a trace in which goroutine 2 waits for the mutex that goroutine 1 holds.
const waits = head +
	`{"t":0,"e":"spawn","g":1,"name":"main#1","kind":"main","parent":0}` + "\n" +
	`{"t":0,"e":"lock","lock":0,"name":"mu","kind":"mutex"}` + "\n" +
	`{"t":0,"e":"site","site":0,"op":"main","label":"main: a.go:1"}` + "\n" +
	`{"t":0,"e":"request","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":0,"e":"acquire","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":1,"e":"spawn","g":2,"name":"w#2","kind":"w","parent":0}` + "\n" +
	`{"t":1,"e":"site","site":1,"op":"w","label":"w: a.go:2"}` + "\n" +
	`{"t":1,"e":"request","g":2,"lock":0,"mode":"w","site":1}` + "\n" +
	`{"t":1,"e":"blocked","g":2,"lock":0,"by":[1]}` + "\n" +
	`{"t":2,"e":"release","g":1,"lock":0,"mode":"w","site":0}` + "\n" +
	`{"t":2,"e":"blocked","g":2,"lock":0,"by":[]}` + "\n" +
	`{"t":3,"e":"end"}` + "\n"

func TestBlockedWhileItsRequestWaits(t *testing.T) {
	tr, err := Read(strings.NewReader(waits), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Open) != 1 || tr.Open[0].G != 2 || tr.Open[0].E != "request" {
		t.Fatalf("open requests %+v, want goroutine 2's", tr.Open)
	}
	for name, c := range map[string]struct{ old, new, want string }{
		"no request":    {`{"t":1,"e":"request","g":2,"lock":0,"mode":"w","site":1}` + "\n", ``, "no waiting request"},
		"by non-holder": {`"by":[1]`, `"by":[2]`, "neither holds"},
		"by released":   {`"by":[]`, `"by":[1]`, "neither holds"},
		"by null":       {`"by":[]`, `"by":null`, "want an array"},
		"request twice": {`{"t":2,"e":"release"`, `{"t":2,"e":"request","g":2,"lock":0,"mode":"w","site":1}` + "\n" + `{"t":2,"e":"release"`, "already waits"},
	} {
		text := strings.Replace(waits, c.old, c.new, 1)
		if text == waits {
			t.Fatalf("%s: the replacement changes nothing", name)
		}
		if _, err := Read(strings.NewReader(text), Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want one containing %q", name, err, c.want)
		}
	}
}

func TestBlockedByReadersInAscendingOrder(t *testing.T) {
	lines := head +
		`{"t":0,"e":"lock","lock":0,"name":"rw","kind":"rwmutex"}` + "\n" +
		`{"t":0,"e":"site","site":0,"op":"r","label":"r: a.go:1"}` + "\n"
	for g := 1; g <= 3; g++ {
		n := string(rune('0' + g))
		lines += `{"t":0,"e":"spawn","g":` + n + `,"name":"r#` + n + `","kind":"r","parent":0}` + "\n"
		if g < 3 {
			lines += `{"t":0,"e":"request","g":` + n + `,"lock":0,"mode":"r","site":0}` + "\n" +
				`{"t":0,"e":"acquire","g":` + n + `,"lock":0,"mode":"r","site":0}` + "\n"
		}
	}
	lines += `{"t":0,"e":"request","g":3,"lock":0,"mode":"w","site":0}` + "\n"
	for by, want := range map[string]string{"[1,2]": "", "[2,1]": "ascending", "[1,1]": "ascending", "[1,3]": "neither holds"} {
		_, err := Read(strings.NewReader(lines+`{"t":0,"e":"blocked","g":3,"lock":0,"by":`+by+`}`+"\n"), Options{})
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("by %s: err %v, want %q", by, err, want)
		}
	}
}
