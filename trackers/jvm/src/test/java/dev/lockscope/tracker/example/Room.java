package dev.lockscope.tracker.example;

import dev.lockscope.tracker.TrackedReentrantReadWriteLock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The article's chat room, in Java: a member list behind a read-write lock. {@code broadcast} holds the read
 * lock while it sends to each member in turn, so one slow member keeps it held; {@code add} needs the write
 * lock, waits behind that broadcast, and (the JDK's non-fair lock lets no new reader past a queued writer) every
 * later broadcast waits behind the add. The only change from untracked code is the lock's class.
 */
final class Room {
    private final ReadWriteLock membersMx = new TrackedReentrantReadWriteLock("membersMx");
    private final List<Member> members = new ArrayList<>();

    /** Sends {@code message} to every member, one after the other, holding the read lock throughout. */
    void broadcast(String message) throws InterruptedException {
        membersMx.readLock().lock();
        try {
            for (Member member : members) {
                member.send(message);
            }
        } finally {
            membersMx.readLock().unlock();
        }
    }

    void add(Member member) {
        membersMx.writeLock().lock();
        try {
            members.add(member);
        } finally {
            membersMx.writeLock().unlock();
        }
    }
}
