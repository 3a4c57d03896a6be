package org.msnscope.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (or "dev" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"msnscope " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
}
