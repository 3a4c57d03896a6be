package org.msnscope.testkit.p2p;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated sample folder: the scenario text, the original objects (file name to bytes), which of
 * them the scenario sends completely, an optional note on partly sent objects, and the README.
 */
public record SampleCase(String name, String scenario, Map<String, byte[]> sources, List<String> complete,
        String partial, String readme) {
    public SampleCase {
        sources = new LinkedHashMap<>(sources);
        complete = List.copyOf(complete);
    }
}
