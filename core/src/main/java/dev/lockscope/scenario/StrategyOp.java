package dev.lockscope.scenario;

import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;

/**
 * One operation of a compiled strategy function ({@link StrategySpec}): the room's verbs (its lock, its member list,
 * a member's network send, a member's outbox) and the little control a broadcast needs. Variables are slots of the
 * running function's frame: {@code obj} slots hold members, lists, messages and WaitGroups, {@code int} slots the
 * positions of loops. Slot 0 holds the message being broadcast ({@code msg}) in {@code Broadcast}, the member in
 * {@code writeLoop}.
 */
public sealed interface StrategyOp {
    /** The slot of {@code msg} in {@code Broadcast}, and of {@code m} in {@code writeLoop}. */
    int PARAM = 0;

    /** {@code r.membersMx.RLock()} and the like. */
    record Lock(Mode mode, boolean acquire, Site site) implements StrategyOp {}

    /** {@code list := r.members} as it stands (Go's {@code range} and {@code slices.Clone} both take it once). */
    record Members(int list) implements StrategyOp {}

    /** Starts a {@code range}: its position back to 0. */
    record RangeStart(int index) implements StrategyOp {}

    /** The next element of {@code list} into {@code member}; past the end, jumps to {@code exit}. */
    record RangeNext(int list, int index, int member, int exit) implements StrategyOp {}

    /** {@code m.Send(msg)}: the member's network send of the message in slot {@code msg}. */
    record Send(int member, int msg, Site site) implements StrategyOp {}

    /**
     * {@code go m.Send(msg)}, {@code go func() {...}()}: a goroutine {@code Send(name)} (kind {@code Send}) of
     * {@code body}, with a copy of this frame's variables (WaitGroups are shared, as Go shares a captured variable).
     */
    record Go(int member, StrategySpec.Function body) implements StrategyOp {}

    /** {@code var wg sync.WaitGroup}: a new counter whose waiter is this goroutine. */
    record NewWaitGroup(int wg) implements StrategyOp {}

    /** {@code wg.Add(delta)}, {@code wg.Done()} (delta -1); at zero the waiter is woken. */
    record WgAdd(int wg, int delta) implements StrategyOp {}

    /** {@code wg.Wait()}: parks until the counter is zero. */
    record WgWait(int wg, Site site) implements StrategyOp {}

    /** {@code m.outbox <- msg}: into the member's outbox (a buffered channel of {@code queueLimit} dropping its oldest). */
    record Enqueue(int member, int msg) implements StrategyOp {}

    /** {@code for msg := range m.outbox}: the next message into {@code msg}; parks while empty; exits once closed. */
    record OutboxNext(int msg, Site site, int exit) implements StrategyOp {}

    record Jump(int target) implements StrategyOp {}
}
