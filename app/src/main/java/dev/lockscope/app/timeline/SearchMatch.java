package dev.lockscope.app.timeline;

import java.util.Objects;

/**
 * One match of a {@linkplain TimelineView#search(String) search}: a lock, a member or a goroutine group, found by its
 * row's name, or a goroutine, found by its own name.
 *
 * @param kind     what was found
 * @param name     its name: {@code membersMx}, {@code eve}, {@code Send(eve)}, {@code Broadcast#14}
 * @param interval for a goroutine, the store row of its life (its {@code Spawn}); otherwise -1
 * @param start    for a goroutine, when it started, ns; otherwise -1
 */
public record SearchMatch(Kind kind, String name, int interval, long start) {
    /** What a match is. */
    public enum Kind { LOCK, MEMBER, GROUP, GOROUTINE }

    public SearchMatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
