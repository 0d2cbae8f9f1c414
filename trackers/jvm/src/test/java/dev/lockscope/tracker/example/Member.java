package dev.lockscope.tracker.example;

import java.time.Duration;

/** A chat room member: sending it a message takes its network's latency. */
interface Member {
    String name();

    /** Delivers {@code message}; returns when the member has it. */
    void send(String message) throws InterruptedException;

    /** A member whose every send takes {@code latency}. */
    static Member withLatency(String name, Duration latency) {
        return new Member() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void send(String message) throws InterruptedException {
                Thread.sleep(latency);
            }
        };
    }
}
