package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.eventlog.windows.Corpus;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

/** Truncated, corrupted and hostile EVTX content: typed errors, earlier records kept, no hang. */
class EvtxDamageTest {
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    private static byte[] system() {
        return Corpus.bytes("evtx/omer__system.evtx");
    }

    @Test
    void truncatedFileHeaderIsATypedError() {
        Collect c = Collect.read(Arrays.copyOf(system(), 100));
        assertThat(c.failure).isInstanceOf(EvidenceFormatException.class);
        assertThat(((EvidenceFormatException) c.failure).locator()).isEqualTo("byte 0");
        assertThat(c.events).isEmpty();
    }

    @Test
    void fileCutInsideAChunkKeepsTheEarlierRecords() {
        byte[] whole = system();
        Collect full = Collect.read(whole);
        Collect cut = Collect.read(Arrays.copyOf(whole, HEADER + 3 * CHUNK + 1000));
        assertThat(cut.failure).isInstanceOf(EvidenceFormatException.class);
        assertThat(((EvidenceFormatException) cut.failure).locator()).startsWith("chunk 3 (byte " + (HEADER + 3 * CHUNK));
        assertThat(cut.events.size()).isGreaterThan(100).isLessThan(full.events.size());
        assertThat(cut.events.get(0).recordId()).isEqualTo(full.events.get(0).recordId());
    }

    @Test
    void badChunkSignatureIsReportedAndTheRestStillRead() {
        byte[] damaged = system();
        Collect full = Collect.read(damaged.clone());
        damaged[HEADER + CHUNK] = 'X';
        Collect c = Collect.read(damaged);
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("chunk 1 (byte " + (HEADER + CHUNK) + ")") && p.contains("signature"));
        assertThat(c.events.size()).isLessThan(full.events.size()).isGreaterThan(full.events.size() / 2);
    }

    @Test
    void aZeroedChunkTheHeaderCountsInUseIsReportedAsLostRecords() {
        byte[] damaged = system();
        Collect full = Collect.read(damaged.clone());
        int inUse = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).getShort(42);
        assertThat(inUse).isGreaterThan(1);
        Arrays.fill(damaged, HEADER + CHUNK, HEADER + 2 * CHUNK, (byte) 0);
        Collect c = Collect.read(damaged);
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("chunk 1 (byte " + (HEADER + CHUNK) + ")")
                && p.contains("zeroed") && p.contains("records it held are lost"));
        assertThat(c.events.size()).isLessThan(full.events.size());
    }

    @Test
    void zeroChunksPastTheOnesInUseArePreallocatedSpaceNotDamage() {
        byte[] whole = system();
        int inUse = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN).getShort(42);
        byte[] padded = Arrays.copyOf(whole, HEADER + (inUse + 2) * CHUNK);
        Collect c = Collect.read(padded);
        assertThat(c.problems).noneMatch(p -> p.contains("zeroed"));
    }

    @Test
    void corruptedRecordDataIsReportedWithItsChecksumAndRecord() {
        byte[] damaged = system();
        // lie about the first record's size: larger than the chunk
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(HEADER + 512 + 4, 0x7fff0000);
        Collect c = Collect.read(damaged);
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("chunk 0") && p.contains("checksum"));
        assertThat(c.problems).anyMatch(p -> p.startsWith("record 1 (chunk 0") && p.contains("bad record size"));
        assertThat(c.events).isNotEmpty();
        assertThat(c.events.get(0).recordId()).isGreaterThan(1);
    }

    @Test
    void lyingChunkCountInTheHeaderIsNotTrusted() {
        byte[] lying = system();
        int expected = Collect.read(lying.clone()).events.size();
        ByteBuffer.wrap(lying).order(ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 0xffff).putLong(16, 0x7fffffffL);
        Collect c = Collect.read(lying);
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("file header") && p.contains("checksum"));
        assertThat(c.events).hasSize(expected);
    }

    @Test
    void garbageAfterAValidHeaderIsSkippedChunkByChunk() {
        byte[] content = Arrays.copyOf(system(), HEADER + 2 * CHUNK);
        Arrays.fill(content, HEADER, content.length, (byte) 0x5a);
        Collect c = Collect.read(content);
        assertThat(c.failure).isNull();
        assertThat(c.events).isEmpty();
        assertThat(c.problems).filteredOn(p -> p.contains("bad chunk signature")).hasSize(2);
    }

    @Test
    void templateThatRefersToItselfIsRefused() {
        Chunk chunk = new Chunk();
        int rec = chunk.startRecord(7);
        chunk.u8(0x0f).u8(1).u8(1).u8(0);
        int tmpl = chunk.pos + 10;
        chunk.u8(0x0c).u8(1).u32(0).u32(tmpl);
        // inline template definition whose body instantiates the template itself
        chunk.u32(0).bytes(new byte[16]).u32(16);
        chunk.u8(0x0f).u8(1).u8(1).u8(0).u8(0x0c).u8(1).u32(0).u32(tmpl).u32(0).u8(0x00).u8(0).u8(0);
        chunk.u32(0);
        chunk.u8(0x00);
        chunk.endRecord(rec);
        Collect c = Collect.read(chunk.file());
        assertThat(c.failure).isNull();
        assertThat(c.events).isEmpty();
        assertThat(c.problems).anyMatch(p -> p.startsWith("record 7") && p.contains("refers to itself"));
    }

    @Test
    void deepNestingIsBounded() {
        Chunk chunk = new Chunk();
        int rec = chunk.startRecord(8);
        chunk.u8(0x0f).u8(1).u8(1).u8(0);
        int nameOff = -1;
        for (int i = 0; i < 200; i++) {
            chunk.u8(0x01).u32(1000);
            if (nameOff < 0) {
                nameOff = chunk.pos + 4;
                chunk.u32(nameOff).name("Event");
            } else {
                chunk.u32(nameOff);
            }
            chunk.u8(0x02);
        }
        for (int i = 0; i < 200; i++) {
            chunk.u8(0x04);
        }
        chunk.u8(0x00);
        chunk.endRecord(rec);
        Collect c = Collect.read(chunk.file());
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("record 8") && p.contains("deeper"));
    }

    @Test
    void hugeStringLengthIsCheckedAgainstTheRecord() {
        Chunk chunk = new Chunk();
        int rec = chunk.startRecord(9);
        chunk.u8(0x0f).u8(1).u8(1).u8(0);
        chunk.u8(0x01).u32(20);
        int nameOff = chunk.pos + 4;
        chunk.u32(nameOff).name("Event");
        chunk.u8(0x02).u8(0x05).u8(0x01).u16(0xffff).bytes(new byte[8]).u8(0x04).u8(0x00);
        chunk.endRecord(rec);
        Collect c = Collect.read(chunk.file());
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("record 9") && p.contains("needs 131070 bytes"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void valuesReusedByATemplateCannotMultiplyWithoutEnd() {
        // template T: <X>%0%%0%%0%</X> with substitution 0 of type Binary XML; each level's value is a
        // fragment instantiating T again, 40 levels deep: 3^40 expansions unless the work is bounded
        int levels = 40;
        Chunk chunk = new Chunk();
        int rec = chunk.startRecord(10);
        chunk.u8(0x0f).u8(1).u8(1).u8(0);
        int eventName = chunk.pos + 1 + 4 + 4;
        chunk.u8(0x01).u32(0).u32(eventName).name("Event").u8(0x02);
        int userDataName = chunk.pos + 1 + 4 + 4;
        chunk.u8(0x01).u32(0).u32(userDataName).name("UserData").u8(0x02);
        int template = -1;
        int[] sizeAt = new int[levels];
        int[] valueStart = new int[levels];
        for (int level = 0; level < levels; level++) {
            if (level > 0) {
                chunk.u8(0x0f).u8(1).u8(1).u8(0);
            }
            int start = chunk.pos;
            if (template < 0) {
                template = start + 10;
                chunk.u8(0x0c).u8(1).u32(0).u32(template);
                chunk.u32(0).bytes(new byte[16]);
                int tsize = chunk.pos;
                chunk.u32(0);
                int body = chunk.pos;
                chunk.u8(0x0f).u8(1).u8(1).u8(0);
                chunk.u8(0x01).u16(0xffff).u32(0);
                chunk.u32(chunk.pos + 4).name("X").u8(0x02);
                for (int i = 0; i < 3; i++) {
                    chunk.u8(0x0d).u16(0).u8(0x21);
                }
                chunk.u8(0x04).u8(0x00);
                chunk.b.putInt(tsize, chunk.pos - body);
            } else {
                chunk.u8(0x0c).u8(1).u32(0).u32(template);
            }
            chunk.u32(1);
            sizeAt[level] = chunk.pos;
            chunk.u16(0).u8(level == levels - 1 ? 0x00 : 0x21).u8(0);
            valueStart[level] = chunk.pos;
        }
        for (int level = levels - 1; level >= 0; level--) {
            if (level < levels - 1) {
                chunk.u8(0x00); // end of the fragment that is level's value
            }
            chunk.b.putShort(sizeAt[level], (short) (chunk.pos - valueStart[level]));
        }
        chunk.u8(0x04).u8(0x04).u8(0x00);
        chunk.endRecord(rec);
        Collect c = Collect.read(chunk.file());
        assertThat(c.failure).isNull();
        assertThat(c.problems).anyMatch(p -> p.startsWith("record 10") && p.contains("nodes"));
    }

    /** Builds one chunk by hand, with valid checksums, inside a file with a valid header. */
    static final class Chunk {
        final ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 512;

        Chunk u8(int v) {
            b.put(pos++, (byte) v);
            return this;
        }

        Chunk u16(int v) {
            b.putShort(pos, (short) v);
            pos += 2;
            return this;
        }

        Chunk u32(int v) {
            b.putInt(pos, v);
            pos += 4;
            return this;
        }

        Chunk bytes(byte[] v) {
            b.put(pos, v);
            pos += v.length;
            return this;
        }

        Chunk name(String s) {
            u32(0).u16(0).u16(s.length());
            bytes(s.getBytes(StandardCharsets.UTF_16LE));
            return u16(0);
        }

        int startRecord(long id) {
            int start = pos;
            u32(0x00002a2a).u32(0);
            b.putLong(pos, id);
            pos += 8;
            b.putLong(pos, 132_000_000_000_000_000L);
            pos += 8;
            return start;
        }

        void endRecord(int start) {
            int size = pos + 4 - start;
            u32(size);
            b.putInt(start + 4, size);
        }

        byte[] file() {
            byte[] c = b.array();
            System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.US_ASCII), 0, c, 0, 8);
            b.putInt(48, pos);
            CRC32 crc = new CRC32();
            crc.update(c, 512, pos - 512);
            b.putInt(52, (int) crc.getValue());
            crc.reset();
            crc.update(c, 0, 120);
            crc.update(c, 128, 384);
            b.putInt(124, (int) crc.getValue());
            byte[] header = new byte[HEADER];
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            h.put(0, "ElfFile\0".getBytes(StandardCharsets.US_ASCII));
            h.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3).putShort(40, (short) 4096).putShort(42, (short) 1);
            crc.reset();
            crc.update(header, 0, 120);
            h.putInt(124, (int) crc.getValue());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header);
            out.writeBytes(c);
            return out.toByteArray();
        }
    }
}
