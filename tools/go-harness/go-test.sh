#!/usr/bin/env bash
# The Go harness's checks, run by `mvn verify` (tools/go-harness/pom.xml, test phase) and usable by hand:
# gofmt, go vet and go test (again under -race when cgo can build it) of the harness module (lockscope/goharness; standard library only).
# Without `go` on PATH it prints one line and succeeds, unless LOCKSCOPE_REQUIRE_GO=true
# (mvn -Dlockscope.requireGo=true), which makes a missing Go a failure.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v go >/dev/null 2>&1; then
    if [ "${LOCKSCOPE_REQUIRE_GO:-false}" = true ]; then
        echo "Go not found, and lockscope.requireGo=true: install golang-go (Go >= 1.19)" >&2
        exit 1
    fi
    echo "Go not found: skipping the Go harness's tests"
    exit 0
fi

export GOPROXY=off
log() { printf '[go-harness] %s\n' "$*"; }
log "$(go version): gofmt -l, go vet, go test"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
    echo "not gofmt-formatted: $unformatted" >&2
    exit 1
fi
go vet ./...
go test ./...
if [ "$(go env CGO_ENABLED)" = 1 ] && command -v "$(go env CC)" >/dev/null 2>&1; then
    log "go test -race (the recorder is shared by every script goroutine)"
    go test -race ./...
else
    log "no cgo compiler: skipping the -race run"
fi
