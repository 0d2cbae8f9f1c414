package lockscope_test

// This file imports the package as sync, as a program switching to it does: everything of package sync that
// a program uses must still compile and work.

import (
	sync "lockscope.dev/tracker"
	"testing"
)

type cache struct {
	mu    sync.RWMutex
	items map[string]int
	once  sync.Once
}

func (c *cache) get(k string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *cache) put(k string, v int) {
	c.once.Do(func() { c.items = map[string]int{} })
	c.mu.Lock()
	c.items[k] = v
	c.mu.Unlock()
}

func TestTheWholeOfSyncCompilesUnderTheImportAlias(t *testing.T) {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		m    sync.Map
		pool             = sync.Pool{New: func() any { return new(int) }}
		l    sync.Locker = &mu
		cond             = sync.NewCond(l)
		_    sync.Cond
		c    cache
	)
	ready := false
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c.put("k", i)
			m.Store(i, i)
			p := pool.Get().(*int)
			pool.Put(p)
			mu.Lock()
			ready = true
			cond.Broadcast()
			mu.Unlock()
		}(i)
	}
	mu.Lock()
	for !ready {
		cond.Wait()
	}
	mu.Unlock()
	wg.Wait()
	if _, ok := c.get("k"); !ok {
		t.Fatal("cache lost its item")
	}
	n := 0
	m.Range(func(_, _ any) bool { n++; return true })
	if n != 4 {
		t.Fatalf("sync.Map holds %d items, want 4", n)
	}
	var rw sync.RWMutex
	var _ sync.Locker = rw.RLocker()
}
