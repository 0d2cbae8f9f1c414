package dev.lockscope.run;

import java.util.Objects;

/**
 * One room member as the lab's member table shows it.
 *
 * @param latencyNs       the network latency in force now (scenario, join, or the latest change)
 * @param jitterNs        the jitter in force now
 * @param delivered       messages the member received
 * @param deliveryP99Ms   99th percentile of its delivery latency, whole run (within 1.6% past 256 deliveries)
 * @param orderViolations deliveries older than one it already had
 * @param dropped         messages its full queue dropped
 */
public record MemberStatus(String name, long latencyNs, long jitterNs, State state, long delivered,
                           double deliveryP99Ms, long orderViolations, long dropped) {

    /** Where a member stands. */
    public enum State {
        /** A join was commanded; its {@code Add} has not released the write lock yet. */
        JOINING("joining"),
        /** In the member list, nothing in flight to it. */
        IN_ROOM("in room"),
        /** In the member list, a send to it is in flight. */
        SENDING("sending"),
        /** Its client gave up and runs Remove, then Add. */
        RELOADING("reloading"),
        /** A leave was commanded; its {@code Remove} has not released the write lock yet. */
        LEAVING("leaving"),
        /** Out of the member list. */
        LEFT("left");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MemberStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
