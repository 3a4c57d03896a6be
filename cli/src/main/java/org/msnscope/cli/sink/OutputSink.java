package org.msnscope.cli.sink;

import java.io.Closeable;
import java.io.Flushable;
import org.msnscope.decoder.event.EventSink;

/** An event sink that writes to an output stream; write failures surface as UncheckedIOException. */
public interface OutputSink extends EventSink, Flushable, Closeable {
}
