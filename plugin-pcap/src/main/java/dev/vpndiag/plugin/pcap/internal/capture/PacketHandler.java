package dev.vpndiag.plugin.pcap.internal.capture;

/** Receives the packets of a capture, in file order. */
public interface PacketHandler {
    /**
     * One packet record. The bytes are only valid during the call.
     *
     * @param frame     1-based frame number, as Wireshark counts
     * @param timeNanos capture time in nanoseconds since the epoch
     * @param linkType  the link-layer header type (LINKTYPE_ value)
     * @param data      array holding the captured bytes
     * @param off       first captured byte
     * @param capLen    captured length
     * @param origLen   length on the wire
     */
    void packet(long frame, long timeNanos, int linkType, byte[] data, int off, int capLen, int origLen);

    /** Called every few thousand packets; returns true to stop reading. */
    default boolean checkpoint(long bytesDone) {
        return false;
    }
}
