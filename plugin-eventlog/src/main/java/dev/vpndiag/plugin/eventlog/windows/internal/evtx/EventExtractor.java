package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Attr;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Elem;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Instance;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Subst;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Values;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks a parsed record (elements, template instances and their substitution values) and pulls out
 * the System fields first, so that a filter can reject the record before its EventData is rendered.
 */
final class EventExtractor {
    /** Nodes one record may expand; templates that reuse nested values could otherwise multiply without end. */
    static final int NODE_BUDGET = 100_000;

    private final byte[] b;
    private final BinXmlParser parser;
    private int budget;

    EventExtractor(byte[] buffer, BinXmlParser parser) {
        this.b = buffer;
        this.parser = parser;
    }

    /** An element together with the substitution values its placeholders refer to. */
    private record Scoped(Elem elem, Values values) {
    }

    /** The System fields read before deciding whether to render the rest. */
    private static final class Head {
        int eventId = -1;
        String provider = "";
        String channel = "";
        String computer = "";
        int level = -1;
        Instant time;
    }

    /**
     * Extracts the event, or returns null when the filter does not want it.
     *
     * @throws BinXmlException when an embedded Binary XML value is damaged
     */
    WinEvent extract(Object[] top, long recordId, Instant written, EvtxReader.Filter filter) throws BinXmlException {
        budget = NODE_BUDGET;
        List<Scoped> roots = new ArrayList<>(1);
        children(top, null, roots, 0);
        Scoped event = null;
        for (Scoped s : roots) {
            if (s.elem.name().equals("Event")) {
                event = s;
                break;
            }
        }
        if (event == null) {
            throw new BinXmlException(0, "record has no <Event> element");
        }
        List<Scoped> sections = new ArrayList<>(4);
        children(event.elem.content(), event.values, sections, 1);
        Head head = new Head();
        List<Scoped> fields = new ArrayList<>(16);
        for (Scoped s : sections) {
            if (s.elem.name().equals("System")) {
                children(s.elem.content(), s.values, fields, 2);
                break;
            }
        }
        readSystem(fields, head, false);
        if (!filter.wants(head.eventId, head.provider)) {
            return null;
        }
        readSystem(fields, head, true);
        List<WinEvent.Datum> data = new ArrayList<>();
        boolean userData = false;
        for (Scoped s : sections) {
            String n = s.elem.name();
            if (n.equals("EventData") || n.equals("UserData")) {
                userData |= n.equals("UserData");
                leaves(s, data, 2, n.equals("EventData"));
            }
        }
        return new WinEvent("record " + recordId, recordId, head.eventId, head.provider, head.channel,
                head.computer, head.level, head.time, written, List.copyOf(data), null, userData);
    }

    /** Reads the event id and provider first (rest = false), the other System fields later (rest = true). */
    private void readSystem(List<Scoped> fields, Head head, boolean rest) {
        for (Scoped f : fields) {
            String field = f.elem.name();
            if (rest == (field.equals("Provider") || field.equals("EventID"))) {
                continue;
            }
            switch (field) {
                case "Provider" -> {
                    String name = attr(f, "EventSourceName");
                    if (name == null) {
                        name = attr(f, "Name");
                    }
                    head.provider = name == null ? "" : name;
                }
                case "EventID" -> head.eventId = parseInt(text(f));
                case "Level" -> head.level = parseInt(text(f));
                case "Channel" -> head.channel = text(f);
                case "Computer" -> head.computer = text(f);
                case "TimeCreated" -> head.time = time(f);
                default -> {
                }
            }
        }
    }

    private Instant time(Scoped f) {
        for (Attr a : f.elem.attrs()) {
            if (a.name().equals("SystemTime")) {
                if (a.parts().length == 1 && a.parts()[0] instanceof Subst s && f.values != null
                        && s.index() < f.values.count() && f.values.type()[s.index()] == ValueFormat.FILETIME
                        && f.values.size()[s.index()] >= 8) {
                    return ValueFormat.fileTime(ValueFormat.le(b, f.values.offset()[s.index()], 8));
                }
                try {
                    return Instant.parse(join(a.parts(), f.values));
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Collects EventData/UserData leaves: elements with text and no child elements. */
    private void leaves(Scoped parent, List<WinEvent.Datum> out, int depth, boolean eventData) throws BinXmlException {
        List<Scoped> kids = new ArrayList<>();
        children(parent.elem.content(), parent.values, kids, depth);
        for (Scoped k : kids) {
            if (hasChildElements(k, depth + 1)) {
                for (Attr a : k.elem.attrs()) {
                    if (!a.name().equals("xmlns")) {
                        out.add(new WinEvent.Datum(k.elem.name() + "@" + a.name(), join(a.parts(), k.values)));
                    }
                }
                leaves(k, out, depth + 1, eventData);
            } else {
                String name = attr(k, "Name");
                if (name == null && !(eventData && k.elem.name().equals("Data"))) {
                    name = k.elem.name();
                }
                Object[] c = k.elem.content();
                boolean hasDataAttrs = false;
                for (Attr a : k.elem.attrs()) {
                    if (!a.name().equals("Name") && !a.name().equals("xmlns")) {
                        hasDataAttrs = true;
                        out.add(new WinEvent.Datum(k.elem.name() + "@" + a.name(), join(a.parts(), k.values)));
                    }
                }
                if (c.length == 0 && hasDataAttrs) {
                    continue; // an element that only carries attributes has no text value
                }
                if (c.length == 1 && c[0] instanceof Subst s && k.values != null && s.index() < k.values.count()) {
                    int type = k.values.type()[s.index()];
                    int size = k.values.size()[s.index()];
                    if (s.optional() && (type == ValueFormat.NULL || size == 0)) {
                        continue; // an optional substitution without a value removes the element
                    }
                    if ((type & ValueFormat.ARRAY) != 0) {
                        for (String item : ValueFormat.renderItems(b, k.values.offset()[s.index()], size, type & 0x7F)) {
                            out.add(new WinEvent.Datum(name, item));
                        }
                        continue;
                    }
                }
                out.add(new WinEvent.Datum(name, text(k)));
            }
        }
    }

    private boolean hasChildElements(Scoped s, int depth) throws BinXmlException {
        for (Object o : s.elem.content()) {
            if (o instanceof Elem || o instanceof Instance) {
                return true;
            }
            if (o instanceof Subst sub && isBinXml(sub, s.values)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBinXml(Subst s, Values v) {
        return v != null && s.index() < v.count() && v.type()[s.index()] == ValueFormat.BINXML;
    }

    /** Expands content into its elements: template instances and embedded Binary XML values are followed. */
    private void children(Object[] content, Values values, List<Scoped> out, int depth) throws BinXmlException {
        if (depth > BinXmlParser.MAX_DEPTH) {
            throw new BinXmlException(0, "nesting deeper than " + BinXmlParser.MAX_DEPTH);
        }
        budget -= content.length;
        if (budget < 0) {
            throw new BinXmlException(0, "record expands to more than " + NODE_BUDGET + " nodes");
        }
        for (Object o : content) {
            if (o instanceof Elem e) {
                out.add(new Scoped(e, values));
            } else if (o instanceof Instance i) {
                children(i.template().content(), i.values(), out, depth + 1);
            } else if (o instanceof Subst s && isBinXml(s, values)) {
                int off = values.offset()[s.index()];
                Object[] embedded = parser.parseFragment(off, off + values.size()[s.index()], depth + 1);
                children(embedded, null, out, depth + 1);
            }
        }
    }

    private String attr(Scoped s, String name) {
        for (Attr a : s.elem.attrs()) {
            if (a.name().equals(name)) {
                return join(a.parts(), s.values);
            }
        }
        return null;
    }

    private String text(Scoped s) {
        Object[] c = s.elem.content();
        if (c.length == 1 && c[0] instanceof String str) {
            return str;
        }
        return join(c, s.values);
    }

    private String join(Object[] parts, Values values) {
        StringBuilder sb = null;
        String single = null;
        for (Object p : parts) {
            String piece;
            if (p instanceof String str) {
                piece = str;
            } else if (p instanceof Subst s) {
                if (values == null || s.index() >= values.count() || values.type()[s.index()] == ValueFormat.BINXML) {
                    continue;
                }
                piece = ValueFormat.render(b, values.offset()[s.index()], values.size()[s.index()], values.type()[s.index()]);
            } else {
                continue;
            }
            if (single == null && sb == null) {
                single = piece;
            } else {
                if (sb == null) {
                    sb = new StringBuilder(single);
                }
                sb.append(piece);
            }
        }
        return sb != null ? sb.toString() : single == null ? "" : single;
    }
}
