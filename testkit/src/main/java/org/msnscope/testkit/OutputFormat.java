package org.msnscope.testkit;

/** The capture file format a scenario is written in. */
public enum OutputFormat {
    PCAP, PCAPNG
}
