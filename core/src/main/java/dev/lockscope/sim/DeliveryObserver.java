package dev.lockscope.sim;

/** Told of every completed send, after its {@code Deliver} event; the room uses it for its clients' reloads. */
@FunctionalInterface
public interface DeliveryObserver {
    void delivered(String member, long msg, long timeNs);
}
