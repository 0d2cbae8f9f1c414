module lockscope/goharness

go 1.19
