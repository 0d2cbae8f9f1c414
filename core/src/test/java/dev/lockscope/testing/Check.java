package dev.lockscope.testing;

/** The body of a property: passes by returning, fails by throwing (an assertion or any other exception). */
@FunctionalInterface
public interface Check<T> {
    void accept(T value) throws Exception;
}
