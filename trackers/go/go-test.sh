#!/usr/bin/env bash
# The Go tracker's checks, run by `mvn verify` (trackers/go/pom.xml, test phase) and usable by hand:
#   go vet and go test of the tracker module (lockscope.dev/tracker), the stress test again under -race when
#   cgo can build it, and a build of the benchmark module (bench/) without running its benchmarks.
# Without `go` on PATH it prints one line and succeeds, unless LOCKSCOPE_REQUIRE_GO=true
# (mvn -Dlockscope.requireGo=true), which makes a missing Go a failure.
set -euo pipefail
cd "$(dirname "$0")"

require=${LOCKSCOPE_REQUIRE_GO:-false}
if ! command -v go >/dev/null 2>&1; then
    if [ "$require" = true ]; then
        echo "Go not found, and lockscope.requireGo=true: install golang-go (Go >= 1.19)" >&2
        exit 1
    fi
    echo "Go not found: skipping the Go tracker's tests"
    exit 0
fi

# No module downloads: everything is in the standard library or replaced by a local path.
export GOPROXY=off
log() { printf '[go-test] %s\n' "$*"; }

log "$(go version)"
log "go vet ./... && go test ./..."
go vet ./...
go test ./...

if [ "$(go env CGO_ENABLED)" = 1 ] && command -v "$(go env CC)" >/dev/null 2>&1; then
    log "go test -race (concurrent recording, live stream)"
    go test -race -run 'Concurrent|TryLock|Blocked|Behind|StartStopRestart|Serve' .
else
    log "no cgo compiler: skipping the -race run"
fi

deadlock=/usr/share/gocode/src/github.com/sasha-s/go-deadlock
if [ -d "$deadlock" ]; then
    log "building the benchmark module (benchmarks not run)"
    (cd bench && GOWORK=off go vet -overlay=goid-overlay.json ./... && GOWORK=off go test -overlay=goid-overlay.json -run='^$' ./...)
elif [ "$require" = true ]; then
    echo "go-deadlock's source not found at $deadlock: install golang-github-sasha-s-go-deadlock-dev" >&2
    exit 1
else
    log "go-deadlock's source not found at $deadlock: skipping the benchmark module's build"
fi
