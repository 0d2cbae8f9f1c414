package dev.lockscope.lock;

/**
 * A Go run-time panic or fatal error raised by a simulated operation, with Go's own message ({@code send on closed
 * channel}, {@code sync: negative WaitGroup counter}, {@code sync: unlock of unlocked mutex}, ...). The goroutine
 * that made the operation panics: the kernel records it and unwinds the goroutine's deferred calls
 * (docs/primitives.md). It is an {@link IllegalStateException} because outside the kernel (a room that misuses a
 * lock) it is a programming error. Carries no stack trace: it is an outcome of the simulated program, not of Java.
 */
public final class GoPanic extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public GoPanic(String goMessage) {
        super(goMessage);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
