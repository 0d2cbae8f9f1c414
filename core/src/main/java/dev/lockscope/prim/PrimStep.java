package dev.lockscope.prim;

import dev.lockscope.lock.GoPanic;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.List;
import java.util.Objects;

/**
 * One operation of a goroutine on a primitive: the verbs the kernel interprets for channels, select, WaitGroup,
 * Cond, Once, contexts and timers. {@link #perform} makes it: true if it completed at once (the party's registers
 * hold the outcome), false if the party now waits (it is woken, its registers filled, when the wait ends). A Go
 * panic is a {@link GoPanic}.
 *
 * <p>A {@code null} channel is Go's nil channel: a send or receive on it waits forever, closing it panics.
 */
public sealed interface PrimStep {
    /** Where in the program the step is. */
    Site site();

    boolean perform(Party self, PrimHost host);

    /** {@code ch <- value}. */
    record Send(Chan chan, Object value, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            if (chan == null) {
                Waiting.forever(self, WaitOp.CHAN_SEND, site, host);
                return false;
            }
            return chan.send(self, value, site);
        }
    }

    /** {@code v, ok := <-ch}. */
    record Recv(Chan chan, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            if (chan == null) {
                Waiting.forever(self, WaitOp.CHAN_RECV, site, host);
                return false;
            }
            return chan.recv(self, site);
        }
    }

    /** {@code close(ch)}. */
    record Close(Chan chan, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            if (chan == null) {
                throw new GoPanic("close of nil channel");
            }
            chan.close(self, site);
            return true;
        }
    }

    /** {@code select { ... }}: the case that ran is the party's {@code chosen} register (-1: default). */
    record SelectStep(List<Select.Case> cases, boolean hasDefault, Site site) implements PrimStep {
        public SelectStep {
            cases = List.copyOf(cases);
        }

        @Override
        public boolean perform(Party self, PrimHost host) {
            return Select.run(self, cases, hasDefault, site, host);
        }
    }

    /** {@code wg.Add(delta)}, or {@code wg.Done()} when {@code done}. */
    record Add(WaitGroup wg, long delta, boolean done, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            wg.add(self, delta, done, site);
            return true;
        }
    }

    /** {@code wg.Wait()}. */
    record Wait(WaitGroup wg, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            return wg.await(self, site);
        }
    }

    /** {@code c.Wait()} up to its wake-up; the program takes {@code c.L} again next. */
    record CondWait(Cond cond, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            return cond.await(self, site);
        }
    }

    /** {@code c.Signal()}, or {@code c.Broadcast()} when {@code all}. */
    record Notify(Cond cond, boolean all, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            cond.signal(self, all, site);
            return true;
        }
    }

    /** The start of {@code once.Do(f)}: {@code ok} says whether to run {@code f}. */
    record OnceDo(Once once, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            return once.begin(self, site);
        }
    }

    /** {@code f} of {@code once.Do(f)} has returned. */
    record OnceEnd(Once once, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            once.end(self, site);
            return true;
        }
    }

    /** A context's cancel function. */
    record Cancel(Context context, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            context.cancel(self, site);
            return true;
        }
    }

    /** A panic the program raises itself ({@code panic(...)}, a run-time error of the script), with Go's message. */
    record Panic(String message, Site site) implements PrimStep {
        @Override
        public boolean perform(Party self, PrimHost host) {
            throw new GoPanic(message);
        }
    }

    /**
     * {@code t.Reset(d)} of a timer's or ticker's channel: {@code ok} says whether it was pending (time/sleep.go
     * {@code Timer.Reset}); a ticker's period becomes {@code d} (time/tick.go {@code Ticker.Reset}).
     */
    record Reset(Chan timer, long durationNs, Site site) implements PrimStep {
        public Reset {
            Objects.requireNonNull(timer, "timer");
        }

        @Override
        public boolean perform(Party self, PrimHost host) {
            timer.resetTimer(self, durationNs, site);
            return true;
        }
    }

    /** {@code t.Stop()} of a timer, ticker or AfterFunc: {@code ok} says whether it was pending. */
    record Stop(Prim timer, Site site) implements PrimStep {
        public Stop {
            Objects.requireNonNull(timer, "timer");
        }

        @Override
        public boolean perform(Party self, PrimHost host) {
            switch (timer) {
                case AfterFunc f -> f.stop(self, site);
                case Chan c -> c.stopTimer(self, site);
                default -> throw new IllegalArgumentException("not a timer: " + timer);
            }
            return true;
        }
    }
}
