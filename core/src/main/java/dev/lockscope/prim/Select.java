package dev.lockscope.prim;

import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Go's {@code select}, as runtime/select.go's {@code selectgo} runs it:
 * <ol>
 * <li>a random <b>poll order</b> of the cases whose channel is not nil: for each such case {@code i}, in order,
 *     {@code j := fastrandn(norder + 1); pollorder[norder] = pollorder[j]; pollorder[j] = i} (a uniform random
 *     permutation), drawn from the run's seeded generator, so that the same seed picks the same cases;
 * <li><b>pass 1</b>: the first case in poll order that can proceed now runs (a receive: a waiting sender, a
 *     value in the buffer, or a closed channel; a send: a closed channel, which panics, a waiting receiver, or
 *     room in the buffer). Every ready case is equally likely to be first;
 * <li>with a {@code default} and nothing ready, the default runs;
 * <li><b>pass 2</b>: otherwise the goroutine waits on every case's channel at once; the first channel operation
 *     that matches one of them completes the select, and the others leave their queues (pass 3). A select whose
 *     channels are all nil (or {@code select {}}) waits forever.
 * </ol>
 */
public final class Select {
    private Select() {}

    /**
     * One case: a send of {@code value} ({@code send}) or a receive, on {@code chan} ({@code null}: a nil channel,
     * never ready), at {@code site} (the case's line).
     */
    public record Case(Chan chan, boolean send, Object value, Site site) {}

    /**
     * Runs a select for {@code p}: true if it completed at once ({@code p} was completed with the index of the
     * case that ran, or -1 for the default), false if {@code p} now waits.
     */
    public static boolean run(Party p, List<Case> cases, boolean hasDefault, Site site, PrimHost host) {
        int[] pollorder = pollOrder(cases, host.random());
        for (int i : pollorder) {
            Case c = cases.get(i);
            boolean done = c.send() ? c.chan().trySend(p, c.value(), c.site(), i) : c.chan().tryRecv(p, c.site(), i);
            if (done) {
                return true;
            }
        }
        if (hasDefault) {
            p.complete(null, true, -1);
            return true;
        }
        if (pollorder.length == 0) {
            Waiting.forever(p, WaitOp.SELECT, site, host);
            return false;
        }
        List<Sudog.Spec> specs = new ArrayList<>(pollorder.length);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (c.chan() != null) {
                specs.add(new Sudog.Spec(c.chan(), c.send(), c.value(), c.site(), i));
            }
        }
        Waiting.start(p, WaitOp.SELECT, site, host, specs);
        return false;
    }

    /** selectgo's poll order: the non-nil cases in a random order, one draw per non-nil case. */
    static int[] pollOrder(List<Case> cases, SplittableRandom random) {
        int[] order = new int[cases.size()];
        int n = 0;
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).chan() == null) {
                continue;
            }
            int j = random.nextInt(n + 1);
            order[n] = order[j];
            order[j] = i;
            n++;
        }
        return java.util.Arrays.copyOf(order, n);
    }
}
