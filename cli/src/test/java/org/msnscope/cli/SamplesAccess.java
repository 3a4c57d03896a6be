package org.msnscope.cli;

import java.nio.file.Path;

/** The samples directory, for tests of other packages. */
public final class SamplesAccess {
    private SamplesAccess() {
    }

    public static Path samples() {
        return SamplesTest.locateSamples();
    }
}
