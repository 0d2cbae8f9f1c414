package lockscope

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"
)

// server is the live stream's listener and its open connections. Guarded by ctl.
var server struct {
	ln    net.Listener
	conns map[*sink]net.Conn
	done  chan struct{} // closed when the accept loop returns
}

// Serve streams the recording live: it listens on addr, which must be a loopback address ("127.0.0.1:0"
// picks a free port), and returns the address it listens on. Each connection gets, uncompressed, a trace of
// its own: the header, then the events from the moment it connected, with its own ids (it declares the
// goroutines, locks and sites it meets, from 0), and an end line when StopServing closes it. Holds taken
// before a connection opened are not in its trace. Serve works with or without a file recording. A connection
// whose reader falls more than 1 MiB behind is closed rather than slowing the program down.
func Serve(addr string) (string, error) {
	ctl.Lock()
	defer ctl.Unlock()
	if server.ln != nil {
		return "", errors.New("lockscope: already serving at " + server.ln.Addr().String())
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("lockscope: %w", err)
	}
	if !loopback(host) {
		return "", fmt.Errorf("lockscope: Serve listens on loopback only, not %q", host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("lockscope: %w", err)
	}
	server.ln, server.conns, server.done = ln, map[*sink]net.Conn{}, make(chan struct{})
	go accept(ln, server.done)
	return ln.Addr().String(), nil
}

// StopServing closes the listener and every live connection, after an end line. It returns nil when Serve
// was not called.
func StopServing() error {
	ctl.Lock()
	ln, done := server.ln, server.done
	if ln == nil {
		ctl.Unlock()
		return nil
	}
	err := ln.Close()
	conns := server.conns
	server.ln, server.conns = nil, nil
	recMu.Lock()
	now := time.Now()
	for k := range conns {
		rec.remove(k)
		k.end(now)
	}
	recMu.Unlock()
	ctl.Unlock()
	for k, c := range conns {
		c.SetWriteDeadline(now.Add(time.Second)) // a client that stopped reading does not hold us up
		k.shutdown()                             // a connection that failed has nothing to report
	}
	<-done
	return err
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func accept(ln net.Listener, done chan struct{}) {
	defer close(done)
	for {
		c, err := ln.Accept()
		if err != nil {
			return // closed by StopServing
		}
		ctl.Lock()
		if server.ln != ln {
			ctl.Unlock()
			c.Close()
			return
		}
		k := newSink(c, nil, c.Close, time.Now())
		k.dropWhenFull = true
		server.conns[k] = c
		open(k, false)
		ctl.Unlock()
		go watch(ln, k, c)
	}
}

// watch reads from c until the client goes away, then drops its sink. The client sends nothing; anything it
// sends is ignored.
func watch(ln net.Listener, k *sink, c net.Conn) {
	io.Copy(io.Discard, c)
	ctl.Lock()
	if server.ln != ln || server.conns[k] == nil {
		ctl.Unlock()
		return // StopServing closes it
	}
	delete(server.conns, k)
	recMu.Lock()
	rec.remove(k)
	recMu.Unlock()
	ctl.Unlock()
	k.shutdown()
}
