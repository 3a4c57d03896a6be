package org.msnscope.cli.sink;

/**
 * Formats capture timestamps (epoch nanoseconds) as ISO-8601 UTC with the capture's own precision,
 * e.g. {@code 2005-05-06T09:17:57.389967Z}. Never consults the wall clock or the default time zone.
 */
public final class Timestamps {
    private long cachedSecond = Long.MIN_VALUE;
    private final char[] cachedPrefix = new char[19];
    private final char separator;

    /** @param separator between date and time: 'T' for ISO-8601, ' ' for the text timeline */
    public Timestamps(char separator) {
        this.separator = separator;
    }

    /** Appends the timestamp, {@code digits} fractional digits (0, 3, 6 or 9...) and a trailing Z if {@code zulu}. */
    public void append(StringBuilder sb, long tsNanos, int digits, boolean zulu) {
        long second = Math.floorDiv(tsNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(tsNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            fillPrefix(second);
            cachedSecond = second;
        }
        sb.append(cachedPrefix);
        if (digits > 0) {
            sb.append('.');
            int d = Math.min(digits, 9);
            int value = nanos;
            for (int i = 9; i > d; i--) {
                value /= 10;
            }
            appendPadded(sb, value, d);
        }
        if (zulu) {
            sb.append('Z');
        }
    }

    public String format(long tsNanos, int digits) {
        StringBuilder sb = new StringBuilder(32);
        append(sb, tsNanos, digits, separator == 'T');
        return sb.toString();
    }

    /** A duration in seconds with the given fractional digits, e.g. {@code +12.000340}. */
    public static void appendRelative(StringBuilder sb, long deltaNanos, int digits) {
        sb.append(deltaNanos < 0 ? '-' : '+');
        long abs = Math.abs(deltaNanos);
        sb.append(abs / 1_000_000_000L);
        int d = Math.max(0, Math.min(digits, 9));
        if (d > 0) {
            sb.append('.');
            long frac = abs % 1_000_000_000L;
            for (int i = 9; i > d; i--) {
                frac /= 10;
            }
            appendPadded(sb, frac, d);
        }
    }

    private static void appendPadded(StringBuilder sb, long value, int width) {
        String s = Long.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    private void fillPrefix(long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400L);
        int secOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // civil_from_days (proleptic Gregorian), valid for every long day count we can meet
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long year = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (month <= 2) {
            year++;
        }
        int y = (int) Math.max(0, Math.min(9999, year));
        put4(0, y);
        cachedPrefix[4] = '-';
        put2(5, month);
        cachedPrefix[7] = '-';
        put2(8, day);
        cachedPrefix[10] = separator;
        put2(11, secOfDay / 3600);
        cachedPrefix[13] = ':';
        put2(14, secOfDay / 60 % 60);
        cachedPrefix[16] = ':';
        put2(17, secOfDay % 60);
    }

    private void put2(int at, int v) {
        cachedPrefix[at] = (char) ('0' + v / 10);
        cachedPrefix[at + 1] = (char) ('0' + v % 10);
    }

    private void put4(int at, int v) {
        put2(at, v / 100);
        put2(at + 2, v % 100);
    }
}
