package dev.vpndiag.plugin.offload.internal.text;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactSink;
import java.io.IOException;
import java.util.List;

/**
 * Feeds each line to the section it belongs to; a line no section claims and no format starts is
 * counted as unknown and reported once per file.
 */
public final class LineDispatcher {
    private static final int POLL_EVERY = 4096;
    private static final int BINARY_LIMIT = 8;

    private final List<SectionStarter> starters;

    /** @param starters the formats, asked in order */
    public LineDispatcher(List<SectionStarter> starters) {
        this.starters = List.copyOf(starters);
    }

    /**
     * Reads every line.
     *
     * @throws EvidenceFormatException when the content turns out to be binary data
     */
    public void run(String source, LineReader reader, ReadContext context, FactSink sink) throws IOException {
        Section current = null;
        long count = 0;
        int binaryLines = 0;
        long cutLines = 0;
        long firstCut = 0;
        Line line;
        while ((line = reader.next()) != null) {
            if (++count % POLL_EVERY == 0) {
                sink.progress(reader.offset());
                if (sink.isCancelled()) {
                    break;
                }
            }
            if (reader.lastBinary()) {
                if (++binaryLines >= BINARY_LIMIT) {
                    if (current != null) {
                        current.finish();
                    }
                    context.end();
                    report(context);
                    throw new EvidenceFormatException(source, "line " + line.number() + ", byte " + reader.lastOffset(),
                            "binary data where command output was expected");
                }
                context.unknown(line);
                continue;
            }
            if (reader.lastCut() && cutLines++ == 0) {
                firstCut = line.number();
            }
            if (current != null) {
                if (current.accept(line)) {
                    continue;
                }
                current.finish();
                current = null;
            }
            if (line.isBlank()) {
                continue;
            }
            current = start(line, context);
            if (current == null) {
                context.unknown(line);
            }
        }
        if (current != null) {
            current.finish();
        }
        context.end();
        sink.progress(reader.offset());
        if (cutLines > 0) {
            context.problem("line " + firstCut, cutLines + " line(s) longer than " + LineReader.MAX_LINE
                    + " characters were cut");
        }
        report(context);
    }

    private static void report(ReadContext context) {
        if (context.unknownLines() > 0) {
            context.problem("line " + context.firstUnknown(), context.unknownLines()
                    + " line(s) not understood (first at line " + context.firstUnknown() + ")");
        }
    }

    private Section start(Line line, ReadContext context) {
        for (SectionStarter starter : starters) {
            Section s = starter.start(line, context);
            if (s != null) {
                if (starter.platform() != null) {
                    context.platform(starter.platform(), "line " + line.number());
                }
                return s;
            }
        }
        return null;
    }
}
