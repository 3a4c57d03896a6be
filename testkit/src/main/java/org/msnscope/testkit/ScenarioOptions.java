package org.msnscope.testkit;

import java.util.Locale;
import java.util.Map;

/** Turns the {@code option} lines of a {@code .scn} file into a configured {@link Scenario}. */
final class ScenarioOptions {
    private ScenarioOptions() {
    }

    static Scenario build(Map<String, String> options) {
        Scenario s = new Scenario(options.containsKey("seed") ? longValue("seed", options.get("seed")) : 0);
        for (Map.Entry<String, String> e : options.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "link" -> s.linkType(ScenarioFile.linkType(v));
                case "vlan" -> {
                    int comma = v.indexOf(',');
                    if (comma < 0) {
                        s.vlan(intValue("vlan", v));
                    } else {
                        s.qinq(intValue("vlan", v.substring(0, comma)), intValue("vlan", v.substring(comma + 1)));
                    }
                }
                case "ipv6" -> s.ipv6(bool("ipv6", v));
                case "format" -> s.format(switch (v.toLowerCase(Locale.ROOT)) {
                    case "pcap" -> OutputFormat.PCAP;
                    case "pcapng" -> OutputFormat.PCAPNG;
                    default -> throw new IllegalArgumentException("format must be pcap or pcapng, not " + v);
                });
                case "nanos" -> s.nanos(bool("nanos", v));
                case "snaplen" -> s.snaplen(intValue("snaplen", v));
                case "mss" -> s.mss(intValue("mss", v));
                case "rtt" -> s.rtt(nanos("rtt", v));
                default -> { }
            }
        }
        return s;
    }

    static boolean bool(String key, String v) {
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + v);
        };
    }

    static int intValue(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not " + v);
        }
    }

    static long longValue(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not " + v);
        }
    }

    static long nanos(String key, String v) {
        try {
            return new java.math.BigDecimal(v).movePointRight(9).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be seconds with at most 9 decimals, not " + v);
        }
    }
}
