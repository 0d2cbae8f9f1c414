// Command room runs the article's chat room for real and records its lock into a Lockscope trace: members
// ann (10 ms), bob (20 ms) and eve (slow), a broadcast every period, dan joining while a broadcast is sending
// to eve.
//
//	go run ./examples/room -trace room.jsonl.gz
//	mvn javafx:run -Dlockscope.open=room.jsonl.gz
//
// With LOCKSCOPE_TRACE set, that recording (started when the program starts) is used instead of -trace.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	lockscope "lockscope.dev/tracker"
)

// A scenario is what run plays.
type scenario struct {
	period time.Duration // between broadcasts
	eve    time.Duration // eve's latency
	addAt  time.Duration // when dan joins, after the first broadcast
	length time.Duration // broadcasts start until then
}

func main() {
	trace := flag.String("trace", "room.jsonl.gz", "the trace file to write (gzip when it ends in .gz)")
	sc := scenario{}
	flag.DurationVar(&sc.period, "period", 50*time.Millisecond, "time between broadcasts")
	flag.DurationVar(&sc.eve, "eve", 200*time.Millisecond, "eve's latency")
	flag.DurationVar(&sc.addAt, "add", 60*time.Millisecond, "when dan joins")
	flag.DurationVar(&sc.length, "for", time.Second, "how long broadcasts start")
	flag.Parse()

	if os.Getenv(lockscope.EnvTrace) == "" {
		if err := lockscope.Record(*trace); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	} else {
		*trace = os.Getenv(lockscope.EnvTrace)
	}
	run(sc)
	if err := lockscope.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("wrote", *trace)
}

// run plays sc and returns once every goroutine it started has returned.
func run(sc scenario) {
	r := NewRoom(
		&Member{Name: "ann", Latency: 10 * time.Millisecond},
		&Member{Name: "bob", Latency: 20 * time.Millisecond},
		&Member{Name: "eve", Latency: sc.eve},
	)
	before := runtime.NumGoroutine()
	start := time.Now()
	added := false
	for id := 1; ; id++ {
		at := time.Duration(id-1) * sc.period
		if !added && sc.addAt < at {
			sleepUntil(start.Add(sc.addAt))
			go r.Add(&Member{Name: "dan", Latency: 10 * time.Millisecond})
			added = true
		}
		if at > sc.length {
			break
		}
		sleepUntil(start.Add(at))
		go r.Broadcast(Message{ID: id})
	}
	// The room's methods are the goroutines' entry functions (so the trace names them Room.Broadcast and
	// Room.Add); waiting for the goroutine count to come back is how run knows they are all done.
	for runtime.NumGoroutine() > before {
		time.Sleep(5 * time.Millisecond)
	}
}

func sleepUntil(t time.Time) {
	time.Sleep(time.Until(t))
}
