package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Windows evidence as people paste it into tickets and forum posts: Event Viewer's "Copy details
 * as text" and General tab text (header fields before or after the message, also Windows XP's event
 * properties copy), {@code Get-WinEvent} and {@code Get-EventLog} output as {@code Format-List} or as a
 * table, quoted {@code wevtutil} text, IPsec audit event messages without their header, and the error
 * dialog's wording ("Error 809: The network connection ..."), in English or with the number in another
 * language. Lines may be quoted with {@code > }, indented as a code block, or separated by blank lines.
 *
 * <p>Events whose id and provider are known become {@link WinEvent}s for {@link EventMapper}, so they
 * give the same facts as a clean export; every other mention of a RAS or IKE error code becomes a
 * {@link RasError} at its line, with the time when the line has one.
 */
final class PastedTextReader {
    /** Lines held back as a possible General tab message before they are searched on their own. */
    private static final int MAX_FREE_LINES = 400;
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int DETAIL_MAX = 300;

    private static final Pattern QUOTE = Pattern.compile("^[ \\t]{0,3}(?:>[ \\t]?)+");
    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*");
    /** Event Viewer, wevtutil and Windows XP header labels. */
    private static final String HEADER_LABELS = "Log Name|Source|Date|Logged|Event ID|Task Category|Level|Keywords|User Name|User|Computer"
            + "|OpCode|More Information|Description|Event Type|Event Source|Event Category|Time|Task|Keyword|Event Xml";
    private static final Pattern HEADER = Pattern.compile("(?:^|(?<=\\s\\s)|(?<=\\t))(" + HEADER_LABELS + ")[ \\t]*:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEVTUTIL_START = Pattern.compile("^Event\\[\\d+]:\\s*$");
    /** PowerShell Format-List: a property name, blanks, " : ", the value. */
    private static final Pattern PROPERTY = Pattern.compile("^([A-Za-z]+)( +): ?(.*)$");
    private static final Set<String> EVENT_PROPERTIES = Set.of("TimeCreated", "ProviderName", "Id", "Message", "LevelDisplayName",
            "LogName", "MachineName", "RecordId", "Level", "Task", "Opcode", "Keywords", "Version", "Qualifiers", "ProviderId",
            "ProcessId", "ThreadId", "UserId", "ActivityId", "RelatedActivityId", "ContainerLog", "MatchedQueryIds", "Bookmark",
            "OpcodeDisplayName", "TaskDisplayName", "KeywordsDisplayNames", "Properties", "Index", "EntryType", "InstanceId",
            "EventID", "Category", "CategoryNumber", "ReplacementStrings", "Source", "TimeGenerated", "TimeWritten", "UserName",
            "Site", "Container", "Data");
    /** Get-WinEvent's table groups rows under "ProviderName: X". */
    private static final Pattern TABLE_PROVIDER = Pattern.compile("^ProviderName:\\s*(\\S.*)$");
    private static final Pattern WINEVENT_ROW = Pattern.compile(
            "^(\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[AaPp]\\.?[Mm]\\.?)?)\\s+(\\d{1,5})\\s+(\\p{L}+)\\s+(\\S.*)$");
    private static final Pattern EVENTLOG_ROW = Pattern.compile(
            "^(\\d+)\\s+[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}\\s+(Error|Warning|Information|FailureAudit|SuccessAudit)\\s+(\\S+)\\s+(\\d+)\\s+(\\S.*)$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})?"
                    + "|\\d{1,2}/\\d{1,2}/\\d{4},?\\s+\\d{1,2}:\\d{2}:\\d{2}(?:\\s*[AaPp][Mm])?"
                    + "|\\d{1,2}\\.\\d{1,2}\\.\\d{4},?\\s+\\d{1,2}:\\d{2}:\\d{2}");
    /** Where the message of a RAS event starts, for a General tab whose message precedes its fields. */
    private static final Pattern RAS_MESSAGE_START = Pattern.compile(
            "^(?:CoI[dD]=|RoutingDomainID|The user \\S+ (?:dialed|has started)|A Demand Dial connection|The following error occurred)");

    /** The first sentence of each IPsec audit event (Security log), lower case, as msaudite/adtschema render it. */
    private static final Map<String, Integer> IKE_SENTENCES = new LinkedHashMap<>();

    static {
        // Vista and later (adtschema.dll message texts, as listed by libyal/winevt-kb)
        IKE_SENTENCES.put("an ipsec main mode security association was established", 4650);
        IKE_SENTENCES.put("an ipsec main mode negotiation failed", 4653);
        IKE_SENTENCES.put("an ipsec quick mode negotiation failed", 4654);
        IKE_SENTENCES.put("an ipsec main mode security association ended", 4655);
        IKE_SENTENCES.put("during main mode negotiation, ipsec received an invalid negotiation packet", 4976);
        IKE_SENTENCES.put("during quick mode negotiation, ipsec received an invalid negotiation packet", 4977);
        IKE_SENTENCES.put("during extended mode negotiation, ipsec received an invalid negotiation packet", 4978);
        IKE_SENTENCES.put("ipsec main mode and extended mode security associations were established", 4979);
        IKE_SENTENCES.put("an ipsec extended mode negotiation failed", 4984);
        IKE_SENTENCES.put("an ipsec quick mode security association was established", 5451);
        IKE_SENTENCES.put("an ipsec quick mode security association ended", 5452);
        IKE_SENTENCES.put("an ipsec negotiation with a remote computer failed because the ike and authip ipsec keying modules", 5453);
        IKE_SENTENCES.put("ipsec dropped an inbound packet that failed an integrity check", 4960);
        IKE_SENTENCES.put("ipsec dropped an inbound packet that failed a replay check", 4961);
        IKE_SENTENCES.put("ipsec dropped an inbound clear text packet that should have been secured", 4963);
        IKE_SENTENCES.put("ipsec received a packet from a remote computer with an incorrect security parameter index", 4965);
        // Windows 2000 to 2003 (msaudite.dll): 542/543 and 544/546 are told apart by the rest of the message
        IKE_SENTENCES.put("ike security association established", 541);
        IKE_SENTENCES.put("ike security association ended", 543);
        IKE_SENTENCES.put("ike security association establishment failed because peer", 546);
        IKE_SENTENCES.put("ike peer authentication failed", 545);
        IKE_SENTENCES.put("ike security association negotiation failed", 547);
    }

    private enum Kind { HEADER, LIST, MESSAGE }

    /** One line: its number and its text with any quote marks removed. */
    private record Line(int no, String text) {
        String trimmed() {
            return text.strip();
        }

        boolean blank() {
            return text.isBlank();
        }

        int indent() {
            int i = 0;
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }
    }

    /** An event being collected. */
    private static final class Block {
        final Kind kind;
        final int startLine;
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<Line> headerLines = new ArrayList<>();
        final List<Line> message = new ArrayList<>();
        int messageChars;
        boolean inDescription;
        boolean inXml;
        /** A blank line followed the message (RAS messages end there). */
        boolean blankAfter;
        /** A headerless IPsec message this header run may belong to (General tab: message first). */
        Block before;
        int inferredId = -1;
        // Format-List
        int keyIndent;
        int valueColumn;
        String lastKey;
        final Map<String, List<String>> values = new LinkedHashMap<>();
        /** The last message line ended with a label and no value (Windows XP puts the value on the next line). */
        boolean labelOpen;
        /** Blank lines in a row at the end of the message. */
        int blanks;

        Block(Kind kind, int startLine) {
            this.kind = kind;
            this.startLine = startLine;
        }

        void addMessage(Line l) {
            if (messageChars < MAX_MESSAGE) {
                message.add(l);
                messageChars += l.text().length() + 1;
            }
        }
    }

    private final String source;
    private final Side side;
    private final Consumer<Fact> out;
    private final List<Line> free = new ArrayList<>();
    private int freeChars;
    private Block current;
    private String tableProvider;
    /** Inside the "Event Xml:" part of a copied event whose description has ended. */
    private boolean skippingXml;

    PastedTextReader(String source, Side side, Consumer<Fact> out) {
        this.source = source;
        this.side = side;
        this.out = out;
    }

    /** Reads the whole text. */
    void read(InputStream in, BooleanSupplier cancelled) throws IOException {
        try (TextInput t = new TextInput(in)) {
            String raw;
            while ((raw = t.readLine()) != null) {
                step(new Line(t.lineNo(), unquote(raw)));
                if (cancelled.getAsBoolean()) {
                    return;
                }
            }
        }
        endBlock();
        flushFree(free.size());
    }

    /** True when the head of a text looks like something this reader finds facts in. */
    /** JSON lines or an XML document ('#' comment lines before it allowed): a machine's format, not a paste. */
    private static boolean structured(String head) {
        int i = 0;
        int n = head.length();
        while (i < n) {
            char c = head.charAt(i);
            if (c == '#') {
                int nl = head.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
                continue;
            }
            if (c == '{' || c == '<' || c == '[') {
                return true;
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                return false;
            }
            i++;
        }
        return false;
    }

    static boolean looksLike(String head) {
        if (structured(head)) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == '\uFFFD') {
                control++;
            }
        }
        if (control > head.length() / 100 + 1) {
            return false;
        }
        StringBuilder sb = new StringBuilder(head.length());
        boolean eventId = false;
        boolean source = false;
        boolean listId = false;
        boolean listProvider = false;
        for (String raw : head.split("\r?\n|\r", -1)) {
            String line = unquote(raw);
            String t = line.strip();
            sb.append(line).append('\n');
            Matcher h = HEADER.matcher(t);
            if (h.lookingAt()) {
                String label = h.group(1).toLowerCase(Locale.ROOT);
                eventId |= label.equals("event id") && t.substring(h.end()).strip().matches("\\d{1,5}");
                source |= label.equals("source") || label.equals("log name") || label.equals("event source");
            }
            Matcher p = PROPERTY.matcher(line.stripLeading());
            if (p.matches()) {
                String key = p.group(1);
                listId |= (key.equals("Id") || key.equals("EventID") || key.equals("InstanceId")) && p.group(3).strip().matches("\\d+");
                listProvider |= key.equals("ProviderName") || key.equals("Source");
            }
            if (ikeSentence(t) > 0) {
                return true;
            }
        }
        if (eventId && source || listId && listProvider) {
            return true;
        }
        return !RasErrorText.find(RasErrorText.plain(sb.toString())).isEmpty();
    }

    static String unquote(String raw) {
        if (FENCE.matcher(raw).matches()) {
            return "";
        }
        Matcher q = QUOTE.matcher(raw);
        return q.lookingAt() ? raw.substring(q.end()) : raw;
    }

    // ---- line by line ---------------------------------------------------------------------------

    private void step(Line l) {
        String t = l.trimmed();
        if (skippingXml) {
            skippingXml = !t.contains("</Event>");
            return;
        }
        Block b = current;
        if (b != null && b.inXml) {
            if (t.contains("</Event>")) {
                b.inXml = false;
                endBlock();
            }
            return;
        }
        List<String[]> header = headerFields(t);
        Matcher prop = PROPERTY.matcher(l.text().stripLeading());
        boolean isProp = prop.matches() && EVENT_PROPERTIES.contains(prop.group(1));
        if (b != null) {
            switch (b.kind) {
                case LIST -> {
                    if (continueList(b, l, isProp ? prop : null)) {
                        return;
                    }
                    endBlock();
                }
                case HEADER -> {
                    if (continueHeader(b, l, header, isProp)) {
                        return;
                    }
                }
                case MESSAGE -> {
                    if (header != null) {
                        Block h = new Block(Kind.HEADER, l.no());
                        h.before = b;
                        current = h;
                        addHeader(h, l, header);
                        return;
                    }
                    if (!isProp && ikeSentence(t) < 0 && continueMessage(b, l)) {
                        return;
                    }
                    endBlock();
                }
                default -> throw new IllegalStateException();
            }
        }
        general(l, t, header, isProp ? prop : null);
    }

    /** A line outside any event. */
    private void general(Line l, String t, List<String[]> header, Matcher prop) {
        if (WEVTUTIL_START.matcher(t).matches()) {
            current = new Block(Kind.HEADER, l.no());
            current.headerLines.add(l);
            return;
        }
        if (header != null && header.get(0)[0].equals("event xml")) {
            skippingXml = true;
            return;
        }
        if (header != null) {
            current = new Block(Kind.HEADER, l.no());
            addHeader(current, l, header);
            return;
        }
        if (prop != null) {
            flushFree(free.size());
            current = new Block(Kind.LIST, l.no());
            addProperty(current, l, prop);
            return;
        }
        int ike = ikeSentence(t);
        if (ike > 0) {
            flushFree(free.size());
            current = new Block(Kind.MESSAGE, l.no());
            current.inferredId = ike;
            current.addMessage(l);
            return;
        }
        Matcher tp = TABLE_PROVIDER.matcher(t);
        if (tp.matches()) {
            tableProvider = tp.group(1).strip();
        }
        if (row(l, t)) {
            return;
        }
        free.add(l);
        freeChars += l.text().length() + 1;
        if (free.size() > MAX_FREE_LINES || freeChars > MAX_MESSAGE) {
            flushFree(free.size() / 2 + 1);
        }
    }

    /** Header run or description of an Event Viewer, wevtutil or XP block; false (and no block open) when the line is not part of it. */
    private boolean continueHeader(Block b, Line l, List<String[]> header, boolean isProp) {
        String t = l.trimmed();
        String label = header == null ? null : header.get(0)[0];
        if (b.inDescription) {
            if ("event xml".equals(label)) {
                b.inXml = true;
                return true;
            }
            if (WEVTUTIL_START.matcher(t).matches() || label != null && startsBlock(label) || isProp && startsList(t)
                    || !b.message.isEmpty() && ikeSentence(t) > 0) {
                endBlock();
                return false;
            }
            if (b.message.isEmpty()) {
                if (!l.blank()) {
                    b.addMessage(l);
                }
                return true;
            }
            if (rasBlock(b)) {
                // a RAS message is a line or a few: what follows a blank line or a header label ("Time: ...")
                // is the writer's own text
                if (header != null || b.blankAfter && !l.blank()) {
                    endBlock();
                    return false;
                }
                b.blankAfter |= l.blank();
            } else if (ikeBlock(b) && !continueMessage(b, l)) {
                endBlock();
                return false;
            }
            b.addMessage(l);
            return true;
        }
        if (header != null) {
            if (!b.fields.isEmpty() && (startsBlock(label) || b.fields.containsKey(label))) {
                closeHeader(b);
                return false;
            }
            addHeader(b, l, header);
            return true;
        }
        if (l.blank()) {
            return true;
        }
        if (b.fields.isEmpty() && b.headerLines.size() == 1 && WEVTUTIL_START.matcher(b.headerLines.get(0).trimmed()).matches()) {
            // "Event[0]:" followed by something else: not wevtutil output after all
            addAllFree(b.headerLines);
            current = null;
            return WEVTUTIL_START.matcher(t).matches() ? false : addFree(l);
        }
        if (WEVTUTIL_START.matcher(t).matches() || isProp) {
            closeHeader(b);
            return false;
        }
        endHeaderRun(b);
        if (current == b) {
            b.addMessage(l); // header first, then the message without a "Description:" label
            return true;
        }
        return false;
    }

    /** Ends a header run and the block with it (a new block starts). */
    private void closeHeader(Block b) {
        endHeaderRun(b);
        if (current == b) {
            current = null;
            emit(b);
        }
    }

    /** A block of a RAS provider, or whose message starts as a RAS message does. */
    private static boolean rasBlock(Block b) {
        String p = b.fields.getOrDefault("source", b.fields.getOrDefault("event source", "")).toLowerCase(Locale.ROOT);
        if (!p.isEmpty()) {
            return p.contains("rasclient") || p.contains("remoteaccess") || p.equals("rasman") || p.contains("rasmgmt");
        }
        return !b.message.isEmpty() && RAS_MESSAGE_START.matcher(b.message.get(0).trimmed()).find();
    }

    /** A block whose message is a Vista or later IPsec audit message (labelled fields, indented values). */
    private static boolean ikeBlock(Block b) {
        int id = b.message.isEmpty() ? -1 : ikeSentence(b.message.get(0).trimmed());
        return id >= 4650;
    }

    private void addAllFree(List<Line> lines) {
        for (Line l : lines) {
            free.add(l);
            freeChars += l.text().length() + 1;
        }
    }

    private boolean addFree(Line l) {
        addAllFree(List.of(l));
        return true;
    }

    private void addHeader(Block b, Line l, List<String[]> fields) {
        b.headerLines.add(l);
        for (String[] f : fields) {
            if (f[0].equals("description")) {
                b.inDescription = true;
                if (b.before != null) {
                    Block before = b.before;
                    b.before = null;
                    emit(before);
                }
                flushFree(free.size());
                if (!f[1].isBlank()) {
                    b.addMessage(new Line(l.no(), f[1]));
                }
            } else if (f[0].equals("event xml")) {
                b.inDescription = true;
                b.inXml = true;
            } else {
                b.fields.putIfAbsent(f[0], f[1]);
            }
        }
    }

    /**
     * The fields of a header run are all there and no "Description:" came: the message is the headerless
     * IPsec message just before it, or the free lines before it from where a RAS message starts (Event
     * Viewer's General tab), or else the lines that follow.
     */
    private void endHeaderRun(Block b) {
        if (!b.fields.containsKey("event id")) {
            // "Time: ..." in prose: not an event
            addAllFree(b.headerLines);
            current = null;
            if (b.before != null) {
                emit(b.before);
            }
            return;
        }
        if (b.before != null) {
            Block m = b.before;
            m.fields.putAll(b.fields);
            current = null;
            emit(m);
            return;
        }
        int from = messageStart();
        if (from >= 0) {
            flushFree(from);
            Block m = new Block(Kind.HEADER, free.get(0).no());
            m.fields.putAll(b.fields);
            for (Line f : free) {
                m.addMessage(f);
            }
            free.clear();
            freeChars = 0;
            current = null;
            emit(m);
            return;
        }
        b.inDescription = true;
    }

    /** Where, among the free lines, a General tab message starts, or -1 when there are none. */
    private int messageStart() {
        int last = free.size() - 1;
        while (last >= 0 && free.get(last).blank()) {
            last--;
        }
        if (last < 0) {
            return -1;
        }
        for (int i = last; i >= 0 && i >= last - 40; i--) {
            if (RAS_MESSAGE_START.matcher(free.get(i).trimmed()).find()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsBlock(String label) {
        return label.equals("log name") || label.equals("event type");
    }

    private static boolean startsList(String t) {
        return t.startsWith("TimeCreated") || t.startsWith("Index");
    }

    /**
     * Lines of a headerless IPsec message: labels, indented values, blank lines, the value after an open label;
     * Windows 2000-2003 messages (541-547) put values, and a wrapped first sentence, on lines of their own, so
     * they go on to two blank lines in a row.
     */
    private static boolean continueMessage(Block b, Line l) {
        if (l.blank()) {
            b.blanks++;
            b.addMessage(l);
            return true;
        }
        boolean legacy = b.inferredId >= 541 && b.inferredId <= 547;
        if (legacy) {
            if (b.blanks >= 2) {
                return false;
            }
            b.blanks = 0;
            b.addMessage(l);
            return true;
        }
        b.blanks = 0;
        String t = l.trimmed();
        boolean label = t.matches("[^:]{1,60}:.*");
        if (label || l.indent() > 0 || b.labelOpen) {
            b.addMessage(l);
            b.labelOpen = label && t.endsWith(":");
            return true;
        }
        return false;
    }

    // ---- Format-List ------------------------------------------------------------------------------

    private static void addProperty(Block b, Line l, Matcher p) {
        String key = p.group(1);
        if (b.values.isEmpty()) {
            b.keyIndent = l.indent();
        }
        b.valueColumn = l.indent() + p.group(1).length() + p.group(2).length() + 2;
        b.lastKey = key;
        List<String> v = new ArrayList<>();
        v.add(p.group(3));
        b.values.put(key, v);
        b.headerLines.add(l);
    }

    private static boolean continueList(Block b, Line l, Matcher p) {
        if (p != null && l.indent() <= b.keyIndent + 1) {
            if (b.values.containsKey(p.group(1))) {
                return false;
            }
            addProperty(b, l, p);
            return true;
        }
        if (l.blank()) {
            b.values.get(b.lastKey).add("");
            return true;
        }
        if (l.indent() > b.keyIndent) {
            String s = l.text();
            int cut = Math.min(l.indent(), Math.max(b.valueColumn, b.keyIndent + 1));
            if (b.messageChars < MAX_MESSAGE) {
                b.values.get(b.lastKey).add(s.substring(cut));
                b.messageChars += s.length() + 1 - cut;
            }
            return true;
        }
        return false;
    }

    private static String listValue(Block b, String... keys) {
        for (String k : keys) {
            List<String> v = b.values.get(k);
            if (v != null) {
                List<String> lines = new ArrayList<>(v);
                while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                    lines.remove(lines.size() - 1);
                }
                String s = String.join("\n", lines).strip();
                return s.isEmpty() ? null : s;
            }
        }
        return null;
    }

    // ---- tables -----------------------------------------------------------------------------------

    /** A Get-WinEvent or Get-EventLog table row; true when the line was one. */
    private boolean row(Line l, String t) {
        Matcher w = WINEVENT_ROW.matcher(t);
        if (w.matches() && tableProvider != null) {
            flushFree(free.size());
            event(l.no(), w.group(2), tableProvider, null, date(w.group(1)), w.group(4), List.of(), List.of(l));
            return true;
        }
        Matcher g = EVENTLOG_ROW.matcher(t);
        if (g.matches()) {
            flushFree(free.size());
            event(l.no(), g.group(4), g.group(3), null, null, g.group(5), List.of(), List.of(l));
            return true;
        }
        return false;
    }

    // ---- events -----------------------------------------------------------------------------------

    private void endBlock() {
        Block b = current;
        if (b == null) {
            return;
        }
        if (b.kind == Kind.HEADER && !b.inDescription) {
            endHeaderRun(b);
            if (current == b && b.inDescription) {
                current = null;
                emit(b);
            }
            return;
        }
        current = null;
        emit(b);
    }

    private void emit(Block b) {
        List<Line> lines = new ArrayList<>(b.message);
        if (b.kind == Kind.LIST) {
            String message = listValue(b, "Message");
            String id = listValue(b, "Id", "EventID", "InstanceId");
            String provider = listValue(b, "ProviderName", "Source");
            String time = listValue(b, "TimeCreated", "TimeGenerated");
            List<WinEvent.Datum> data = new ArrayList<>();
            String strings = listValue(b, "ReplacementStrings");
            if (strings != null) {
                String inner = strings.replaceAll("\\s*\\n\\s*", " ").strip();
                if (inner.startsWith("{") && inner.endsWith("}")) {
                    inner = inner.substring(1, inner.length() - 1);
                }
                for (String s : inner.split(", ")) {
                    data.add(new WinEvent.Datum(null, s.strip()));
                }
            }
            List<Line> messageLines = new ArrayList<>();
            if (message != null) {
                int no = lineOf(b, "Message");
                for (String s : message.split("\n", -1)) {
                    messageLines.add(new Line(no++, s));
                }
            }
            if (id == null && message != null) {
                int ike = ikeSentence(message.strip());
                if (ike > 0) {
                    id = String.valueOf(ike);
                }
            }
            event(b.startLine, id, provider, listValue(b, "LogName"), time == null ? null : date(time), message, data,
                    messageLines.isEmpty() ? b.headerLines : messageLines);
            return;
        }
        String message = lines.isEmpty() ? null : joinLines(lines);
        String id = b.fields.get("event id");
        if (id == null && b.inferredId > 0) {
            id = String.valueOf(b.inferredId);
        }
        String provider = b.fields.getOrDefault("source", b.fields.get("event source"));
        Instant time = null;
        String date = b.fields.getOrDefault("date", b.fields.get("logged"));
        if (date != null) {
            String t = b.fields.get("time");
            time = date(t != null && !date.contains(":") ? date + " " + t : date);
        }
        int start = Math.min(b.startLine, lines.isEmpty() ? b.startLine : lines.get(0).no());
        if (!b.headerLines.isEmpty()) {
            start = Math.min(start, b.headerLines.get(0).no());
        }
        event(start, id, provider, b.fields.get("log name"), time, message, List.of(),
                lines.isEmpty() ? b.headerLines : lines);
    }

    /** Maps one event; mentions of codes in an event that gives no RAS fact are searched like free text. */
    private void event(int line, String idText, String provider, String channel, Instant time, String message,
                       List<WinEvent.Datum> data, List<Line> lines) {
        int id = parseId(idText);
        String p = provider(provider, id, message);
        if (id >= 0 && EventMapper.relevant(id, p)) {
            String lower = p.toLowerCase(Locale.ROOT);
            boolean ras = lower.contains("rasclient") || lower.contains("remoteaccess") || lower.equals("rasman")
                    || lower.contains("rasmgmt");
            String text = message;
            if (ras && text != null) {
                text = text.replaceAll("\\s+", " ").strip(); // PowerShell and forums wrap long messages
            } else if (text != null && id >= 541 && id <= 547) {
                id = legacyId(id, text);
            }
            WinEvent e = new WinEvent("line " + line, -1, id, p, channel == null ? "" : channel, "", -1, time, null,
                    data, text, false);
            boolean[] rasFact = {false};
            EventMapper.map(e, source, side, f -> {
                rasFact[0] |= f instanceof RasError;
                out.accept(f);
            });
            if (!ras || rasFact[0]) {
                return;
            }
        }
        scan(lines, time);
    }

    private static int legacyId(int id, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (id == 543 && (lower.contains("quick mode") || lower.contains("data protection"))) {
            return 542;
        }
        if (id == 546 && lower.contains("could not authenticate")) {
            return 544;
        }
        return id;
    }

    /** The provider as the mapping names it: Event Viewer's display names made canonical, or guessed from the id. */
    private static String provider(String provider, int id, String message) {
        String p = provider == null ? "" : provider.strip();
        String lower = p.toLowerCase(Locale.ROOT).replaceAll("[.\\s]+$", "");
        if (lower.equals("microsoft windows security auditing") || lower.equals("microsoft-windows-security-auditing")) {
            return "Microsoft-Windows-Security-Auditing";
        }
        if (!p.isEmpty()) {
            return p;
        }
        if (id >= 541 && id <= 547) {
            return "Security";
        }
        if (id >= 4650 && id <= 5485) {
            return "Microsoft-Windows-Security-Auditing";
        }
        if (id >= 20000 && id <= 20300 && message != null) {
            return message.contains("CoId=") || message.contains("dialed a connection") ? "RasClient" : "RemoteAccess";
        }
        return "";
    }

    private static int parseId(String s) {
        if (s == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(s.strip());
            return (int) (v > 0xFFFF ? v & 0xFFFF : v); // an InstanceId carries the qualifiers above the id
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int lineOf(Block b, String key) {
        for (Line l : b.headerLines) {
            if (l.trimmed().startsWith(key)) {
                return l.no();
            }
        }
        return b.startLine;
    }

    // ---- free text --------------------------------------------------------------------------------

    /** Searches the first n free lines for codes and drops them. */
    private void flushFree(int n) {
        if (n <= 0 || free.isEmpty()) {
            return;
        }
        List<Line> chunk = new ArrayList<>(free.subList(0, Math.min(n, free.size())));
        free.subList(0, chunk.size()).clear();
        freeChars = 0;
        for (Line l : free) {
            freeChars += l.text().length() + 1;
        }
        scan(chunk, null);
    }

    /**
     * Every mention of a code in these lines becomes a RAS error at its line, with the line's own time or,
     * in the first paragraph (an event's own message), the event's time.
     */
    private void scan(List<Line> lines, Instant eventTime) {
        if (lines.isEmpty()) {
            return;
        }
        int paragraphEnd = 0;
        while (paragraphEnd < lines.size() && lines.get(paragraphEnd).blank()) {
            paragraphEnd++;
        }
        while (paragraphEnd < lines.size() && !lines.get(paragraphEnd).blank()) {
            paragraphEnd++;
        }
        StringBuilder sb = new StringBuilder();
        int[] starts = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = sb.length();
            sb.append(RasErrorText.plain(lines.get(i).text())).append('\n');
        }
        String text = sb.toString();
        for (RasErrorText.Match m : RasErrorText.find(text)) {
            int first = index(starts, m.start());
            int last = index(starts, Math.max(m.start(), m.end() - 1));
            Line at = lines.get(first);
            Instant time = timeIn(at.text());
            StringBuilder detail = new StringBuilder();
            for (int i = first; i <= last && detail.length() < DETAIL_MAX; i++) {
                detail.append(lines.get(i).text()).append(' ');
            }
            String d = detail.toString().replaceAll("\\s+", " ").strip();
            if (d.length() > DETAIL_MAX) {
                d = d.substring(0, DETAIL_MAX) + "...";
            }
            if (time == null && first < paragraphEnd) {
                time = eventTime;
            }
            out.accept(new RasError(EvidenceRef.of(source, "line " + at.no()), side, time,
                    m.code(), m.connection(), d));
        }
    }

    private static int index(int[] starts, int offset) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static Instant timeIn(String line) {
        Matcher m = TIMESTAMP.matcher(line);
        return m.find() ? date(m.group()) : null;
    }

    /** A date and time as Windows or a person writes it, without a zone taken as UTC; null when unreadable. */
    static Instant date(String s) {
        String v = s.strip().replace(",", "");
        Instant t = TextExportReader.date(v);
        if (t != null) {
            return t;
        }
        String iso = v.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return TextExportReader.date(v.replaceAll("(\\d{1,2}:\\d{2})(?!:)", "$1:00"));
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /** The header fields of a line ("Source: X   Logged: Y" holds two), lower-case labels; null when it has none. */
    private static List<String[]> headerFields(String t) {
        Matcher m = HEADER.matcher(t);
        if (!m.lookingAt()) {
            return null;
        }
        List<int[]> at = new ArrayList<>();
        at.add(new int[] {m.start(1), m.end()});
        int from = m.end();
        while (m.find(from)) {
            if (m.start() > 0) {
                at.add(new int[] {m.start(1), m.end()});
            }
            from = m.end();
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            int end = i + 1 < at.size() ? at.get(i + 1)[0] : t.length();
            String label = t.substring(at.get(i)[0], at.get(i)[1] - 1).strip().toLowerCase(Locale.ROOT);
            String value = t.substring(at.get(i)[1], end).strip();
            if (label.equals("description") || label.equals("event xml")) {
                out.add(new String[] {label, i + 1 < at.size() ? value : t.substring(at.get(i)[1]).strip()});
                break;
            }
            out.add(new String[] {label, value});
        }
        return out;
    }

    /** The id of the IPsec audit event whose message starts this line, or -1. */
    static int ikeSentence(String t) {
        if (t.length() < 20 || "AaDdIi".indexOf(t.charAt(0)) < 0) {
            return -1;
        }
        String s = t.toLowerCase(Locale.ROOT);
        if (s.indexOf("  ") >= 0 || s.indexOf('\t') >= 0) {
            s = s.replaceAll("\\s+", " ");
        }
        for (Map.Entry<String, Integer> e : IKE_SENTENCES.entrySet()) {
            if (s.startsWith(e.getKey())) {
                int id = e.getValue();
                if (id == 4650 && s.contains("a certificate was used")) {
                    return 4651;
                }
                if (id == 4961 && s.contains("too low a sequence number")) {
                    return 4962;
                }
                return id;
            }
        }
        return -1;
    }

    private static String joinLines(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString().strip();
    }
}
