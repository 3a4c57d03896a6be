package org.msnscope.testkit.msnp21;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.msnscope.testkit.p2p.Reflow;
import org.msnscope.testkit.p2p.SampleCase;

/**
 * Writes the MSNP21 sample folders that carry no transfer (the SDG transfer is one of the P2P samples):
 * for each case {@code scenario.scn} and {@code README.md}; the captures are then made from the scenarios
 * with the {@code scenario} command, the expected outputs by the baseline tests.
 */
public final class Msnp21Samples {
    private Msnp21Samples() {
    }

    /** Every case, in the order of samples/README.md. */
    public static List<SampleCase> all() {
        List<SampleCase> out = new ArrayList<>();
        out.add(LoginCase.login());
        out.add(ChatCase.chat());
        out.add(MultipartyCase.multiparty());
        return out;
    }

    /** Writes every case under {@code samplesDir}; returns the folders written. */
    public static List<Path> write(Path samplesDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (SampleCase c : all()) {
            Path dir = samplesDir.resolve(c.name());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("scenario.scn"), c.scenario(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("README.md"), Reflow.markdown(c.readme()), StandardCharsets.UTF_8);
            written.add(dir);
        }
        return written;
    }
}
