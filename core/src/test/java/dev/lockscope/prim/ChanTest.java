package dev.lockscope.prim;

import static dev.lockscope.prim.Kit.close;
import static dev.lockscope.prim.Kit.ns;
import static dev.lockscope.prim.Kit.recv;
import static dev.lockscope.prim.Kit.send;
import static dev.lockscope.prim.Kit.site;
import static dev.lockscope.prim.Kit.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Channels, with hand-computed instants: runtime/chan.go's chansend, chanrecv and closechan. */
class ChanTest {

    @Test
    void unbufferedSendHandsTheValueToTheWaitingReceiver() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Kit.Proc rx = k.go("rx", 0, recv(ch)).reaching(ch, Access.RECV);
        Kit.Proc tx = k.go("tx", 0, sleep(10), send(ch, 7)).reaching(ch, Access.SEND);
        k.run(100);

        // rx waits from 0; tx's send at 10 ms passes the value straight over (chansend -> send).
        assertThat(k.lines()).containsExactly(
                "0 rx wait chan-recv [ch]",
                "0 rx blocked by [tx]",
                "10 tx send-sync ch 0",
                "10 rx wake ch",
                "10 rx recv-sync ch 0");
        assertThat(rx.log).containsExactly("@10 recv 7 true");
        assertThat(tx.log).containsExactly("@10 send null true");
    }

    @Test
    void unbufferedReceiveTakesFromTheWaitingSender() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 0, 0L);
        Kit.Proc tx = k.go("tx", 0, send(ch, "x")).reaching(ch, Access.SEND);
        Kit.Proc rx = k.go("rx", 5, recv(ch)).reaching(ch, Access.RECV);
        k.run(100);

        // Until rx starts at 5 ms, its pending start is what could complete tx's send (shown as the runtime).
        assertThat(k.lines()).containsExactly(
                "0 tx wait chan-send [ch]",
                "0 tx blocked by [runtime]",
                "5 tx blocked by [rx]",
                "5 rx recv-sync ch 0",
                "5 tx wake ch",
                "5 tx send-sync ch 0");
        assertThat(rx.log).containsExactly("@5 recv x true");
        assertThat(tx.log).containsExactly("@5 send null true");
    }

    @Test
    void aFullBufferBlocksTheSenderUntilAReceiveMakesRoomFirstInFirstOut() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 2, 0L);
        Kit.Proc tx = k.go("tx", 0, send(ch, 1), send(ch, 2), send(ch, 3)).reaching(ch, Access.SEND);
        Kit.Proc rx = k.go("rx", 5, recv(ch), recv(ch), recv(ch)).reaching(ch, Access.RECV);
        k.run(100);

        // chanrecv -> recv on a full buffer: rx takes the head, tx's value goes to the tail, tx is woken.
        assertThat(k.lines()).containsExactly(
                "0 tx send ch 1",
                "0 tx send ch 2",
                "0 tx wait chan-send [ch]",
                "0 tx blocked by [runtime]",
                "5 tx blocked by [rx]",
                "5 rx recv ch 1",
                "5 tx wake ch",
                "5 tx send ch 2",
                "5 rx recv ch 1",
                "5 rx recv ch 0");
        assertThat(rx.log).containsExactly("@5 recv 1 true", "@5 recv 2 true", "@5 recv 3 true");
        assertThat(tx.log).containsExactly("@0 send null true", "@0 send null true", "@5 send null true");
        assertThat(ch.len()).isZero();
        assertThat(ch.cap()).isEqualTo(2);
    }

    @Test
    void receiversDrainAClosedChannelThenGetTheZeroValue() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 2, 0L);
        k.go("tx", 0, send(ch, 1), send(ch, 2), close(ch));
        Kit.Proc rx = k.go("rx", 10, recv(ch), recv(ch), recv(ch), recv(ch));
        k.run(100);

        assertThat(rx.log).containsExactly("@10 recv 1 true", "@10 recv 2 true", "@10 recv 0 false",
                "@10 recv 0 false");
        assertThat(k.lines()).contains("0 tx close ch 2", "10 rx recv-closed ch 0");
    }

    @Test
    void sendingOnAClosedChannelAndClosingTwicePanic() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 1, 0L);
        Kit.Proc closer = k.go("closer", 0, close(ch), close(ch), sleep(1));
        Kit.Proc tx = k.go("tx", 5, send(ch, 9), sleep(1));
        Kit.Proc nil = k.go("nil", 5, close(null));
        k.run(100);

        assertThat(closer.log).containsExactly("@0 close null true", "@0 panic close of closed channel");
        assertThat(tx.log).containsExactly("@5 panic send on closed channel");
        assertThat(nil.log).containsExactly("@5 panic close of nil channel");
        assertThat(k.lines()).contains("0 closer panic close of closed channel", "5 tx panic send on closed channel",
                "5 nil panic close of nil channel");
    }

    @Test
    void closeReleasesWaitingReceiversWithTheZeroValueAndWaitingSendersWithAPanic() {
        Kit k = new Kit();
        Chan in = k.kernel.newChan("in", 0, "");
        Chan out = k.kernel.newChan("out", 0, "");
        Kit.Proc rx = k.go("rx", 0, recv(in));
        Kit.Proc tx = k.go("tx", 0, send(out, "v"));
        k.go("closer", 5, close(in), close(out));
        k.run(100);

        assertThat(k.lines()).containsSubsequence(
                "5 closer close in 0", "5 rx wake in", "5 rx recv-closed in 0",
                "5 closer close out 0", "5 tx wake out", "5 tx panic send on closed channel");
        assertThat(rx.log).containsExactly("@5 recv  false");
        assertThat(tx.log).containsExactly("@5 panic send on closed channel");
    }

    @Test
    void aNilChannelBlocksForeverAndGoReportsAllGoroutinesAsleep() {
        Kit k = new Kit();
        Kit.Proc rx = k.go("rx", 3, recv(null));
        k.run(100);

        // No primitive to wait on, so no Blocked report; nothing else can run and no timer is pending: checkdead.
        assertThat(k.lines()).containsExactly("3 rx wait chan-recv []", "3 asleep");
        assertThat(rx.log).isEmpty();
    }

    @Test
    void lenAndCapFollowTheBuffer() {
        Kit k = new Kit();
        Chan ch = k.kernel.newChan("ch", 3, 0L);
        k.go("tx", 0, send(ch, 1), send(ch, 2));
        k.run(1);
        assertThat(ch.len()).isEqualTo(2);
        assertThat(ch.cap()).isEqualTo(3);
        assertThat(ch.isClosed()).isFalse();
        assertThat(ns(1)).isEqualTo(1_000_000);
        assertThat(site("x").label()).isEqualTo("x");
    }
}
