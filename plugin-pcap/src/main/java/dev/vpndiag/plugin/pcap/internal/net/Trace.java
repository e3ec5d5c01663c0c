package dev.vpndiag.plugin.pcap.internal.net;

/**
 * Per-frame record of what the decoders recognised, for comparison with a reference dissector.
 * The default implementation records nothing.
 */
public interface Trace {
    /** Records nothing. */
    Trace NONE = new Trace() {
        @Override
        public boolean active() {
            return false;
        }
    };

    /** False when nothing is recorded, so callers can skip building the text arguments. */
    default boolean active() {
        return true;
    }

    /** IP addresses of the outer packet. */
    default void ip(long frame, String src, String dst) {
    }

    /** UDP ports of the outer packet. */
    default void udp(long frame, int srcPort, int dstPort) {
    }

    /** An ISAKMP header. */
    default void isakmp(long frame, int exchange, String ispi, String rspi, long messageId) {
    }

    /** An unencrypted notify payload. */
    default void notify(long frame, int type) {
    }

    /**
     * An ISAKMP vendor id payload.
     *
     * @param hex  its bytes in hex
     * @param kind what it was recognised as (NAT_TRAVERSAL, MICROSOFT, OTHER, UNKNOWN)
     * @param name its name
     */
    default void vendorId(long frame, String hex, String kind, String name) {
    }

    /** An ESP header. */
    default void esp(long frame, long spi, long sequence) {
    }

    /** An L2TP control message type. */
    default void l2tp(long frame, int messageType) {
    }

    /** A PPP frame's protocol and, for control protocols, its code. */
    default void ppp(long frame, int protocol, int code) {
    }

    /** An ICMP message. */
    default void icmp(long frame, int type, int code) {
    }
}
