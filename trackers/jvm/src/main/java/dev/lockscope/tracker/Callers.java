package dev.lockscope.tracker;

import java.util.Set;

/**
 * Finds the user code that called a lock method: the first frame of the current thread's stack whose class is
 * not one of the tracker's lock classes. Costs a stack walk (a few microseconds), so it runs only while
 * recording.
 */
final class Callers {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Classes whose frames are skipped, with their nested classes. Test classes of this package are not. */
    private static final Set<Class<?>> TRACKER_NESTS = Set.of(TrackedReentrantLock.class,
            TrackedReentrantReadWriteLock.class, TrackedCondition.class, Acquisitions.class, Callers.class);

    private static final ClassValue<Boolean> IS_TRACKER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return TRACKER_NESTS.contains(type.getNestHost());
        }
    };

    private Callers() {
    }

    /** The calling user code's site, or {@link CallSite#UNKNOWN} if the whole stack is the tracker's. */
    static CallSite find() {
        return WALKER.walk(frames -> frames.filter(frame -> !IS_TRACKER.get(frame.getDeclaringClass()))
                .findFirst()
                .map(CallSite::of)
                .orElse(CallSite.UNKNOWN));
    }
}
