package dev.lockscope.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.io.JsonFields;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Every way a time is written, each checked by hand. */
class MillisTest {
    @Test
    void labelsRoundToTheMicrosecond() {
        assertThat(Millis.label(1_840_000_000L)).isEqualTo("1840 ms");
        assertThat(Millis.label(500_000L)).isEqualTo("0.5 ms");
        assertThat(Millis.label(12_345_500L)).isEqualTo("12.346 ms");
        assertThat(Millis.number(613_333_500L)).isEqualTo("613.334");
        assertThat(Millis.rounded(613_333_500L)).isEqualTo(613.334);
    }

    @Test
    void instantsAndSpans() {
        assertThat(Millis.seconds(7_520_000_000L)).isEqualTo("7.520 s");
        assertThat(Millis.duration(1_760_000_000L)).isEqualTo("1.76 s");
        assertThat(Millis.duration(880_000_000L)).isEqualTo("880 ms");
        assertThat(Millis.duration(12_300L)).isEqualTo("12.3 µs");
        assertThat(Millis.duration(450L)).isEqualTo("450 ns");
        assertThat(Millis.duration(-2_000_000L)).isEqualTo("-2 ms");
        assertThat(Millis.duration(880_276_000)).isEqualTo("880 ms");
        assertThat(Millis.duration(1_000_000_000L)).isEqualTo("1 s");
        assertThat(Millis.seconds(7_500_069_000L)).isEqualTo("7.500 s");
        assertThat(Millis.figure(229.64)).isEqualTo("229.6 ms");
        assertThat(Millis.figure(1496.4)).isEqualTo("1,496 ms");
        assertThat(Millis.figure(0.125)).isEqualTo("0.13 ms");
        assertThat(Millis.figure(Double.NaN)).isEqualTo("–");
    }

    @Test
    void writesTheShortestExactDecimal() {
        assertThat(Millis.exact(1_010_000_000L)).isEqualTo("1010");
        assertThat(Millis.exact(500_000L)).isEqualTo("0.5");
        assertThat(Millis.exact(1L)).isEqualTo("0.000001");
        assertThat(Millis.exact(0L)).isEqualTo("0");
        assertThat(Millis.exact(60_000_000_000L)).isEqualTo("60000");
    }

    @Test
    void readsBackWhatItWrites() {
        for (long ns : new long[] {0, 1, 999_999, 1_000_000, 1_234_567_891L, Long.MAX_VALUE}) {
            assertThat(JsonFields.exactNanos(new BigDecimal(Millis.exact(ns)))).isEqualTo(ns);
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
