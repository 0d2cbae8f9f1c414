package lockscope

import "sync"

// The rest of package sync, so that `import sync "lockscope.dev/tracker"` keeps a program compiling: these
// are sync's own types (aliases, not wrappers) and are not recorded.

type (
	// Cond is sync.Cond.
	Cond = sync.Cond
	// Locker is sync.Locker. *Mutex, *RWMutex and RWMutex.RLocker's result implement it.
	Locker = sync.Locker
	// Map is sync.Map.
	Map = sync.Map
	// Once is sync.Once.
	Once = sync.Once
	// Pool is sync.Pool.
	Pool = sync.Pool
	// WaitGroup is sync.WaitGroup.
	WaitGroup = sync.WaitGroup
)

// NewCond returns sync.NewCond(l). With l a *Mutex of this package, Wait's unlock and relock are recorded.
func NewCond(l Locker) *Cond { return sync.NewCond(l) }
