// Command go-harness runs a Lockscope scenario on the real Go runtime. A room: real goroutines, a real
// sync.RWMutex guarding the member list, time.Sleep for each send. A script (the whole script language): each
// script goroutine, go statement and AfterFunc a real goroutine, interpreting its steps with real channels,
// select, locks, WaitGroups, Conds, Onces, contexts and timers. It prints per-operation wait/hold figures in the shape of
// Lockscope's summary JSON, so that the simulator's virtual-time figures can be checked against what Go
// actually does.
//
// Usage:
//
//	go run ./tools/go-harness SCENARIO.json [-scale 1.0] [-duration MS] [-ops]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "go-harness:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("go-harness", flag.ContinueOnError)
	scale := fs.Float64("scale", 1, "multiplies every scenario time (1 = real milliseconds); figures are reported in scenario ms")
	duration := fs.Float64("duration", 0, "a script only: run this many scenario ms instead of its durationMs (as lockscope run --duration)")
	listOps := fs.Bool("ops", false, "also list every lock operation (request, acquire, release in scenario ms) on stderr; for a script, every wait and hold")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go-harness SCENARIO.json [-scale 1.0] [-duration MS] [-ops]")
		fs.PrintDefaults()
	}
	// The flag package stops at the first positional argument; accept -scale before or after the file.
	if err := fs.Parse(args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return fmt.Errorf("missing scenario file")
	}
	path := rest[0]
	if err := fs.Parse(rest[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if !(*scale > 0) {
		return fmt.Errorf("-scale must be > 0, got %v", *scale)
	}
	kind, data, err := scenarioKind(path)
	if err != nil {
		return err
	}
	if kind == "script" {
		return runScriptFile(path, data, *scale, *duration, *listOps)
	}
	sc, err := loadScenario(path)
	if err != nil {
		return err
	}
	h := newHarness(sc, *scale)
	s := h.run()
	if *listOps {
		h.rec.listOps(os.Stderr, h.ms(sc.DurationMs), *scale)
	}
	s.Scenario = sc.Name
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}

func runScriptFile(path string, data []byte, scale, durationMs float64, listWaits bool) error {
	s, err := loadScript(path, data)
	if err != nil {
		return err
	}
	if durationMs > 0 {
		ns, problem := msToNanos(strconv.FormatFloat(durationMs, 'f', -1, 64))
		if problem != "" || ns == 0 {
			return fmt.Errorf("-duration: expected a number > 0, at most 604800000 (milliseconds), got %v", durationMs)
		}
		s.Duration, s.DurationMs = time.Duration(ns), float64(ns)/1e6
	}
	r := newScriptRun(s, scale)
	summary, end := r.run()
	if listWaits {
		r.rec.listWaits(os.Stderr, s, end, scale)
	}
	// Site labels hold Go code ("ch <- 1"): no HTML escaping of < and >.
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(summary)
}
