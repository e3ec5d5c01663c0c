package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.plugin.eventlog.windows.WindowsEventLogProvider;
import dev.vpndiag.testing.ProviderRun;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * A BUILT EVTX record (the corpus has no IPsec events): a Security 4654 quick mode failure written
 * as the format stores it, a template with attribute and element substitutions (string, FILETIME,
 * unsigned integers) instantiated by two records that share it, read through the provider.
 */
class EvtxTemplateFactTest {
    private static final long FILETIME_2026_03_04 = 134_170_000_000_000_000L;

    @Test
    void templateInstancesBecomeIkeFacts() {
        EvtxDamageTest.Chunk c = new EvtxDamageTest.Chunk();
        int templateOffset = record(c, 41, 4654, "No policy configured", "203.0.113.2", -1);
        record(c, 42, 4624, "ignored", "203.0.113.3", templateOffset);
        ProviderRun run = ProviderRun.of(new WindowsEventLogProvider(),
                Evidence.bytes("Security.evtx", c.file()).withSide(Side.CLIENT));
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).hasSize(1);
        IkeSaEvent e = run.factsOf(IkeSaEvent.class).get(0);
        assertThat(e.ref().locator()).isEqualTo("record 41");
        assertThat(e.phase()).isEqualTo(Layer.IKE_QUICK_MODE);
        assertThat(e.outcome()).isEqualTo(IkeOutcome.FAILED);
        assertThat(e.reason()).isEqualTo(IkeFailureReason.POLICY_MISMATCH);
        assertThat(e.peerAddress()).isEqualTo("203.0.113.2");
        assertThat(e.time()).isEqualTo(Instant.parse("1601-01-01T00:00:00Z").plusSeconds(FILETIME_2026_03_04 / 10_000_000));
    }

    /** Writes one record; defines the template inline when templateOffset is -1. Returns the template offset. */
    private static int record(EvtxDamageTest.Chunk c, long id, int eventId, String reason, String peer, int templateOffset) {
        int rec = c.startRecord(id);
        c.u8(0x0f).u8(1).u8(1).u8(0);
        int start = c.pos;
        int def = templateOffset < 0 ? start + 10 : templateOffset;
        c.u8(0x0c).u8(1).u32(0).u32(def);
        if (templateOffset < 0) {
            c.u32(0).bytes(new byte[16]);
            int sizeAt = c.pos;
            c.u32(0);
            int body = c.pos;
            c.u8(0x0f).u8(1).u8(1).u8(0);
            open(c, "Event", false).u8(0x02);
            open(c, "System", false).u8(0x02);
            open(c, "Provider", true);
            attr(c, "Name").u8(0x0d).u16(0).u8(0x01);
            c.u8(0x03);
            open(c, "EventID", false).u8(0x02).u8(0x0d).u16(1).u8(0x06).u8(0x04);
            open(c, "TimeCreated", true);
            attr(c, "SystemTime").u8(0x0d).u16(2).u8(0x11);
            c.u8(0x03);
            c.u8(0x04); // </System>
            open(c, "EventData", false).u8(0x02);
            open(c, "Data", true);
            attr(c, "Name").u8(0x05).u8(0x01).u16(13).bytes("FailureReason".getBytes(StandardCharsets.UTF_16LE));
            c.u8(0x02).u8(0x0d).u16(3).u8(0x01).u8(0x04);
            open(c, "Data", true);
            attr(c, "Name").u8(0x05).u8(0x01).u16(13).bytes("RemoteAddress".getBytes(StandardCharsets.UTF_16LE));
            c.u8(0x02).u8(0x0e).u16(4).u8(0x01).u8(0x04);
            c.u8(0x04); // </EventData>
            c.u8(0x04); // </Event>
            c.u8(0x00);
            c.b.putInt(sizeAt, c.pos - body);
        }
        byte[] provider = "Microsoft-Windows-Security-Auditing".getBytes(StandardCharsets.UTF_16LE);
        byte[] why = reason.getBytes(StandardCharsets.UTF_16LE);
        byte[] address = peer.getBytes(StandardCharsets.UTF_16LE);
        c.u32(5);
        c.u16(provider.length).u8(0x01).u8(0);
        c.u16(2).u8(0x06).u8(0);
        c.u16(8).u8(0x11).u8(0);
        c.u16(why.length).u8(0x01).u8(0);
        c.u16(address.length).u8(0x01).u8(0);
        c.bytes(provider).u16(eventId);
        c.b.putLong(c.pos, FILETIME_2026_03_04);
        c.pos += 8;
        c.bytes(why).bytes(address);
        c.u8(0x00);
        c.endRecord(rec);
        return def;
    }

    /** An element start inside a template: token, dependency id, size, inline name. */
    private static EvtxDamageTest.Chunk open(EvtxDamageTest.Chunk c, String name, boolean attributes) {
        c.u8(attributes ? 0x41 : 0x01).u16(0xffff).u32(0);
        c.u32(c.pos + 4).name(name);
        if (attributes) {
            c.u32(0);
        }
        return c;
    }

    private static EvtxDamageTest.Chunk attr(EvtxDamageTest.Chunk c, String name) {
        c.u8(0x06);
        c.u32(c.pos + 4).name(name);
        return c;
    }
}
