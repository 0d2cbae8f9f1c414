package dev.lockscope.prim;

/** Receives what a goroutine's program may do to primitives: one call per primitive and access. */
@FunctionalInterface
public interface Reach {
    void add(Prim prim, Access access);
}
