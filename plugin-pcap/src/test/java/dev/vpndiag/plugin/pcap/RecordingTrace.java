package dev.vpndiag.plugin.pcap;

import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Collects what the decoders recognised per frame, in tshark's field formats. */
final class RecordingTrace implements Trace {
    /** Decoded fields of one frame, keyed by tshark field name. */
    static final class FrameFields {
        final Map<String, List<String>> fields = new TreeMap<>();

        void add(String field, String value) {
            fields.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }
    }

    final Map<Long, FrameFields> frames = new TreeMap<>();

    private FrameFields at(long frame) {
        return frames.computeIfAbsent(frame, k -> new FrameFields());
    }

    @Override
    public void ip(long frame, String src, String dst) {
        at(frame).add("src", src);
        at(frame).add("dst", dst);
    }

    @Override
    public void udp(long frame, int srcPort, int dstPort) {
        at(frame).add("udp.srcport", Integer.toString(srcPort));
        at(frame).add("udp.dstport", Integer.toString(dstPort));
    }

    @Override
    public void isakmp(long frame, int exchange, String ispi, String rspi, long messageId) {
        at(frame).add("isakmp.exchangetype", Integer.toString(exchange));
        at(frame).add("isakmp.ispi", ispi);
        at(frame).add("isakmp.rspi", rspi);
        at(frame).add("isakmp.messageid", String.format("0x%08x", messageId));
    }

    @Override
    public void notify(long frame, int type) {
        at(frame).add("isakmp.notify.msgtype", Integer.toString(type));
    }

    @Override
    public void esp(long frame, long spi, long sequence) {
        at(frame).add("esp.spi", String.format("0x%08x", spi));
        at(frame).add("esp.sequence", Long.toString(sequence));
    }

    @Override
    public void l2tp(long frame, int messageType) {
        at(frame).add("l2tp.avp.message_type", Integer.toString(messageType));
    }

    @Override
    public void ppp(long frame, int protocol, int code) {
        at(frame).add("ppp.protocol", String.format("0x%04x", protocol));
        if (code >= 0) {
            String field = switch (protocol) {
                case 0xC023 -> "pap.code";
                case 0xC223 -> "chap.code";
                case 0xC227 -> "eap.code";
                default -> "ppp.code";
            };
            at(frame).add(field, Integer.toString(code));
        }
    }

    @Override
    public void icmp(long frame, int type, int code) {
        at(frame).add("icmp.type", Integer.toString(type));
        at(frame).add("icmp.code", Integer.toString(code));
    }
}
