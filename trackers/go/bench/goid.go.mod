module github.com/petermattis/goid
