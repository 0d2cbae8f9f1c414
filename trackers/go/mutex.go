package lockscope

import (
	"sync"
	"sync/atomic"
)

// A Mutex is a sync.Mutex that is recorded while a recording is on.
//
// Its methods do exactly what sync.Mutex's do (they call them); recording only adds events around the calls.
// The zero value is an unlocked mutex. A Mutex must not be copied after first use (go vet's copylocks check
// sees the sync.Mutex inside it).
type Mutex struct {
	mu sync.Mutex
	tr atomic.Pointer[lockTrack]
}

// Lock locks m, as sync.Mutex.Lock. While recording it writes a request and tries m without blocking; if m is
// taken it writes a blocked event naming the holder the recorder knows of, then waits for m; it writes an
// acquire once m is taken.
func (m *Mutex) Lock() {
	if !tracking.Load() {
		m.mu.Lock()
		return
	}
	m.lockTracked()
}

// Unlock unlocks m, as sync.Mutex.Unlock: unlocking an unlocked Mutex is the same fatal error ("sync: unlock
// of unlocked mutex"). While recording it writes a release first, for the goroutine the recorder saw take m.
func (m *Mutex) Unlock() {
	if !tracking.Load() {
		m.mu.Unlock()
		return
	}
	m.unlockTracked()
}

// TryLock tries to lock m and reports whether it succeeded, as sync.Mutex.TryLock. While recording a success
// writes a request and an acquire at the same instant; a failure writes nothing (TryLock never waits).
func (m *Mutex) TryLock() bool {
	if !tracking.Load() {
		return m.mu.TryLock()
	}
	return m.tryLockTracked()
}

func (m *Mutex) lockTracked() {
	lt, c := m.track(), here(true)
	q, taken, ok := onLock(lt, &c, modeW, m.mu.TryLock)
	if taken {
		return
	}
	m.mu.Lock()
	if ok {
		onAcquire(lt, modeW, q)
	}
}

func (m *Mutex) unlockTracked() {
	if lt := m.tr.Load(); lt != nil {
		c := here(false)
		onRelease(lt, &c, modeW)
	}
	m.mu.Unlock()
}

func (m *Mutex) tryLockTracked() bool {
	lt, c := m.track(), here(true)
	return onTry(lt, &c, modeW, m.mu.TryLock)
}

func (m *Mutex) track() *lockTrack { return trackOf(&m.tr, kindMutex) }

// An RWMutex is a sync.RWMutex that is recorded while a recording is on.
//
// Its methods do exactly what sync.RWMutex's do (they call them), including its writer preference: a
// blocked Lock keeps new readers out (sync/rwmutex.go, RLock and Lock), which is why recursive read locking
// can deadlock. The zero value is an unlocked RWMutex. An RWMutex must not be copied after first use.
type RWMutex struct {
	mu sync.RWMutex
	tr atomic.Pointer[lockTrack]
}

// Lock locks rw for writing, as sync.RWMutex.Lock. While recording it writes a request, then an acquire; if
// rw is taken, a blocked event in between names the writer holding it, else the writer blocked before this
// one, else the readers.
func (rw *RWMutex) Lock() {
	if !tracking.Load() {
		rw.mu.Lock()
		return
	}
	rw.lockTracked()
}

// Unlock unlocks rw for writing, as sync.RWMutex.Unlock ("sync: Unlock of unlocked RWMutex" if it is not
// locked). While recording it writes a release first.
func (rw *RWMutex) Unlock() {
	if !tracking.Load() {
		rw.mu.Unlock()
		return
	}
	rw.unlockTracked()
}

// TryLock tries to lock rw for writing, as sync.RWMutex.TryLock. While recording a success writes a request
// and an acquire at the same instant; a failure writes nothing.
func (rw *RWMutex) TryLock() bool {
	if !tracking.Load() {
		return rw.mu.TryLock()
	}
	return rw.tryLockTracked()
}

// RLock locks rw for reading, as sync.RWMutex.RLock. Each RLock is recorded as its own hold, so a recursive
// RLock shows as two holds of one goroutine. If rw is taken, a blocked event between the request and the
// acquire names the writer holding rw or, when none is known to hold it, the writer waiting for it (whose
// pending Lock keeps readers out).
func (rw *RWMutex) RLock() {
	if !tracking.Load() {
		rw.mu.RLock()
		return
	}
	rw.rlockTracked()
}

// RUnlock undoes one RLock, as sync.RWMutex.RUnlock ("sync: RUnlock of unlocked RWMutex" if rw is not
// read-locked). While recording it writes a release of one of the calling goroutine's read holds (or, when
// another goroutine read-locked rw, of the oldest read hold).
func (rw *RWMutex) RUnlock() {
	if !tracking.Load() {
		rw.mu.RUnlock()
		return
	}
	rw.runlockTracked()
}

// TryRLock tries to lock rw for reading, as sync.RWMutex.TryRLock. While recording a success writes a request
// and an acquire at the same instant; a failure writes nothing.
func (rw *RWMutex) TryRLock() bool {
	if !tracking.Load() {
		return rw.mu.TryRLock()
	}
	return rw.tryRLockTracked()
}

// RLocker returns a Locker whose Lock and Unlock call rw.RLock and rw.RUnlock, as sync.RWMutex.RLocker.
// Its calls are recorded at the site that calls the Locker.
func (rw *RWMutex) RLocker() sync.Locker {
	return (*rlocker)(rw)
}

type rlocker RWMutex

func (r *rlocker) Lock()   { (*RWMutex)(r).RLock() }
func (r *rlocker) Unlock() { (*RWMutex)(r).RUnlock() }

func (rw *RWMutex) lockTracked() {
	lt, c := rw.track(), here(true)
	q, taken, ok := onLock(lt, &c, modeW, rw.mu.TryLock)
	if taken {
		return
	}
	rw.mu.Lock()
	if ok {
		onAcquire(lt, modeW, q)
	}
}

func (rw *RWMutex) unlockTracked() {
	if lt := rw.tr.Load(); lt != nil {
		c := here(false)
		onRelease(lt, &c, modeW)
	}
	rw.mu.Unlock()
}

func (rw *RWMutex) tryLockTracked() bool {
	lt, c := rw.track(), here(true)
	return onTry(lt, &c, modeW, rw.mu.TryLock)
}

func (rw *RWMutex) rlockTracked() {
	lt, c := rw.track(), here(true)
	q, taken, ok := onLock(lt, &c, modeR, rw.mu.TryRLock)
	if taken {
		return
	}
	rw.mu.RLock()
	if ok {
		onAcquire(lt, modeR, q)
	}
}

func (rw *RWMutex) runlockTracked() {
	if lt := rw.tr.Load(); lt != nil {
		c := here(true)
		onRelease(lt, &c, modeR)
	}
	rw.mu.RUnlock()
}

func (rw *RWMutex) tryRLockTracked() bool {
	lt, c := rw.track(), here(true)
	return onTry(lt, &c, modeR, rw.mu.TryRLock)
}

func (rw *RWMutex) track() *lockTrack { return trackOf(&rw.tr, kindRWMutex) }

// A Tracked lock is a *Mutex or an *RWMutex of this package (no other type can implement it).
type Tracked interface {
	track() *lockTrack
}

// Name gives lock l the name Lockscope shows for it, e.g. Name(&r.membersMx, "membersMx"). Without a name a
// lock is called by the file:line of the first call that used it while recording. A recording declares a lock
// once, at its first use, so name a lock before that (right after creating it).
func Name(l Tracked, name string) {
	lt := l.track()
	recMu.Lock()
	lt.name = name
	recMu.Unlock()
}

// trackOf returns the lock's recording state, making it on first use.
func trackOf(p *atomic.Pointer[lockTrack], kind string) *lockTrack {
	if lt := p.Load(); lt != nil {
		return lt
	}
	p.CompareAndSwap(nil, &lockTrack{kind: kind})
	return p.Load()
}
