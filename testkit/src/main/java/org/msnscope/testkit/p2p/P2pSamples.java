package org.msnscope.testkit.p2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the P2P, MSNSLP and MSNFTP sample folders: for each case {@code scenario.scn}, {@code source/}
 * with the original objects, {@code sources.sha1} (sha1sum format, the objects the scenario sends
 * completely), {@code partial.txt} when an object is only partly sent, and {@code README.md}. The
 * captures are then made from the scenarios with the {@code scenario} command.
 */
public final class P2pSamples {
    private P2pSamples() {
    }

    /** Every case, in the order of samples/README.md. */
    public static List<SampleCase> all() {
        List<SampleCase> out = new ArrayList<>();
        out.add(ObjectCases.displayPicture());
        out.add(ObjectCases.emoticon());
        out.add(FileCases.accept());
        out.add(FileCases.decline());
        out.add(V2Cases.fileAccept());
        out.add(V2Cases.fileDecline());
        out.add(V2Cases.displayPicture());
        out.add(FileCases.direct());
        out.add(MsnftpCase.file());
        out.add(FileCases.truncated());
        out.add(ObjectCases.outOfOrder());
        out.add(HostileCase.hostile());
        out.add(V2Cases.directFile());
        out.add(SdgCases.displayPicture());
        return out;
    }

    /** Writes every case under {@code samplesDir}; returns the folders written. */
    public static List<Path> write(Path samplesDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (SampleCase c : all()) {
            written.add(write(samplesDir, c));
        }
        return written;
    }

    static Path write(Path samplesDir, SampleCase c) throws IOException {
        Path dir = samplesDir.resolve(c.name());
        Path source = dir.resolve("source");
        Files.createDirectories(dir);
        if (Files.isDirectory(source)) {
            try (Stream<Path> old = Files.list(source)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.writeString(dir.resolve("scenario.scn"), c.scenario(), StandardCharsets.UTF_8);
        if (!c.sources().isEmpty()) {
            Files.createDirectories(source);
        } else {
            Files.deleteIfExists(source);
        }
        StringBuilder sums = new StringBuilder();
        for (Map.Entry<String, byte[]> e : c.sources().entrySet()) {
            Files.write(source.resolve(e.getKey()), e.getValue());
            if (c.complete().contains(e.getKey())) {
                sums.append(HexFormat.of().formatHex(MsnObject.sha1(e.getValue()))).append("  source/")
                        .append(e.getKey()).append('\n');
            }
        }
        Files.writeString(dir.resolve("sources.sha1"), sums.toString(), StandardCharsets.UTF_8);
        Path partial = dir.resolve("partial.txt");
        if (c.partial() != null) {
            Files.writeString(partial, c.partial(), StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(partial);
        }
        Files.writeString(dir.resolve("README.md"), Reflow.markdown(c.readme()), StandardCharsets.UTF_8);
        return dir;
    }
}
