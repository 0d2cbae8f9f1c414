package dev.lockscope.model;

/**
 * How {@code Room.Broadcast} sends a message to the members: the built-in strategies, each a strategy program
 * ({@code /strategies/ID.json}, {@code StrategySpec.builtin}); docs/room-code.md shows their code.
 */
public enum Strategy {
    /** The article's bug: hold the read lock while sending to each member in turn. */
    SEQUENTIAL("sequential"),
    /** The article's fix: under the read lock start one goroutine per member send, then unlock. */
    GOROUTINE_PER_SEND("goroutine-per-send"),
    /** One goroutine per send, but wait for all of them before unlocking. */
    PARALLEL_WAIT("parallel-wait"),
    /** Copy the member list under the read lock, unlock, then send in turn. */
    SNAPSHOT("snapshot"),
    /** Enqueue to each member's bounded outbound queue under the lock; a writer goroutine per member sends. */
    MEMBER_QUEUE("member-queue");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Strategy ofId(String id) {
        for (Strategy s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
