package org.msnscope.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.msnscope.cli.read.ReadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code msnscope} command line. {@link #run(PrintStream, PrintStream, String...)} is the whole
 * program without {@code System.exit}, so tests call it in-process and assert the exit code.
 */
@Command(name = "msnscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Protocol analysis and traffic inspection for the MSN Messenger protocol.",
        subcommands = {ReadCommand.class, org.msnscope.cli.report.SessionsCommand.Sessions.class,
            org.msnscope.cli.report.SessionsCommand.Chats.class, org.msnscope.cli.extract.ExtractCommand.class,
            org.msnscope.cli.live.InterfacesCommand.class, org.msnscope.cli.live.LiveCommand.class,
            org.msnscope.cli.grammar.GrammarCommand.class, org.msnscope.cli.anonymize.AnonymizeCommand.class,
            org.msnscope.cli.tui.TuiCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(System.out, System.err, args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code (see {@link ExitCodes}). */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Main(), new Factory(out, err));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("msnscope: " + ex.getMessage());
            err.println("Try 'msnscope " + ex.getCommandLine().getCommandSpec().qualifiedName(" ").replaceFirst("^msnscope ?", "")
                    .concat(" --help").trim() + "' for usage.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("msnscope: internal error: " + oneLine(ex) + " (please report it with the command line)");
            if (System.getenv("MSNSCOPE_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        String s = t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (e.g. 'read FILE')");
    }

    /** Hands the in-process output streams to commands that want them. */
    private static final class Factory implements CommandLine.IFactory {
        private final PrintStream out;
        private final PrintStream err;

        Factory(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (Streams.Aware.class.isAssignableFrom(cls)) {
                K k = CommandLine.defaultFactory().create(cls);
                ((Streams.Aware) k).streams(new Streams(out, err));
                return k;
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
