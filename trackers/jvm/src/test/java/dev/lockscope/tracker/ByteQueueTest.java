package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.tracker.Recordings.Worker;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ByteQueueTest {
    private static final long NO_WAIT = 0;

    @Test
    void bytesComeOutInOrderAcrossTheWrap() throws Exception {
        ByteQueue queue = new ByteQueue(8);
        byte[] out = new byte[8];
        queue.put(bytes(1, 2, 3, 4, 5, 6));
        assertThat(queue.take(new byte[4], NO_WAIT)).isEqualTo(4);
        queue.put(bytes(7, 8, 9, 10, 11)); // wraps: 5, 6 at the end of the ring, 7..11 from its start

        assertThat(queue.take(out, NO_WAIT)).isEqualTo(7);
        assertThat(Arrays.copyOf(out, 7)).containsExactly(bytes(5, 6, 7, 8, 9, 10, 11));
        assertThat(queue.take(out, NO_WAIT)).isZero();
    }

    @Test
    void offerTakesAllOrNothing() throws Exception {
        ByteQueue queue = new ByteQueue(4);
        assertThat(queue.offer(bytes(1, 2, 3))).isTrue();
        assertThat(queue.offer(bytes(4, 5))).isFalse();
        assertThat(queue.offer(bytes(4))).isTrue();

        byte[] out = new byte[8];
        assertThat(queue.take(out, NO_WAIT)).isEqualTo(4);
        assertThat(Arrays.copyOf(out, 4)).containsExactly(bytes(1, 2, 3, 4));
    }

    @Test
    void roomIsWhatAnOfferCanAddAndNoneOnceClosed() throws Exception {
        ByteQueue queue = new ByteQueue(4);
        assertThat(queue.offer(bytes(1, 2, 3))).isTrue();
        assertThat(queue.room()).isEqualTo(1);
        assertThat(queue.take(new byte[2], NO_WAIT)).isEqualTo(2);
        assertThat(queue.room()).isEqualTo(3);

        queue.close();
        assertThat(queue.room()).isZero();
    }

    @Test
    void putWaitsForRoomAndPassesALongChunkInPieces() throws Exception {
        ByteQueue queue = new ByteQueue(4);
        Worker producer = Recordings.start("producer", () -> queue.put(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
        byte[] all = new byte[10];
        int got = 0;
        byte[] out = new byte[3];
        while (got < 10) {
            int n = queue.take(out, ByteQueueTest.millis(10));
            System.arraycopy(out, 0, all, got, Math.max(n, 0));
            got += Math.max(n, 0);
        }
        producer.join();

        assertThat(all).containsExactly(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }

    @Test
    void closeDrainsThenEnds() throws Exception {
        ByteQueue queue = new ByteQueue(4);
        queue.put(bytes(1, 2));
        queue.close();
        queue.put(bytes(3)); // ignored

        byte[] out = new byte[4];
        assertThat(queue.take(out, NO_WAIT)).isEqualTo(2);
        assertThat(queue.take(out, millis(1000))).as("ends at once, without waiting").isEqualTo(-1);
    }

    @Test
    void discardReleasesAWaitingProducerAndEnds() throws Exception {
        ByteQueue queue = new ByteQueue(2);
        queue.put(bytes(1, 2));
        Worker producer = Recordings.start("producer", () -> queue.put(bytes(3, 4)));
        Recordings.awaitTrue(() -> producer.thread().getState() == Thread.State.WAITING);
        queue.discard();
        producer.join();

        assertThat(queue.take(new byte[4], NO_WAIT)).isEqualTo(-1);
        assertThat(queue.offer(bytes(5))).as("nothing more is wanted").isTrue();
    }

    private static long millis(long ms) {
        return ms * 1_000_000;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
