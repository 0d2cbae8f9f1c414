package dev.lockscope.testing;

/**
 * Builds one value from the choices of a {@link Source}. A generator is plain code over the source's draws; it
 * must be deterministic in them (the same choices give an equal value), so that a case can be replayed and shrunk.
 */
@FunctionalInterface
public interface Gen<T> {
    T from(Source source);
}
