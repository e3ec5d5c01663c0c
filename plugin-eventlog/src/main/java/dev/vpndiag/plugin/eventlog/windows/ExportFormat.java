package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.EvtxReader;

import java.util.Locale;
import java.util.regex.Pattern;

/** The Windows formats this plugin reads, recognised by content. */
enum ExportFormat {
    /** EVTX binary log. */
    EVTX,
    /** wevtutil or Event Viewer XML. */
    XML,
    /** Event Viewer "Save As" comma-separated values. */
    CSV,
    /** Event Viewer "Save As" tab-delimited text. */
    TSV,
    /** wevtutil qe /f:text output. */
    WEVTUTIL_TEXT,
    /** auditpol /get output (text or /r CSV) and registry lines with DisableIKEAudits. */
    AUDIT_POLICY,
    /**
     * Events and error messages as people paste them into tickets and forum posts (Event Viewer's
     * copied text, PowerShell output, the error dialog's wording); see {@link PastedTextReader}.
     */
    PASTED_TEXT,
    /** Not a Windows event format. */
    NONE;

    private static final Pattern COPIED_DETAILS = Pattern.compile("\\s*(?:Log Name|Event Type)\\s*:");

    /** Recognises the format from the first bytes. */
    static ExportFormat detect(byte[] head, String text) {
        if (head.length >= 8 && startsWith(head, EvtxReader.FILE_MAGIC)) {
            return EVTX;
        }
        String t = text.stripLeading();
        // Event Viewer's "Copy details as text" ends with the event's XML after its header and message: pasted text
        boolean copiedDetails = COPIED_DETAILS.matcher(PastedTextReader.unquote(firstLine(t))).lookingAt();
        if (t.contains("schemas.microsoft.com/win/2004/08/events/event") && t.contains("<Event") && !copiedDetails) {
            return XML;
        }
        String first = firstLine(t);
        if (first.startsWith("Level,Date and Time,Source,Event ID")) {
            return CSV;
        }
        if (first.startsWith("Level\tDate and Time\tSource\tEvent ID")) {
            return TSV;
        }
        if (first.startsWith("Event[") && t.contains("Log Name:") && t.contains("Event ID:")) {
            return WEVTUTIL_TEXT;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.contains("ipsec main mode") && (lower.contains("category/subcategory") || lower.contains("subcategory guid")
                || lower.contains("system audit policy"))) {
            return AUDIT_POLICY;
        }
        if (lower.contains("disableikeaudits")) {
            return AUDIT_POLICY;
        }
        if (PastedTextReader.looksLike(text)) {
            return PASTED_TEXT;
        }
        return NONE;
    }

    /** How surely the format was recognised, as a sniff score. */
    static int score(ExportFormat f, String text) {
        return switch (f) {
            case EVTX, XML, CSV, TSV, WEVTUTIL_TEXT -> FactProvider.STRONG_MATCH;
            case AUDIT_POLICY -> text.toLowerCase(Locale.ROOT).contains("ipsec main mode")
                    ? FactProvider.STRONG_MATCH : FactProvider.WEAK_MATCH;
            case PASTED_TEXT -> PASTED_MATCH;
            case NONE -> FactProvider.NO_MATCH;
        };
    }

    /**
     * The score of pasted text: below every other reader's weak match, so that a log or listing some
     * reader knows (a charon log quoting "error 809") goes to that reader, and above no match.
     */
    static final int PASTED_MATCH = FactProvider.WEAK_MATCH / 2;

    private static String firstLine(String t) {
        int eol = t.indexOf('\n');
        String line = eol < 0 ? t : t.substring(0, eol);
        return line.strip();
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
