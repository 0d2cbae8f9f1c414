package main

// The parsed steps of a script. Names are resolved and types checked when the script is read (script_parse.go);
// at run time a name is looked up in the running function's environment (script_run.go), whose blocks mirror the
// scopes of the reader, so a name means what Go's scoping says.

// at is where a step is: its site label (Lockscope's "FUNCTION #LINE: TEXT") and its operation, the function it
// is written in (a goroutine's name, a function's name, FUNCTION.func1 for a closure).
type at struct {
	site, op string
}

type stmt interface{ where() at }

func (a at) where() at { return a }

// Values.
type expr interface{}

type (
	eInt    struct{ v int64 }
	eStr    struct{ v string }
	eBool   struct{ v bool }
	eNil    struct{}
	eStruct struct{}
	eName   struct{ name string }
	eLen    struct {
		ch  string
		cap bool
	}
	eIsNil struct { // ch == nil (isNil true) or ch != nil
		ch    string
		isNil bool
	}
	eNot struct{ x expr }
	eBin struct {
		op   string
		l, r expr
	}
)

// chanExpr is where a receive takes from: a channel variable, a timer's t.C, a context's ctx.Done(), or a new
// time.After(d) each time it is evaluated.
type chanExpr struct {
	kind byte // 'n' name, 'c' timer.C, 'd' ctx.Done(), 'a' time.After
	name string
	ns   int64
}

type (
	sLock struct {
		at
		lock          string
		read, acquire bool
	}
	sSleep struct {
		at
		ns int64
	}
	sSend struct {
		at
		ch   string
		val  expr // nil: the zero value
		zero any
	}
	sRecv struct {
		at
		targets []string
		declare bool
		from    chanExpr
		zero    any // the element type's zero value, for a closed channel
	}
	sClose struct {
		at
		ch string
	}
	sWgAdd struct {
		at
		wg    string
		delta expr // nil: Done
	}
	sWgWait struct {
		at
		wg string
	}
	sCondWait struct {
		at
		cond string
	}
	sCondNotify struct {
		at
		cond string
		all  bool
	}
	sOnceDo struct {
		at
		once, fn string
	}
	sCancel struct {
		at
		name string
	}
	sStop struct {
		at
		timer string
		into  string // ok := t.Stop(): the variable that gets whether the timer was pending, or ""
		decl  bool
	}
	sReset struct {
		at
		timer string
		ns    int64
		into  string // ok := t.Reset(d), or ""
		decl  bool
	}
	sGo struct {
		at
		fn   string
		args []expr
	}
	sCall struct {
		at
		fn   string
		args []expr
	}
	sDefer struct {
		at
		s stmt
	}
	sReturn   struct{ at }
	sBreak    struct{ at }
	sContinue struct{ at }
	sMakeChan struct {
		at
		name string
		zero any
		cap  expr
	}
	sVar struct {
		at
		name string
		typ  goType
	}
	sNewCond struct {
		at
		name, lock string
	}
	sWithContext struct {
		at
		ctx, cancel, parent string
		timeoutNs           int64 // < 0: WithCancel
	}
	sNewTimer struct {
		at
		name   string
		ticker bool
		after  bool // c := time.After(d)
		ns     int64
	}
	sAfterFunc struct {
		at
		name string // "" when not kept
		ns   int64
		fn   string
	}
	sAssign struct {
		at
		name    string
		val     expr
		declare bool
	}
	sIncDec struct {
		at
		name  string
		delta int64
	}

	// Blocks.
	sFor struct {
		at
		head forHead
		body []stmt
	}
	sIf struct {
		at
		cond      expr
		then, els []stmt
	}
	sSelect struct {
		at
		cases  []selCase
		hasDef bool
		def    []stmt
	}
	sGoBlock struct {
		at
		fn   string // the closure's name, FUNCTION.funcN
		body []stmt
	}
	sDeferBlock struct {
		at
		fn   string
		body []stmt
	}
)

type selCase struct {
	send bool
	snd  sSend // send
	rcv  sRecv // receive
	site string
	body []stmt
}

type forHead struct {
	kind  byte // 'c' counted, 'r' range, 'f' forever, 'w' while cond
	cond  expr
	v     string
	from  expr
	cmp   string
	limit expr
	step  int64
	src   chanExpr
	zero  any
}

// funcDecl is a named function.
type funcDecl struct {
	name   string
	params []param
	body   []stmt
}
