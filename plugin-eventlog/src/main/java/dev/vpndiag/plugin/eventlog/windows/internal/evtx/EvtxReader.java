package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * Streams an EVTX file chunk by chunk (one reusable 64 KiB buffer), verifies the header and chunk
 * CRC32 checksums, and decodes each record's Binary XML. Damaged chunks and records are reported
 * and skipped; a truncated file ends with an {@link EvidenceFormatException} after the records
 * before the damage were delivered.
 */
public final class EvtxReader {
    /** The file signature. */
    public static final byte[] FILE_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_MAGIC = "ElfChnk\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BLOCK = 4096;
    private static final int CHUNK_SIZE = 65536;
    private static final int CHUNK_HEADER = 512;

    /** Decides from the event id and provider whether a record is worth materialising. */
    @FunctionalInterface
    public interface Filter {
        /** Every record. */
        Filter ALL = (id, provider) -> true;

        /** True when the record should be fully decoded and delivered. */
        boolean wants(int eventId, String provider);
    }

    /** Receives what the reader finds. */
    public interface Listener {
        /** A decoded event the filter wanted. */
        void event(WinEvent event);

        /** A damaged part that was skipped. */
        void problem(String locator, String message);

        /** True to stop reading early. */
        default boolean cancelled() {
            return false;
        }

        /** Bytes consumed so far. */
        default void progress(long bytes) {
        }
    }

    /** Counters of one read. */
    public static final class Stats {
        /** Chunks read, including skipped ones. */
        public long chunks;
        /** Chunks skipped as damaged. */
        public long badChunks;
        /** Records found. */
        public long records;
        /** Records fully decoded and delivered. */
        public long delivered;
        /** Records skipped as damaged. */
        public long badRecords;
    }

    private final String source;
    private final byte[] buf = new byte[CHUNK_SIZE];
    private final BinXmlParser parser = new BinXmlParser(buf, CHUNK_SIZE);
    private final EventExtractor extractor = new EventExtractor(buf, parser);
    private final CRC32 crc = new CRC32();

    /** @param source the evidence name used in errors */
    public EvtxReader(String source) {
        this.source = source;
    }

    /**
     * Reads the whole stream.
     *
     * @throws EvidenceFormatException when the file header is missing or the file is truncated
     */
    public Stats read(InputStream in, Filter filter, Listener listener) throws IOException {
        Stats stats = new Stats();
        int n = in.readNBytes(buf, 0, HEADER_BLOCK);
        if (n < 128 || !startsWith(buf, FILE_MAGIC)) {
            throw new EvidenceFormatException(source, EvidenceFormatException.atByte(0),
                    n < 128 ? "EVTX file header truncated (" + n + " bytes)" : "not an EVTX file (bad signature)");
        }
        crc.reset();
        crc.update(buf, 0, 120);
        if ((int) crc.getValue() != u32(124)) {
            listener.problem("file header", "file header checksum mismatch (file not closed cleanly?)");
        }
        // chunks in use by the file header; chunks past them are preallocated and zero by right
        int inUse = u16(42);
        long offset = n;
        if (n < HEADER_BLOCK) {
            throw new EvidenceFormatException(source, EvidenceFormatException.atByte(n), "file truncated inside the header block");
        }
        long chunkNo = 0;
        while (!listener.cancelled()) {
            int got = in.readNBytes(buf, 0, CHUNK_SIZE);
            if (got == 0) {
                break;
            }
            stats.chunks++;
            String where = "chunk " + chunkNo + " (byte " + offset + ")";
            if (got < CHUNK_SIZE) {
                java.util.Arrays.fill(buf, got, CHUNK_SIZE, (byte) 0); // no stale bytes of the previous chunk
                if (got >= CHUNK_HEADER && startsWith(buf, CHUNK_MAGIC)) {
                    readRecords(chunkNo, offset, got, filter, listener, stats, false);
                }
                throw new EvidenceFormatException(source, where, "file truncated: chunk has " + got + " of " + CHUNK_SIZE + " bytes");
            }
            readChunk(chunkNo, offset, chunkNo < inUse, filter, listener, stats);
            offset += got;
            chunkNo++;
            listener.progress(offset);
        }
        return stats;
    }

    private void readChunk(long chunkNo, long offset, boolean inUse, Filter filter, Listener listener, Stats stats) {
        String where = "chunk " + chunkNo + " (byte " + offset + ")";
        if (!startsWith(buf, CHUNK_MAGIC)) {
            if (!allZero()) {
                stats.badChunks++;
                listener.problem(where, "bad chunk signature; chunk skipped, the records it held are lost");
            } else if (inUse) {
                stats.badChunks++;
                listener.problem(where, "chunk zeroed although the file header counts it in use; the records it held are lost");
            }
            return;
        }
        crc.reset();
        crc.update(buf, 0, 120);
        crc.update(buf, 128, CHUNK_HEADER - 128);
        boolean headerOk = (int) crc.getValue() == u32(124);
        int free = u32(48);
        boolean dataOk = false;
        if (free >= CHUNK_HEADER && free <= CHUNK_SIZE) {
            crc.reset();
            crc.update(buf, CHUNK_HEADER, free - CHUNK_HEADER);
            dataOk = (int) crc.getValue() == u32(52);
        }
        if (!headerOk || !dataOk) {
            listener.problem(where, (headerOk ? "" : "chunk header checksum mismatch; ")
                    + (dataOk ? "" : "record data checksum mismatch; ")
                    + "records decoded with structural checks only");
        }
        readRecords(chunkNo, offset, CHUNK_SIZE, filter, listener, stats, true);
    }

    private void readRecords(long chunkNo, long chunkOffset, int limit, Filter filter, Listener listener,
                             Stats stats, boolean useFreeOffset) {
        parser.reset();
        int free = u32(48);
        int end = useFreeOffset && free >= CHUNK_HEADER && free <= limit ? free : limit;
        int off = CHUNK_HEADER;
        while (off + 24 <= end) {
            if (u32(off) != 0x00002a2a) {
                if (!useFreeOffset || off < free) {
                    if (!zeroFrom(off, end)) {
                        listener.problem("chunk " + chunkNo + " (byte " + (chunkOffset + off) + ")",
                                "bad record signature; rest of chunk skipped");
                    }
                }
                return;
            }
            int size = u32(off + 4);
            long recordId = u64(off + 8);
            if (size < 28 || size > end - off || u32(off + size - 4) != size) {
                stats.badRecords++;
                listener.problem("record " + recordId + " (chunk " + chunkNo + ", byte " + (chunkOffset + off) + ")",
                        "bad record size " + Integer.toUnsignedString(size) + "; rest of chunk skipped");
                return;
            }
            stats.records++;
            Instant written = ValueFormat.fileTime(u64(off + 16));
            try {
                Object[] top = parser.parseFragment(off + 24, off + size - 4, 0);
                WinEvent e = extractor.extract(top, recordId, written, filter);
                if (e != null) {
                    stats.delivered++;
                    listener.event(e);
                }
            } catch (BinXmlException ex) {
                stats.badRecords++;
                listener.problem("record " + recordId + " (chunk " + chunkNo + ", byte " + (chunkOffset + off) + ")",
                        "damaged Binary XML: " + ex.getMessage());
            } catch (RuntimeException ex) {
                stats.badRecords++;
                listener.problem("record " + recordId + " (chunk " + chunkNo + ", byte " + (chunkOffset + off) + ")",
                        "internal decoder error: " + ex);
            }
            off += size;
            if ((stats.records & 63) == 0 && listener.cancelled()) {
                return;
            }
        }
    }

    private boolean allZero() {
        return zeroFrom(0, CHUNK_SIZE);
    }

    private boolean zeroFrom(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private int u16(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    private int u32(int at) {
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }

    private long u64(int at) {
        return (u32(at) & 0xFFFFFFFFL) | ((long) u32(at + 4)) << 32;
    }
}
