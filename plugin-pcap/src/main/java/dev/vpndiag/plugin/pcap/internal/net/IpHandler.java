package dev.vpndiag.plugin.pcap.internal.net;

/** Receives what the network layer decoded. */
public interface IpHandler {
    /**
     * A whole IP datagram's transport payload (reassembled when it was fragmented).
     *
     * @param p   addresses and protocol; {@code p.frame} is the frame that completed it
     * @param b   bytes
     * @param off first transport byte
     * @param len transport bytes present
     */
    void transport(Packet p, byte[] b, int off, int len);

    /**
     * A PPP control frame carried directly by the link (PPPoE, PPP link types).
     *
     * @param p        frame context (no addresses)
     * @param linkKey  distinguishes PPP links in one capture
     * @param protocol PPP protocol number
     * @param b        bytes
     * @param off      first byte after the protocol field
     * @param len      bytes present
     */
    void ppp(Packet p, long linkKey, int protocol, byte[] b, int off, int len);

    /**
     * A fragmented datagram that never completed; its first fragment was seen.
     *
     * @param p      addresses and protocol, the frame of the first fragment
     * @param frames the frames that held its fragments
     * @param b      bytes of the first fragment's transport part
     * @param off    first byte
     * @param len    bytes present
     */
    void incomplete(Packet p, String frames, byte[] b, int off, int len);

    /** A packet the network layer could not decode although it was not cut short. */
    void malformed(long frame, String message);
}
