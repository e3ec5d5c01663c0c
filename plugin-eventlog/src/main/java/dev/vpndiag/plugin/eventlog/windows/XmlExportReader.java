package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads {@code wevtutil qe /f:xml} output (a sequence of {@code <Event>} elements without a root)
 * and Event Viewer "Save as XML" files ({@code <Events>} root) with StAX, one event at a time.
 * DTDs and external entities are off.
 */
final class XmlExportReader {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_TEXT = 256 * 1024;
    private static final String ROOT_OPEN = "<vpndiag-events>";
    private static final String ROOT_CLOSE = "</vpndiag-events>";

    private final String source;

    XmlExportReader(String source) {
        this.source = source;
    }

    /** A parsed element; small and per event. */
    private static final class Node {
        final String name;
        final List<String[]> attrs = new ArrayList<>(2);
        final List<Node> kids = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        Node(String name) {
            this.name = name;
        }

        String attr(String n) {
            for (String[] a : attrs) {
                if (a[0].equals(n)) {
                    return a[1];
                }
            }
            return null;
        }

        Node kid(String n) {
            for (Node k : kids) {
                if (k.name.equals(n)) {
                    return k;
                }
            }
            return null;
        }
    }

    void read(InputStream in, Consumer<WinEvent> out, java.util.function.BooleanSupplier cancelled) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        DeclarationSpy body = new DeclarationSpy(withoutDeclaration(TextInput.open(in)));
        Reader wrapped = new ConcatReader(new StringReader(ROOT_OPEN), body, new StringReader(ROOT_CLOSE));
        int index = 0;
        XMLStreamReader x = null;
        try {
            x = f.createXMLStreamReader(wrapped);
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Event")) {
                    int line = x.getLocation().getLineNumber();
                    index++;
                    Node n = element(x, 0);
                    out.accept(toEvent(n, line));
                    if (cancelled.getAsBoolean()) {
                        return;
                    }
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String locator = line > 0 ? "line " + line : "event " + (index + 1);
            if (body.sawDeclaration) {
                // the parser's own words for a refused DTD ("Scanner State 24 not Recognized") explain nothing
                throw new EvidenceFormatException(source, locator, "DTDs and entity declarations are not accepted in an "
                        + "event log export (they can make a parser read other files or expand without end); export "
                        + "the log again, or remove the <!DOCTYPE ...> part", e);
            }
            throw new EvidenceFormatException(source, locator, "malformed XML: " + e.getMessage().replaceAll("\\s+", " "), e);
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException ignored) {
                    // closing a failed reader; the first error was reported
                }
            }
        }
    }

    private Node element(XMLStreamReader x, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, x.getLocation());
        }
        Node n = new Node(x.getLocalName());
        for (int i = 0; i < x.getAttributeCount(); i++) {
            n.attrs.add(new String[] {x.getAttributeLocalName(i), x.getAttributeValue(i)});
        }
        while (x.hasNext()) {
            int ev = x.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                n.kids.add(element(x, depth + 1));
            } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) {
                if (n.text.length() < MAX_TEXT) {
                    n.text.append(x.getText(), 0, Math.min(x.getTextLength(), MAX_TEXT - n.text.length()));
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                return n;
            }
        }
        throw new XMLStreamException("unexpected end inside <" + n.name + ">", x.getLocation());
    }

    private static WinEvent toEvent(Node event, int line) {
        Node sys = event.kid("System");
        int id = -1;
        int level = -1;
        long record = -1;
        String provider = "";
        String channel = "";
        String computer = "";
        Instant time = null;
        if (sys != null) {
            Node p = sys.kid("Provider");
            if (p != null) {
                String name = p.attr("EventSourceName");
                provider = name != null ? name : p.attr("Name") == null ? "" : p.attr("Name");
            }
            id = intOf(sys.kid("EventID"));
            level = intOf(sys.kid("Level"));
            record = intOf(sys.kid("EventRecordID"));
            channel = textOf(sys.kid("Channel"));
            computer = textOf(sys.kid("Computer"));
            Node tc = sys.kid("TimeCreated");
            if (tc != null && tc.attr("SystemTime") != null) {
                try {
                    time = Instant.parse(tc.attr("SystemTime").trim());
                } catch (DateTimeParseException e) {
                    time = null;
                }
            }
        }
        List<WinEvent.Datum> data = new ArrayList<>();
        boolean userData = false;
        for (Node k : event.kids) {
            if (k.name.equals("EventData") || k.name.equals("UserData")) {
                userData |= k.name.equals("UserData");
                leaves(k, data, k.name.equals("EventData"));
            }
        }
        String message = null;
        Node ri = event.kid("RenderingInfo");
        if (ri != null && ri.kid("Message") != null) {
            message = ri.kid("Message").text.toString();
        }
        return new WinEvent("line " + line, record, id, provider, channel, computer, level, time, null,
                List.copyOf(data), message, userData);
    }

    private static void leaves(Node parent, List<WinEvent.Datum> out, boolean eventData) {
        for (Node k : parent.kids) {
            for (String[] a : k.attrs) {
                if (!a[0].equals("Name") && !a[0].equals("xmlns")) {
                    out.add(new WinEvent.Datum(k.name + "@" + a[0], a[1]));
                }
            }
            if (!k.kids.isEmpty()) {
                leaves(k, out, eventData);
            } else if (k.text.length() > 0 || k.attrs.isEmpty() || k.attr("Name") != null) {
                String name = k.attr("Name");
                if (name == null && !(eventData && k.name.equals("Data"))) {
                    name = k.name;
                }
                out.add(new WinEvent.Datum(name, k.text.toString()));
            }
        }
    }

    private static String textOf(Node n) {
        return n == null ? "" : n.text.toString().trim();
    }

    private static int intOf(Node n) {
        try {
            return n == null ? -1 : Integer.parseInt(n.text.toString().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Blanks out a leading XML declaration (keeping line numbers) so the content can be wrapped in a root. */
    private static Reader withoutDeclaration(Reader r) throws IOException {
        java.io.PushbackReader pr = new java.io.PushbackReader(r, 512);
        char[] head = new char[512];
        int n = 0;
        int got;
        while (n < head.length && (got = pr.read(head, n, head.length - n)) > 0) {
            n += got;
        }
        String s = new String(head, 0, n);
        int start = 0;
        while (start < s.length() && (Character.isWhitespace(s.charAt(start)) || s.charAt(start) == '\uFEFF')) {
            start++;
        }
        if (s.startsWith("<?xml", start)) {
            int end = s.indexOf("?>", start);
            if (end > 0) {
                char[] blank = new char[end + 2];
                java.util.Arrays.fill(blank, ' ');
                s = new String(blank) + s.substring(end + 2);
            }
        }
        if (!s.isEmpty()) {
            pr.unread(s.toCharArray());
        }
        return pr;
    }

    /** Reads several readers one after another. */
    private static final class ConcatReader extends Reader {
        private final Reader[] parts;
        private int current;

        ConcatReader(Reader... parts) {
            this.parts = parts;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            while (current < parts.length) {
                int n = parts[current].read(cbuf, off, len);
                if (n > 0) {
                    return n;
                }
                if (n < 0) {
                    current++;
                }
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            for (Reader r : parts) {
                r.close();
            }
        }
    }

    /** Notes whether the text holds a {@code <!DOCTYPE} or {@code <!ENTITY} declaration, as it passes. */
    private static final class DeclarationSpy extends java.io.FilterReader {
        boolean sawDeclaration;
        /** How much of "<!" has been seen just before: 0 nothing, 1 '<', 2 "<!". */
        private int state;

        DeclarationSpy(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n && !sawDeclaration; i++) {
                see(buf[off + i]);
            }
            return n;
        }

        private void see(char c) {
            if (state == 2 && (c == 'D' || c == 'E')) {
                sawDeclaration = true;
            }
            state = c == '<' ? 1 : state == 1 && c == '!' ? 2 : 0;
        }
    }
}
