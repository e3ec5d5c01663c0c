package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Attr;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Elem;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Instance;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Subst;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Template;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.Nodes.Values;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Binary XML held in one chunk buffer into {@link Nodes}. Offsets are relative to the
 * chunk start, as the format's name and template references are. Names and templates are cached
 * per chunk; every length is checked against the buffer, nesting is bounded and a template that
 * refers to itself is refused.
 */
final class BinXmlParser {
    static final int MAX_DEPTH = 64;
    private static final int MAX_VALUES = 4096;
    private static final Template IN_PROGRESS = new Template(new Object[0]);

    private final byte[] b;
    private final int limit;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, Template> templates = new HashMap<>();
    private int pos;

    /**
     * @param buffer the chunk bytes
     * @param limit  how many bytes of the buffer are the chunk
     */
    BinXmlParser(byte[] buffer, int limit) {
        this.b = buffer;
        this.limit = limit;
    }

    /** Forgets cached names and templates (a new chunk was loaded into the buffer). */
    void reset() {
        names.clear();
        templates.clear();
    }

    /** Parses a fragment (record body or embedded Binary XML value) between two chunk offsets. */
    Object[] parseFragment(int start, int end, int depth) throws BinXmlException {
        if (start < 0 || end > limit || start > end) {
            throw new BinXmlException(start, "fragment outside the chunk");
        }
        int saved = pos;
        pos = start;
        try {
            List<Object> out = new ArrayList<>(2);
            parseContent(end, depth, out, true, false);
            return out.toArray();
        } finally {
            pos = saved;
        }
    }

    /** Parses content until EOF, EndElement or the end bound; returns true when EndElement ended it. */
    private boolean parseContent(int end, int depth, List<Object> out, boolean topLevel, boolean inTemplate) throws BinXmlException {
        if (depth > MAX_DEPTH) {
            throw new BinXmlException(pos, "nesting deeper than " + MAX_DEPTH);
        }
        while (pos < end) {
            int tok = b[pos] & 0xFF;
            switch (tok & 0xBF) {
                case 0x00 -> {
                    pos++;
                    return false;
                }
                case 0x01 -> out.add(parseElement(tok, end, depth + 1, inTemplate));
                case 0x04 -> {
                    if (topLevel) {
                        throw new BinXmlException(pos, "end of element outside an element");
                    }
                    pos++;
                    return true;
                }
                case 0x05 -> out.add(parseValueText(end));
                case 0x07 -> {
                    pos++;
                    out.add(readCountedString(end));
                }
                case 0x08 -> out.add(charRef(end));
                case 0x09 -> out.add(entityRef(end));
                case 0x0a -> {
                    pos++;
                    need(4, end);
                    int off = u32(pos);
                    pos += 4;
                    name(off, end);
                }
                case 0x0b -> {
                    pos++;
                    readCountedString(end);
                }
                case 0x0c -> out.add(parseInstance(end, depth + 1));
                case 0x0d, 0x0e -> out.add(parseSubst(end));
                case 0x0f -> {
                    need(4, end);
                    pos += 4;
                }
                default -> throw new BinXmlException(pos, String.format("unexpected token 0x%02x", tok));
            }
        }
        return false;
    }

    private Elem parseElement(int tok, int end, int depth, boolean inTemplate) throws BinXmlException {
        if (depth > MAX_DEPTH) {
            throw new BinXmlException(pos, "nesting deeper than " + MAX_DEPTH);
        }
        // the dependency id is only present inside template definitions
        int dep = inTemplate ? 2 : 0;
        need(9 + dep, end);
        pos += 1 + dep;
        int dataSize = u32(pos);
        pos += 4;
        if (dataSize < 0 || dataSize > end - pos) {
            throw new BinXmlException(pos - 4, "element size " + Integer.toUnsignedString(dataSize) + " past the end");
        }
        int nameOff = u32(pos);
        pos += 4;
        String name = name(nameOff, end);
        List<Attr> attrs = null;
        if ((tok & 0x40) != 0) {
            need(4, end);
            pos += 4; // attribute list size
            attrs = new ArrayList<>(4);
            while (pos < end && ((b[pos] & 0xBF) == 0x06)) {
                pos++;
                need(4, end);
                int an = u32(pos);
                pos += 4;
                String attrName = name(an, end);
                List<Object> parts = new ArrayList<>(1);
                parseValueParts(end, parts);
                attrs.add(new Attr(attrName, parts.toArray()));
            }
        }
        need(1, end);
        int close = b[pos] & 0xFF;
        Attr[] attrArray = attrs == null ? NO_ATTRS : attrs.toArray(NO_ATTRS);
        if (close == 0x03) {
            pos++;
            return new Elem(name, attrArray, NO_CONTENT);
        }
        if (close != 0x02) {
            throw new BinXmlException(pos, String.format("expected end of start tag, found 0x%02x", close));
        }
        pos++;
        List<Object> content = new ArrayList<>(2);
        if (!parseContent(end, depth, content, false, inTemplate)) {
            throw new BinXmlException(pos, "element <" + name + "> not closed");
        }
        return new Elem(name, attrArray, content.isEmpty() ? NO_CONTENT : content.toArray());
    }

    private static final Attr[] NO_ATTRS = new Attr[0];
    private static final Object[] NO_CONTENT = new Object[0];

    private void parseValueParts(int end, List<Object> parts) throws BinXmlException {
        while (pos < end) {
            int tok = b[pos] & 0xFF;
            switch (tok & 0xBF) {
                case 0x05 -> parts.add(parseValueText(end));
                case 0x0d, 0x0e -> parts.add(parseSubst(end));
                case 0x08 -> parts.add(charRef(end));
                case 0x09 -> parts.add(entityRef(end));
                default -> {
                    return;
                }
            }
        }
    }

    private String parseValueText(int end) throws BinXmlException {
        need(2, end);
        int type = b[pos + 1] & 0xFF;
        pos += 2;
        if (type == 0x01) {
            return readCountedString(end);
        }
        if (type == 0x02) {
            need(2, end);
            int n = u16(pos);
            pos += 2;
            need(n, end);
            String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
            pos += n;
            return s;
        }
        throw new BinXmlException(pos - 1, String.format("unsupported value type 0x%02x in value token", type));
    }

    private Subst parseSubst(int end) throws BinXmlException {
        need(4, end);
        boolean optional = (b[pos] & 0xFF) == 0x0e;
        int id = u16(pos + 1);
        int type = b[pos + 3] & 0xFF;
        pos += 4;
        return new Subst(id, type, optional);
    }

    private Instance parseInstance(int end, int depth) throws BinXmlException {
        if (depth > MAX_DEPTH) {
            throw new BinXmlException(pos, "nesting deeper than " + MAX_DEPTH);
        }
        need(10, end);
        int defOff = u32(pos + 6);
        pos += 10;
        Template t;
        if (defOff == pos) {
            need(24, end);
            int size = u32(pos + 20);
            if (size < 0 || size > end - pos - 24) {
                throw new BinXmlException(pos, "template size past the end");
            }
            t = template(defOff, depth);
            pos = defOff + 24 + size;
        } else {
            t = template(defOff, depth);
        }
        need(4, end);
        int n = u32(pos);
        pos += 4;
        if (n < 0 || n > MAX_VALUES || (long) n * 4 > end - pos) {
            throw new BinXmlException(pos - 4, "substitution count " + Integer.toUnsignedString(n) + " past the end");
        }
        int[] off = new int[n];
        int[] size = new int[n];
        int[] type = new int[n];
        int descr = pos;
        int v = pos + n * 4;
        for (int i = 0; i < n; i++) {
            int s = u16(descr + i * 4);
            size[i] = s;
            type[i] = b[descr + i * 4 + 2] & 0xFF;
            if (s > end - v) {
                throw new BinXmlException(descr + i * 4, "substitution value " + i + " of " + s + " bytes past the end");
            }
            off[i] = v;
            v += s;
        }
        pos = v;
        return new Instance(t, new Values(off, size, type));
    }

    private Template template(int off, int depth) throws BinXmlException {
        Template t = templates.get(off);
        if (t == IN_PROGRESS) {
            throw new BinXmlException(off, "template refers to itself");
        }
        if (t != null) {
            return t;
        }
        if (off < 0 || off > limit - 24) {
            throw new BinXmlException(off, "template offset outside the chunk");
        }
        int size = u32(off + 20);
        if (size < 0 || size > limit - off - 24) {
            throw new BinXmlException(off, "template size past the end of the chunk");
        }
        templates.put(off, IN_PROGRESS);
        int saved = pos;
        try {
            pos = off + 24;
            List<Object> content = new ArrayList<>(2);
            parseContent(off + 24 + size, depth, content, true, true);
            t = new Template(content.toArray());
            templates.put(off, t);
            return t;
        } catch (BinXmlException | RuntimeException e) {
            templates.remove(off);
            throw e;
        } finally {
            pos = saved;
        }
    }

    /** The name at a chunk offset; when it is defined inline at the current position, skips it. */
    private String name(int off, int end) throws BinXmlException {
        boolean inline = off == pos;
        String cached = names.get(off);
        if (cached == null) {
            if (off < 0 || off > limit - 8) {
                throw new BinXmlException(off, "name offset outside the chunk");
            }
            int n = u16(off + 6);
            if (off + 8 + 2L * n > limit) {
                throw new BinXmlException(off, "name of " + n + " characters past the end");
            }
            cached = new String(b, off + 8, 2 * n, StandardCharsets.UTF_16LE);
            names.put(off, cached);
        }
        if (inline) {
            int skip = 8 + 2 * cached.length() + 2;
            need(skip, end);
            pos += skip;
        }
        return cached;
    }

    private String readCountedString(int end) throws BinXmlException {
        need(2, end);
        int n = u16(pos);
        pos += 2;
        need(2 * n, end);
        String s = new String(b, pos, 2 * n, StandardCharsets.UTF_16LE);
        pos += 2 * n;
        return s;
    }

    private String charRef(int end) throws BinXmlException {
        pos++;
        need(2, end);
        String c = String.valueOf((char) u16(pos));
        pos += 2;
        return c;
    }

    private String entityRef(int end) throws BinXmlException {
        pos++;
        need(4, end);
        int off = u32(pos);
        pos += 4;
        return entity(name(off, end));
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> "&" + name + ";";
        };
    }

    private void need(int n, int end) throws BinXmlException {
        if (n < 0 || n > end - pos) {
            throw new BinXmlException(pos, "needs " + n + " bytes, only " + Math.max(0, end - pos) + " left");
        }
    }

    private int u16(int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private int u32(int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
