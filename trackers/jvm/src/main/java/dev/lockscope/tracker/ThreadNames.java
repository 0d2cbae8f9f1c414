package dev.lockscope.tracker;

/**
 * How threads are named in traces (TRACE-V2.md, "JVM"): a thread's {@code spawn} name and its sites' {@code op}
 * are its name; its {@code kind} is that name without a trailing {@code "-<digits>"}, so that a pool's threads
 * ({@code pool-1-thread-3}) group together.
 */
final class ThreadNames {
    private ThreadNames() {
    }

    /**
     * The thread's name, or for an unnamed one (virtual threads are unnamed by default) {@code "virtual-<id>"} or
     * {@code "thread-<id>"}: an empty name would make an empty operation in every per-operation table.
     */
    static String name(Thread thread) {
        String name = thread.getName();
        if (!name.isEmpty()) {
            return name;
        }
        return (thread.isVirtual() ? "virtual-" : "thread-") + thread.threadId();
    }

    /** {@code "pool-1-thread-3"} gives {@code "pool-1-thread"}; {@code "main"} stays {@code "main"}. */
    static String kind(String name) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1)) && name.charAt(end - 1) < 0x80) {
            end--;
        }
        boolean digitsAfterDash = end < name.length() && end > 0 && name.charAt(end - 1) == '-';
        return digitsAfterDash ? name.substring(0, end - 1) : name;
    }
}
