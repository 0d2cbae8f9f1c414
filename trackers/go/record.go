package lockscope

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Version is this package's version, written in the trace header's tool field.
const Version = "0.1.0"

// EnvTrace is the environment variable that starts a recording when the package initialises:
// LOCKSCOPE_TRACE=trace.jsonl.gz ./program.
const EnvTrace = "LOCKSCOPE_TRACE"

// ctl serialises Record, Stop and Serve's opening and closing of sinks.
var ctl sync.Mutex

// Record starts recording every Mutex and RWMutex of this package into the trace file at path, created or
// truncated, gzip-compressed when path ends in ".gz". Lines reach the file at least every 50 ms (gzip: a sync
// flush), so a program that dies leaves a readable trace up to its last 50 ms or so, without an end line.
// Record fails if a recording is already on.
func Record(path string) error {
	ctl.Lock()
	defer ctl.Unlock()
	recMu.Lock()
	busy := rec.file != nil
	recMu.Unlock()
	if busy {
		return errors.New("lockscope: already recording; call Stop first")
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("lockscope: %w", err)
	}
	var k *sink
	if strings.HasSuffix(path, ".gz") {
		bw := bufio.NewWriterSize(f, 64<<10)
		zw, _ := gzip.NewWriterLevel(bw, gzip.BestSpeed) // a valid level: no error
		flush := func() error {
			if err := zw.Flush(); err != nil {
				return err
			}
			return bw.Flush()
		}
		closeAll := func() error {
			return firstErr(zw.Close(), bw.Flush(), f.Close())
		}
		k = newSink(zw, flush, closeAll, time.Now())
	} else {
		k = newSink(f, nil, f.Close, time.Now())
	}
	open(k, true)
	return nil
}

// Stop ends the recording that Record started: it writes the end line, writes out what is buffered and closes
// the file. It returns the first error met while writing the file, and nil when nothing was recording.
func Stop() error {
	ctl.Lock()
	defer ctl.Unlock()
	recMu.Lock()
	k := rec.file
	if k == nil {
		recMu.Unlock()
		return nil
	}
	rec.remove(k)
	k.end(time.Now())
	recMu.Unlock()
	if err := k.shutdown(); err != nil {
		return fmt.Errorf("lockscope: %w", err)
	}
	return nil
}

// open writes k's header, starts its writer and adds it to the sinks, as the file recording if file.
func open(k *sink, file bool) {
	k.put(appendHeader(nil, header{
		name:    filepath.Base(os.Args[0]),
		goVer:   runtime.Version(),
		pid:     os.Getpid(),
		started: k.start.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
	}))
	recMu.Lock()
	rec.add(k)
	if file {
		rec.file = k
	}
	recMu.Unlock()
	go k.run() // after add: a reader that got the header is sure to get the events that follow
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func init() {
	if path := os.Getenv(EnvTrace); path != "" {
		if err := Record(path); err != nil {
			fmt.Fprintf(os.Stderr, "lockscope: %s=%s: %v\n", EnvTrace, path, err)
		}
	}
}
