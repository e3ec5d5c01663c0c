package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.EvtxReader;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Windows event logs into IKE, IPsec, RAS, service, certificate and audit-coverage facts:
 * EVTX binary logs (native reader), {@code wevtutil qe /f:xml} and Event Viewer XML exports,
 * Event Viewer CSV and tab-delimited exports, {@code wevtutil qe /f:text} output, and
 * {@code auditpol /get} output or {@code DisableIKEAudits} registry lines.
 *
 * <p>Formats are recognised by content. Stateless and safe for concurrent use.
 */
public final class WindowsEventLogProvider implements FactProvider {

    /** Creates the provider; used by {@link java.util.ServiceLoader}. */
    public WindowsEventLogProvider() {
    }

    @Override
    public String id() {
        return "windows-eventlog";
    }

    @Override
    public Set<String> formats() {
        return Set.of("evtx", "wevtutil-xml", "eventviewer-xml", "eventviewer-csv", "eventviewer-txt",
                "wevtutil-text", "auditpol", "DisableIKEAudits",
                "pasted-text");
    }

    @Override
    public int sniff(ContentHead head) {
        ExportFormat f = detect(head.bytes());
        return f == ExportFormat.NONE ? NO_MATCH : ExportFormat.score(f, decode(head.bytes()));
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        byte[] head = evidence.head(ContentHead.SIZE);
        String headText = decode(head);
        ExportFormat format = ExportFormat.detect(head, headText);
        String source = evidence.name();
        Side side = evidence.side() == Side.UNKNOWN && format == ExportFormat.PASTED_TEXT
                ? pastedSide(headText) : evidence.side();
        // the first fact read from a Windows format also says which software the side runs
        boolean[] platformStated = {false};
        Consumer<Fact> facts = f -> {
            if (!platformStated[0]) {
                platformStated[0] = true;
                sink.accept(HostPlatform.of(f.ref(), side, Platform.WINDOWS));
            }
            sink.accept(f);
        };
        Consumer<WinEvent> events = e -> EventMapper.map(e, source, side, facts);
        try (InputStream in = new BufferedInputStream(evidence.open(), 1 << 16)) {
            switch (format) {
                case EVTX -> new EvtxReader(source).read(in, EventMapper::relevant, new EvtxReader.Listener() {
                    @Override
                    public void event(WinEvent event) {
                        events.accept(event);
                    }

                    @Override
                    public void problem(String locator, String message) {
                        sink.problem(locator, message);
                    }

                    @Override
                    public boolean cancelled() {
                        return sink.isCancelled();
                    }

                    @Override
                    public void progress(long bytes) {
                        sink.progress(bytes);
                    }
                });
                case XML -> new XmlExportReader(source).read(in, events, sink::isCancelled);
                case CSV -> new TextExportReader(source).readDelimited(in, ',', events, sink::isCancelled, sink::problem);
                case TSV -> new TextExportReader(source).readDelimited(in, '\t', events, sink::isCancelled, sink::problem);
                case WEVTUTIL_TEXT -> new TextExportReader(source).readWevtutil(in, events, sink::isCancelled);
                case AUDIT_POLICY -> AuditPolicyReader.read(in, source, side, facts);
                case PASTED_TEXT -> new PastedTextReader(source, side, facts).read(in, sink::isCancelled);
                case NONE -> sink.problem("", "not a Windows event log format");
            }
        }
    }

    /**
     * The side a paste handed over without one comes from: the Routing and Remote Access server's events
     * name themselves (RemoteAccess, RoutingDomainID); an error dialog, rasdial or RasClient text is the
     * dialling client's.
     */
    static Side pastedSide(String head) {
        if (head.contains("RemoteAccess") || head.contains("RoutingDomainID") || head.contains("Routing and Remote Access")) {
            return Side.UNKNOWN;
        }
        return Side.CLIENT;
    }

    private static ExportFormat detect(byte[] head) {
        return ExportFormat.detect(head, decode(head));
    }

    /** The head as text, in the charset its byte order mark or zero bytes suggest. */
    private static String decode(byte[] head) {
        try (Reader r = TextInput.open(new ByteArrayInputStream(head))) {
            char[] buf = new char[head.length];
            int n = 0;
            int got;
            while (n < buf.length && (got = r.read(buf, n, buf.length - n)) > 0) {
                n += got;
            }
            return new String(buf, 0, n);
        } catch (IOException e) {
            return "";
        }
    }
}
