module lockscope.dev/trackerbench

go 1.19

require (
	github.com/petermattis/goid v0.0.0-20180202154549-b0b1615b78e5 // indirect
	github.com/sasha-s/go-deadlock v0.3.1
	lockscope.dev/tracker v0.0.0
)

// Offline, from Debian's sources: golang-github-sasha-s-go-deadlock-dev and golang-github-petermattis-goid-dev.
// goid's source has no go.mod; goid-overlay.json gives it one (go test -overlay=goid-overlay.json).
replace (
	github.com/petermattis/goid => /usr/share/gocode/src/github.com/petermattis/goid
	github.com/sasha-s/go-deadlock => /usr/share/gocode/src/github.com/sasha-s/go-deadlock
	lockscope.dev/tracker => ../
)
