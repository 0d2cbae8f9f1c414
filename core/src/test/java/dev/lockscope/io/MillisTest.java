package dev.lockscope.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MillisTest {
    @Test
    void writesTheShortestExactDecimal() {
        assertThat(Millis.format(1_010_000_000L)).isEqualTo("1010");
        assertThat(Millis.format(500_000L)).isEqualTo("0.5");
        assertThat(Millis.format(1L)).isEqualTo("0.000001");
        assertThat(Millis.format(0L)).isEqualTo("0");
        assertThat(Millis.format(60_000_000_000L)).isEqualTo("60000");
    }

    @Test
    void readsBackWhatItWrites() {
        for (long ns : new long[] {0, 1, 999_999, 1_000_000, 1_234_567_891L, Long.MAX_VALUE}) {
            assertThat(JsonFields.exactNanos(new BigDecimal(Millis.format(ns)))).isEqualTo(ns);
        }
    }

    @Test
    void refusesWhatIsNotAWholeNanosecondOrTooLarge() {
        assertThat(JsonFields.exactNanos(new BigDecimal("0.0000005"))).isNull();
        assertThat(JsonFields.exactNanos(new BigDecimal("9223372036854.775808"))).isNull();
        assertThat(JsonFields.exactNanos(new BigDecimal("1e2147483647"))).isNull();
        assertThat(JsonFields.exactNanos(new BigDecimal("1e-2147483647"))).isNull();
        assertThat(JsonFields.exactNanos(new BigDecimal("1.000000000"))).isEqualTo(1_000_000L);
    }
}
