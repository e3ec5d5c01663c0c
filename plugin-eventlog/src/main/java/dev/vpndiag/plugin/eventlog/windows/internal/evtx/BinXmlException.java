package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

/** Damaged Binary XML: a bad token, a length past the end, a loop or too deep nesting. */
final class BinXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    BinXmlException(int offset, String message) {
        super(message + " at chunk offset " + offset);
    }
}
