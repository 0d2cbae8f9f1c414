module lockscope.dev/tracker

go 1.19
