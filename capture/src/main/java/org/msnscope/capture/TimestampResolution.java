package org.msnscope.capture;

/**
 * The unit a capture counts time in: 10^-exponent or 2^-exponent seconds (pcapng if_tsresol;
 * classic pcap is 10^-6 or 10^-9).
 *
 * @param binary true for a power of two, false for a power of ten
 * @param exponent 0..127
 */
public record TimestampResolution(boolean binary, int exponent) {
    public static final TimestampResolution MICROSECONDS = new TimestampResolution(false, 6);
    public static final TimestampResolution NANOSECONDS = new TimestampResolution(false, 9);

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    public TimestampResolution {
        if (exponent < 0 || exponent > 127) {
            throw new IllegalArgumentException("exponent " + exponent + " outside 0..127");
        }
    }

    /** Decodes the one-byte pcapng if_tsresol value (most significant bit set: power of two). */
    public static TimestampResolution fromTsresol(int value) {
        return new TimestampResolution((value & 0x80) != 0, value & 0x7F);
    }

    /** Decimal digits of sub-second precision this unit carries: min(n, 9) or ceil(n log10 2), at most 9. */
    public int digits() {
        if (!binary) {
            return Math.min(exponent, 9);
        }
        return (int) Math.min(9, Math.ceil(exponent * Math.log10(2)));
    }

    /**
     * Converts a count of these units (an unsigned 64-bit value) to nanoseconds. Values too large
     * for a signed 64-bit nanosecond count wrap; they never throw.
     */
    public long toNanos(long units) {
        if (!binary) {
            if (exponent <= 9) {
                return units * POW10[9 - exponent];
            }
            int shift = exponent - 9;
            return shift >= POW10.length ? 0 : Long.divideUnsigned(units, POW10[shift]);
        }
        if (exponent == 0) {
            return units * NANOS_PER_SECOND;
        }
        if (exponent < 64) {
            long seconds = units >>> exponent;
            long fraction = units & ((1L << exponent) - 1);
            long low = fraction * NANOS_PER_SECOND;
            long high = Math.multiplyHigh(fraction, NANOS_PER_SECOND);
            long fractionNanos = (high << (64 - exponent)) | (low >>> exponent);
            return seconds * NANOS_PER_SECOND + fractionNanos;
        }
        double unsigned = units >= 0 ? units : (units >>> 1) * 2.0 + (units & 1);
        return (long) Math.scalb(unsigned * NANOS_PER_SECOND, -exponent);
    }

    /** "10^-6" or "2^-20". */
    @Override
    public String toString() {
        return (binary ? "2^-" : "10^-") + exponent;
    }
}
