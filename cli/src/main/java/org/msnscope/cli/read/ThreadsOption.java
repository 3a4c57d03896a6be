package org.msnscope.cli.read;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads N}, shared by the commands that decode files. */
public final class ThreadsOption {
    /** The most decoder threads accepted. */
    public static final int MAX_THREADS = 64;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    private Integer threads;

    @Option(names = "--threads", paramLabel = "N",
            description = "decoder threads: 1 decodes on the reading thread; more split the hosts across threads, with"
                    + " output identical to one thread. Default: the available processors, at most "
                    + Decoding.MAX_DEFAULT_THREADS + " (docs/performance.md)")
    void threads(int n) {
        if (n < 1 || n > MAX_THREADS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads: " + n + " is not between 1 and " + MAX_THREADS);
        }
        threads = n;
    }

    /** The number to use: the option, or {@link Decoding#defaultThreads()} (measured, docs/performance.md). */
    public int threads() {
        return threads != null ? threads : Decoding.defaultThreads();
    }
}
