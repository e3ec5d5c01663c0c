package dev.vpndiag.plugin.pcap.internal.isakmp;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Decodes SA payloads (proposals and transforms) into {@link IkeProposal} facts. */
final class ProposalDecoder {
    private static final int MAX_ITEMS = 64;

    private ProposalDecoder() {
    }

    /** Thrown for an SA payload whose inner lengths do not fit. */
    static final class BadSa extends Exception {
        private static final long serialVersionUID = 1L;

        BadSa(String message) {
            super(message, null, false, false);
        }
    }

    /** Decodes an IKEv1 SA payload body (after the generic header). */
    static List<IkeProposal> ikev1(Origin o, String locator, Instant time, boolean quick, boolean fromResponder,
                                   byte[] b, int off, int len) throws BadSa {
        List<IkeProposal> out = new ArrayList<>();
        if (len < 8) {
            throw new BadSa("SA payload shorter than DOI and situation");
        }
        int p = off + 8;
        int end = off + len;
        for (int n = 0; n < MAX_ITEMS && p + 8 <= end; n++) {
            int next = b[p] & 0xFF;
            int plen = Ip.u16(b, p + 2);
            if (plen < 8 || p + plen > end) {
                throw new BadSa("proposal length " + plen + " does not fit the SA payload");
            }
            int protocol = b[p + 5] & 0xFF;
            int spiSize = b[p + 6] & 0xFF;
            int t = p + 8 + spiSize;
            int pend = p + plen;
            for (int m = 0; m < MAX_ITEMS && t + 8 <= pend; m++) {
                int tnext = b[t] & 0xFF;
                int tlen = Ip.u16(b, t + 2);
                if (tlen < 8 || t + tlen > pend) {
                    throw new BadSa("transform length " + tlen + " does not fit its proposal");
                }
                out.add(ikev1Transform(o, locator, time, quick, fromResponder, protocol, b, t, tlen));
                t += tlen;
                if (tnext == 0) {
                    break;
                }
            }
            p += plen;
            if (next == 0) {
                break;
            }
        }
        return out;
    }

    private static IkeProposal ikev1Transform(Origin o, String locator, Instant time, boolean quick, boolean fromResponder,
                                              int protocol, byte[] b, int t, int tlen) throws BadSa {
        int transformId = b[t + 5] & 0xFF;
        String cipher = null;
        String hash = null;
        String group = null;
        AuthMethod auth = AuthMethod.UNKNOWN;
        String encap = null;
        Long life = null;
        int keyLength = 0;
        int lifeType = 1;
        boolean esp = protocol == 3;
        if (esp) {
            cipher = IkeNames.espCipher(transformId);
        }
        int a = t + 8;
        int end = t + tlen;
        for (int n = 0; n < MAX_ITEMS && a + 4 <= end; n++) {
            int type = Ip.u16(b, a);
            boolean basic = (type & 0x8000) != 0;
            type &= 0x7FFF;
            long value;
            int size;
            if (basic) {
                value = Ip.u16(b, a + 2);
                size = 4;
            } else {
                int vlen = Ip.u16(b, a + 2);
                if (a + 4 + vlen > end) {
                    throw new BadSa("attribute length " + vlen + " does not fit its transform");
                }
                value = 0;
                for (int i = 0; i < Math.min(vlen, 8); i++) {
                    value = value << 8 | (b[a + 4 + vlen - Math.min(vlen, 8) + i] & 0xFF);
                }
                size = 4 + vlen;
            }
            if (esp) {
                switch (type) {
                    case 1 -> lifeType = (int) value;
                    case 2 -> {
                        if (lifeType == 1) {
                            life = value;
                        }
                    }
                    case 3 -> group = IkeNames.group((int) value);
                    case 4 -> encap = IkeNames.encapsulation((int) value);
                    case 5 -> hash = IkeNames.ikev1EspAuth((int) value);
                    case 6 -> keyLength = (int) value;
                    default -> {
                    }
                }
            } else {
                switch (type) {
                    case 1 -> cipher = IkeNames.ikev1Cipher((int) value);
                    case 2 -> hash = IkeNames.ikev1Hash((int) value);
                    case 3 -> auth = IkeNames.ikev1Auth((int) value);
                    case 4 -> group = IkeNames.group((int) value);
                    case 11 -> lifeType = (int) value;
                    case 12 -> {
                        if (lifeType == 1) {
                            life = value;
                        }
                    }
                    case 14 -> keyLength = (int) value;
                    default -> {
                    }
                }
            }
            a += size;
        }
        if (cipher != null && keyLength > 0) {
            cipher = cipher + "-" + keyLength;
        }
        return new IkeProposal(o.ref(locator), o.side(), time, IkeVersion.IKEV1,
                quick ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE, fromResponder, cipher, hash, group,
                quick ? AuthMethod.UNKNOWN : auth, encap, life);
    }

    /** Decodes an IKEv2 SA payload body: one fact per proposal, alternatives joined by '/'. */
    static List<IkeProposal> ikev2(Origin o, String locator, Instant time, boolean fromResponder,
                                   byte[] b, int off, int len) throws BadSa {
        List<IkeProposal> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        for (int n = 0; n < MAX_ITEMS && p + 8 <= end; n++) {
            int more = b[p] & 0xFF;
            int plen = Ip.u16(b, p + 2);
            if (plen < 8 || p + plen > end) {
                throw new BadSa("proposal length " + plen + " does not fit the SA payload");
            }
            int protocol = b[p + 5] & 0xFF;
            int spiSize = b[p + 6] & 0xFF;
            Set<String> enc = new LinkedHashSet<>();
            Set<String> integ = new LinkedHashSet<>();
            Set<String> groups = new LinkedHashSet<>();
            int t = p + 8 + spiSize;
            int pend = p + plen;
            for (int m = 0; m < MAX_ITEMS && t + 8 <= pend; m++) {
                int tmore = b[t] & 0xFF;
                int tlen = Ip.u16(b, t + 2);
                if (tlen < 8 || t + tlen > pend) {
                    throw new BadSa("transform length " + tlen + " does not fit its proposal");
                }
                int type = b[t + 4] & 0xFF;
                int id = Ip.u16(b, t + 6);
                int keyLength = 0;
                if (tlen >= 12 && (Ip.u16(b, t + 8) & 0x7FFF) == 14) {
                    keyLength = Ip.u16(b, t + 10);
                }
                switch (type) {
                    case 1 -> enc.add(IkeNames.espCipher(id) + (keyLength > 0 ? "-" + keyLength : ""));
                    case 3 -> integ.add(IkeNames.ikev2Integrity(id));
                    case 4 -> groups.add(IkeNames.group(id));
                    default -> {
                    }
                }
                t += tlen;
                if (tmore == 0) {
                    break;
                }
            }
            out.add(new IkeProposal(o.ref(locator), o.side(), time, IkeVersion.IKEV2,
                    protocol == 1 ? Layer.IKE_MAIN_MODE : Layer.IKE_QUICK_MODE, fromResponder,
                    enc.isEmpty() ? null : String.join("/", enc), integ.isEmpty() ? null : String.join("/", integ),
                    groups.isEmpty() ? null : String.join("/", groups), AuthMethod.UNKNOWN, null, null));
            p += plen;
            if (more == 0) {
                break;
            }
        }
        return out;
    }
}
