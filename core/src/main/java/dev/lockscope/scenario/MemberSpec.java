package dev.lockscope.scenario;

import java.util.Objects;

/**
 * A room member's network: each send takes {@code latencyNs}, plus a uniform draw from
 * [-jitterNs, +jitterNs] (never below zero) when jitter is set.
 */
public record MemberSpec(String name, long latencyNs, long jitterNs) {
    public MemberSpec {
        Objects.requireNonNull(name, "name");
        if (latencyNs < 0 || jitterNs < 0) {
            throw new IllegalArgumentException("latency and jitter must be >= 0 for " + name);
        }
    }
}
