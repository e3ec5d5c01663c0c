package dev.vpndiag.plugin.pcap.internal.ppp;

import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows PPP links (RFC 1661): LCP, PAP, CHAP with MS-CHAP/MS-CHAPv2 (failure E= code), EAP,
 * CCP with the MPPE option bits (RFC 3078) and IPCP, to one {@link PppNegotiation} per stage seen.
 */
public final class PppTracker {
    /** Links kept; further ones are not followed. */
    static final int MAX_LINKS = 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("E=(\\d{1,9})");

    private static final class Ncp {
        final int[] requests = new int[2];
        final int[] acks = new int[2];
        int naks;
        int rejects;
        int terminates;
        boolean protocolRejected;
        long offeredBits = -1;
        long ackedBits = -1;
        long nakedBits = -1;
        long firstTime = Long.MIN_VALUE;
        final FrameList frames = new FrameList();

        boolean seen() {
            return frames.count() > 0;
        }
    }

    private static final class Auth {
        String protocol;
        int requests;
        int replies;
        boolean success;
        boolean failure;
        Integer errorCode;
        String message;
        long firstTime = Long.MIN_VALUE;
        final FrameList frames = new FrameList();
    }

    private static final class Link {
        boolean v6;
        long firstHi;
        long firstLo;
        final Ncp lcp = new Ncp();
        final Ncp ccp = new Ncp();
        final Ncp ipcp = new Ncp();
        final Auth auth = new Auth();
        String lcpAuth;
    }

    private final Origin origin;
    private final Trace trace;
    private final Map<Long, Link> links = new LinkedHashMap<>();
    private boolean capReported;

    /**
     * @param origin where facts go
     * @param trace  per-frame observations
     */
    public PppTracker(Origin origin, Trace trace) {
        this.origin = origin;
        this.trace = trace;
    }

    /** One PPP frame after its protocol field. */
    public void frame(Packet p, long linkKey, int protocol, byte[] b, int off, int len) {
        boolean control = protocol == 0xC021 || protocol == 0x8021 || protocol == 0x80FD || protocol == 0xC023
                || protocol == 0xC223 || protocol == 0xC227;
        if (!control) {
            if (p.depth == 0) {
                trace.ppp(p.frame, protocol, -1);
            }
            return;
        }
        if (len < 4) {
            return;
        }
        int code = b[off] & 0xFF;
        if (p.depth == 0) {
            trace.ppp(p.frame, protocol, code);
        }
        int length = Ip.u16(b, off + 2);
        int end = off + Math.min(len, Math.max(4, length));
        Link link = links.get(linkKey);
        if (link == null) {
            if (links.size() >= MAX_LINKS) {
                if (!capReported) {
                    capReported = true;
                    origin.sink().problem("frame " + p.frame, "more than " + MAX_LINKS + " PPP links; further ones are not followed");
                }
                return;
            }
            link = new Link();
            link.v6 = p.v6;
            link.firstHi = p.srcHi;
            link.firstLo = p.srcLo;
            links.put(linkKey, link);
        }
        int dir = p.v6 == link.v6 && p.srcHi == link.firstHi && p.srcLo == link.firstLo ? 0 : 1;
        switch (protocol) {
            case 0xC021 -> lcp(p, link, dir, code, b, off, end);
            case 0x8021 -> ncp(p, link.ipcp, dir, code, b, off, end, false);
            case 0x80FD -> ncp(p, link.ccp, dir, code, b, off, end, true);
            default -> auth(p, link, protocol, code, b, off, end);
        }
    }

    private void lcp(Packet p, Link link, int dir, int code, byte[] b, int off, int end) {
        if (code == 8 && end - off >= 6) {
            int rejected = Ip.u16(b, off + 4);
            Ncp target = rejected == 0x80FD ? link.ccp : rejected == 0x8021 ? link.ipcp : null;
            if (target != null) {
                target.protocolRejected = true;
                note(p, target);
            }
        }
        if ((code == 1 || code == 2) && end - off > 4) {
            for (int o = off + 4; o + 2 <= end; ) {
                int type = b[o] & 0xFF;
                int olen = b[o + 1] & 0xFF;
                if (olen < 2 || o + olen > end) {
                    break;
                }
                if (type == 3 && olen >= 4) {
                    int ap = Ip.u16(b, o + 2);
                    String name = switch (ap) {
                        case 0xC023 -> "PAP";
                        case 0xC227 -> "EAP";
                        case 0xC223 -> olen >= 5 ? switch (b[o + 4] & 0xFF) {
                            case 5 -> "CHAP-MD5";
                            case 0x80 -> "MS-CHAP";
                            case 0x81 -> "MS-CHAPv2";
                            default -> "CHAP";
                        } : "CHAP";
                        default -> String.format("0x%04x", ap);
                    };
                    if (code == 2 || link.lcpAuth == null) {
                        link.lcpAuth = name;
                    }
                }
                o += olen;
            }
        }
        ncp(p, link.lcp, dir, code, b, off, end, false);
    }

    private void ncp(Packet p, Ncp n, int dir, int code, byte[] b, int off, int end, boolean mppe) {
        note(p, n);
        switch (code) {
            case 1 -> n.requests[dir]++;
            case 2 -> n.acks[dir]++;
            case 3 -> n.naks++;
            case 4 -> n.rejects++;
            case 5 -> n.terminates++;
            default -> {
            }
        }
        if (mppe && code >= 1 && code <= 3) {
            for (int o = off + 4; o + 2 <= end; ) {
                int type = b[o] & 0xFF;
                int olen = b[o + 1] & 0xFF;
                if (olen < 2 || o + olen > end) {
                    break;
                }
                if (type == 18 && olen == 6) {
                    long bits = Ip.u32(b, o + 2);
                    if (code == 1) {
                        n.offeredBits = bits;
                    } else if (code == 2) {
                        n.ackedBits = bits;
                    } else {
                        n.nakedBits = bits;
                    }
                }
                o += olen;
            }
        }
    }

    private static void note(Packet p, Ncp n) {
        n.frames.add(p.frame);
        if (n.firstTime == Long.MIN_VALUE) {
            n.firstTime = p.timeNanos;
        }
    }

    private void auth(Packet p, Link link, int protocol, int code, byte[] b, int off, int end) {
        Auth a = link.auth;
        a.frames.add(p.frame);
        if (a.firstTime == Long.MIN_VALUE) {
            a.firstTime = p.timeNanos;
        }
        if (a.protocol == null) {
            a.protocol = protocol == 0xC023 ? "PAP" : protocol == 0xC227 ? "EAP"
                    : link.lcpAuth != null && link.lcpAuth.contains("CHAP") ? link.lcpAuth : "CHAP";
        }
        switch (protocol) {
            case 0xC023 -> {
                if (code == 1) {
                    a.requests++;
                } else if (code == 2 || code == 3) {
                    a.replies++;
                    a.success |= code == 2;
                    a.failure |= code == 3;
                    a.message = message(b, off + 5, end, end - off >= 5 ? b[off + 4] & 0xFF : 0);
                }
            }
            case 0xC223 -> {
                if (code == 1 || code == 2) {
                    if (code == 1) {
                        a.requests++;
                    } else {
                        a.replies++;
                    }
                } else if (code == 3 || code == 4) {
                    a.replies++;
                    a.success |= code == 3;
                    a.failure |= code == 4;
                    a.message = message(b, off + 4, end, end - off - 4);
                    if (code == 4 && a.message != null) {
                        Matcher m = ERROR_CODE.matcher(a.message);
                        if (m.find()) {
                            a.errorCode = Integer.valueOf(m.group(1));
                        }
                    }
                }
            }
            default -> {
                if (code == 1) {
                    a.requests++;
                } else {
                    a.replies++;
                    a.success |= code == 3;
                    a.failure |= code == 4;
                }
            }
        }
    }

    private static String message(byte[] b, int from, int end, int len) {
        int n = Math.min(Math.min(len, end - from), 120);
        return n > 0 ? new String(b, from, n, StandardCharsets.ISO_8859_1).trim() : null;
    }

    /** Emits the outcome of every stage seen on every link. */
    public void finish() {
        for (Link link : links.values()) {
            if (link.lcp.seen()) {
                emitNcp(PppStage.LCP, link.lcp, link.lcpAuth == null ? null : "auth " + link.lcpAuth);
            }
            Auth a = link.auth;
            if (a.frames.count() > 0) {
                PppOutcome outcome = a.failure ? PppOutcome.FAILED : a.success ? PppOutcome.SUCCEEDED
                        : a.replies == 0 ? PppOutcome.TIMED_OUT : PppOutcome.FAILED;
                origin.emit(new PppNegotiation(origin.ref(a.frames.locator()), origin.side(), Origin.instant(a.firstTime),
                        PppStage.AUTH, outcome, a.protocol, a.errorCode, a.message));
            }
            if (link.ccp.seen()) {
                emitNcp(PppStage.CCP, link.ccp, mppeDetail(link.ccp));
            }
            if (link.ipcp.seen()) {
                emitNcp(PppStage.IPCP, link.ipcp, null);
            }
        }
        links.clear();
    }

    private void emitNcp(PppStage stage, Ncp n, String detail) {
        PppOutcome outcome;
        if (n.acks[0] > 0 && n.acks[1] > 0) {
            outcome = PppOutcome.OPENED;
        } else if (n.rejects > 0 || n.protocolRejected) {
            outcome = PppOutcome.REJECTED;
        } else if (n.naks > 0) {
            outcome = PppOutcome.NAKED;
        } else if (n.terminates > 0) {
            outcome = PppOutcome.TERMINATED;
        } else if (n.acks[0] + n.acks[1] == 0) {
            outcome = PppOutcome.TIMED_OUT;
        } else {
            outcome = n.requests[0] > 0 && n.requests[1] > 0 ? PppOutcome.TIMED_OUT : PppOutcome.OPENED;
        }
        origin.emit(new PppNegotiation(origin.ref(n.frames.locator()), origin.side(), Origin.instant(n.firstTime),
                stage, outcome, stage == PppStage.CCP && n.offeredBits >= 0 ? "MPPE" : null, null, detail));
    }

    private static String mppeDetail(Ncp n) {
        if (n.offeredBits < 0 && n.ackedBits < 0 && n.nakedBits < 0) {
            return n.protocolRejected ? "CCP protocol rejected" : null;
        }
        StringBuilder sb = new StringBuilder();
        if (n.offeredBits >= 0) {
            sb.append("MPPE offered ").append(mppe(n.offeredBits));
        }
        if (n.nakedBits >= 0) {
            sb.append(sb.length() > 0 ? "; " : "").append("naked to ").append(mppe(n.nakedBits));
        }
        if (n.ackedBits >= 0) {
            sb.append(sb.length() > 0 ? "; " : "").append("accepted ").append(mppe(n.ackedBits));
        }
        return sb.toString();
    }

    /** MPPE supported bits (RFC 3078): H stateless, S 128-bit, M 56-bit, L 40-bit, C MPPC. */
    static String mppe(long bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & 0x40) != 0) {
            sb.append("128-bit ");
        }
        if ((bits & 0x80) != 0) {
            sb.append("56-bit ");
        }
        if ((bits & 0x20) != 0) {
            sb.append("40-bit ");
        }
        if ((bits & 0x01000000L) != 0) {
            sb.append("stateless ");
        }
        if ((bits & 0x01) != 0) {
            sb.append("MPPC ");
        }
        if (sb.length() == 0) {
            sb.append("none ");
        }
        return sb.append(String.format("(0x%08x)", bits)).toString();
    }
}
