package org.msnscope.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimestampResolutionTest {
    private static TimestampResolution dec(int n) {
        return new TimestampResolution(false, n);
    }

    private static TimestampResolution bin(int n) {
        return new TimestampResolution(true, n);
    }

    @Test
    void decimalUnits() {
        assertEquals(1_234_000_000_000L, dec(3).toNanos(1_234_000));
        assertEquals(1_000_000_007L, dec(9).toNanos(1_000_000_007L));
        assertEquals(5_000_000_000L, dec(0).toNanos(5));
        assertEquals(1_234_567_891L, dec(12).toNanos(1_234_567_891_234L));
        assertEquals(18_446_744_073L, dec(18).toNanos(-1L), "units are unsigned");
        assertEquals(0, dec(127).toNanos(-1L));
    }

    @Test
    void binaryUnits() {
        assertEquals(3_500_000_000L, bin(1).toNanos(7));
        assertEquals(953, bin(20).toNanos(1));
        assertEquals(1_500_000_000_500_000_000L, bin(20).toNanos((1_500_000_000L << 20) | (1 << 19)));
        assertEquals(500_000_000L, bin(40).toNanos(1L << 39));
        assertEquals(999_999_999L, bin(63).toNanos(Long.MAX_VALUE));
        assertEquals(2_000_000_000L, bin(62).toNanos(Long.MIN_VALUE), "2^63 units of 2^-62 s");
        assertEquals(500_000_000L, bin(64).toNanos(Long.MIN_VALUE));
        assertEquals(0, bin(127).toNanos(12345));
        assertEquals(7_000_000_000L, bin(0).toNanos(7));
    }

    @Test
    void digitsAndNames() {
        assertEquals(6, TimestampResolution.MICROSECONDS.digits());
        assertEquals(9, dec(9).digits());
        assertEquals(9, dec(12).digits());
        assertEquals(3, dec(3).digits());
        assertEquals(7, bin(20).digits());
        assertEquals(1, bin(1).digits());
        assertEquals(0, bin(0).digits());
        assertEquals(9, bin(30).digits());
        assertEquals(bin(20), TimestampResolution.fromTsresol(0x94));
        assertEquals(dec(6), TimestampResolution.fromTsresol(6));
        assertEquals("2^-20", bin(20).toString());
        assertEquals("10^-6", dec(6).toString());
    }
}
