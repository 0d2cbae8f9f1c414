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
