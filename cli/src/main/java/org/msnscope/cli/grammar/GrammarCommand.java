package org.msnscope.cli.grammar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.msnscope.cli.ExitCodes;
import org.msnscope.cli.Streams;
import org.msnscope.cli.read.CaptureRun;
import org.msnscope.decoder.Decoder;
import org.msnscope.decoder.Limits;
import org.msnscope.decoder.msnp.session.MsnpLayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code msnscope grammar FILE...}: the inventory of every verb, argument type, payload and value
 * the captures show, per protocol version, role and direction (docs/grammar.md); with
 * {@code --diff A B}, what changed between two inventories.
 */
@Command(name = "grammar", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Inventory the protocol a capture shows: for each version, role (DS, NS, SB, P2P) and direction,",
            "every verb with its TrID use, arities, argument types, payloads, replies, first frame and two anonymised",
            "examples; the EUF-GUIDs, AppIDs, MSNSLP headers, P2P flags and datacast IDs; what is unknown first.",
            "With --diff A B: what two inventories (captures, FILE@VERSION, or JSON inventories) differ in."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:an input could not be read to its end (the inventory holds what decoded)",
            "2:usage error (bad --diff arguments, a version the input does not have)", "3:output could not be written",
            "70:internal error"})
public final class GrammarCommand implements Callable<Integer>, Streams.Aware {
    /** Output formats. */
    public enum Format { md, json }

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "capture files (pcap, pcapng, gzip; - is standard input), decoded as one capture; with --diff: "
                    + "two inputs, each a capture, FILE@VERSION (one version of it, e.g. x.pcap@MSNP15) or a JSON inventory")
    List<String> inputs;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md",
            description = "md (a wiki draft) or json (docs/grammar.md). Default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Option(names = "--diff", description = "compare two inventories: verbs, arities, argument types, payloads and "
            + "values added, removed or changed, with examples")
    boolean diff;

    @Option(names = "--versions", paramLabel = "A,B", split = ",",
            description = "with --diff: compare version A of the first input with version B of the second (or of the "
                    + "same input when only one is given), e.g. --versions MSNP12,MSNP15")
    List<String> versions;

    private Streams streams;
    /** Some input could not be read to its end (exit 1 once the output is written). */
    private boolean inputError;
    /** The last decode opened at least one file (a diff of a file that is not there is no diff). */
    private boolean opened;

    @Override
    public void streams(Streams s) {
        this.streams = s;
    }

    @Override
    public Integer call() {
        try {
            String text;
            if (diff) {
                List<Input> both = diffInputs();
                if (both == null) {
                    return ExitCodes.USAGE;
                }
                List<Map<String, Object>> trees = new ArrayList<>();
                for (Input in : both) {
                    Map<String, Object> t = load(in);
                    if (t == null) {
                        return ExitCodes.INPUT_ERROR;
                    }
                    Map<String, Object> selected = in.version == null ? t : Select.version(t, in.version);
                    if (selected == null) {
                        streams.error(in.spec + ": no version " + in.version + " in it (it has "
                                + String.join(", ", Select.versions(t)) + ")");
                        return ExitCodes.USAGE;
                    }
                    trees.add(selected);
                }
                Map<String, Object> d = Diff.of(both.get(0).label(), trees.get(0), both.get(1).label(), trees.get(1));
                text = format == Format.json ? json(d) : DiffMarkdown.render(d);
            } else {
                if (versions != null) {
                    streams.error("--versions needs --diff");
                    return ExitCodes.USAGE;
                }
                List<Path> files = new ArrayList<>();
                inputs.forEach(i -> files.add(Path.of(i)));
                Map<String, Object> t = decode(files);
                text = format == Format.json ? json(t) : Markdown.render(t);
            }
            return write(text);
        } catch (IOException | UncheckedIOException e) {
            streams.error("cannot write output: " + CaptureRun.oneLine(e));
            return ExitCodes.OUTPUT_ERROR;
        }
    }

    /** One side of a diff: the argument as given, the file, and the version asked for (or null). */
    private record Input(String spec, Path file, String version) {
        /** As the diff names it: the file as inventories name inputs, and the version asked for. */
        String label() {
            return GrammarCommand.label(file) + (version == null ? "" : "@" + version);
        }
    }

    /** The two sides, or null after printing what is wrong with the arguments. */
    private List<Input> diffInputs() {
        if (versions != null && versions.size() != 2) {
            streams.error("--versions takes two versions, e.g. --versions MSNP12,MSNP15");
            return null;
        }
        if (inputs.size() == 1 && versions == null) {
            streams.error("--diff compares two inputs (A B), or one with --versions A,B");
            return null;
        }
        if (inputs.size() > 2) {
            streams.error("--diff compares two inputs, not " + inputs.size());
            return null;
        }
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String spec = inputs.get(Math.min(i, inputs.size() - 1));
            Input in = parse(spec);
            if (versions != null) {
                if (in.version != null) {
                    streams.error(spec + ": a version is given both with @ and --versions");
                    return null;
                }
                in = new Input(spec + "@" + versions.get(i), in.file, versions.get(i));
            }
            out.add(in);
        }
        return out;
    }

    /** {@code FILE} or {@code FILE@VERSION}; a file whose own name holds an @ is taken whole. */
    private static Input parse(String spec) {
        int at = spec.lastIndexOf('@');
        if (at <= 0 || Files.exists(Path.of(spec))) {
            return new Input(spec, Path.of(spec), null);
        }
        return new Input(spec, Path.of(spec.substring(0, at)), spec.substring(at + 1));
    }

    /** A JSON inventory, or a capture decoded into one; null (reported) when neither could be read. */
    private Map<String, Object> load(Input in) throws IOException {
        Path f = in.file;
        if (!f.toString().equals(CaptureRun.STDIN) && Files.isRegularFile(f) && startsLikeJson(f)) {
            Object tree;
            try (InputStream is = Files.newInputStream(f)) {
                tree = Json.read(is);
            } catch (IOException e) {
                streams.error(f + ": not a grammar inventory: " + CaptureRun.oneLine(e));
                return null;
            }
            String problem = Tree.check(tree);
            if (problem != null) {
                streams.error(f + ": " + problem);
                return null;
            }
            return Tree.map(tree);
        }
        Map<String, Object> t = decode(List.of(f));
        return opened ? t : null;
    }

    private static boolean startsLikeJson(Path f) {
        try (InputStream is = Files.newInputStream(f)) {
            for (int i = 0; i < 64; i++) {
                int b = is.read();
                if (b == '{') {
                    return true;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0xEF && b != 0xBB && b != 0xBF) {
                    return false;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Decodes the files as one capture into the inventory tree; bad files are reported as {@code read} reports them. */
    private Map<String, Object> decode(List<Path> files) throws IOException {
        Collector col = new Collector();
        Decoder decoder = new Decoder(Limits.defaults(), col);
        decoder.setBatching(Decoder.DEFAULT_BATCH);
        MsnpLayer msnp = decoder.enableMsnp();
        msnp.p2p.setObserver(col);
        CaptureRun run = new CaptureRun(streams, decoder);
        run.run(files, () -> false);
        col.finish();
        inputError |= run.inputError();
        opened = !run.readers().isEmpty();
        List<String> names = new ArrayList<>();
        for (Path p : files) {
            names.add(label(p));
        }
        return col.inventory.tree(names, col.redactor, col.unknownGuids);
    }

    /**
     * How an input is named in the inventory: its folder's name and its own ({@code
     * msnp8-login/capture.pcap}), so the same file gives the same inventory from any directory.
     */
    static String label(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return p.toString();
        }
        Path parent = p.toAbsolutePath().normalize().getParent();
        boolean folder = p.getParent() != null && parent != null && parent.getFileName() != null;
        return folder ? parent.getFileName() + "/" + name : name.toString();
    }

    private static String json(Map<String, Object> tree) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Json.write(tree, b);
        return b.toString(StandardCharsets.UTF_8);
    }

    private int write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (out != null) {
            try (OutputStream os = Files.newOutputStream(out)) {
                os.write(bytes);
            } catch (IOException e) {
                streams.error("cannot write " + out + ": " + CaptureRun.oneLine(e));
                return ExitCodes.OUTPUT_ERROR;
            }
        } else {
            streams.out().write(bytes);
            streams.out().flush();
            if (streams.out().checkError()) {
                streams.error("cannot write output");
                return ExitCodes.OUTPUT_ERROR;
            }
        }
        return inputError ? ExitCodes.INPUT_ERROR : ExitCodes.OK;
    }
}
