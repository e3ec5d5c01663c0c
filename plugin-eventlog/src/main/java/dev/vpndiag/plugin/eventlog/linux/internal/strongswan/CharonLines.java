package dev.vpndiag.plugin.eventlog.linux.internal.strongswan;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.plugin.eventlog.linux.internal.text.AsciiBytes;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Envelope;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * charon's log messages, with or without the {@code NN[GRP] <name|id>} prefix (file log, syslog,
 * journal, {@code ipsec up} output). Negotiations are kept apart by the IKE SA's unique id, or by
 * its {@code name[id]} when the log carries no SA prefix. Messages are picked by their first
 * words before any regular expression runs.
 */
public final class CharonLines implements LineHandler {
    private static final int MAX_SAS = 4096;

    private static final Pattern INITIATING = Pattern.compile(
            "^initiating (Main Mode |Aggressive Mode )?IKE_SA (\\S+)\\[(\\d+)\\] to (\\S+)");
    private static final Pattern RESPONDING = Pattern.compile(
            "^(\\S+) is initiating an? (Main Mode |Aggressive Mode )?IKE_SA");
    private static final Pattern IKE_ESTABLISHED = Pattern.compile(
            "^IKE_SA (\\S+)\\[(\\d+)\\] established between ([^\\[\\s]+)\\[.*?\\]\\.\\.\\.([^\\[\\s]+)\\[");
    private static final Pattern IKE_STATE = Pattern.compile(
            "^IKE_SA (\\S+)\\[(\\d+)\\] state change: (\\w+) => (\\w+)");
    private static final Pattern CHILD_ESTABLISHED = Pattern.compile(
            "^CHILD_SA (\\S+)\\{(\\d+)\\} established with SPIs ([0-9a-fA-F]+)_i(?: \\([^)]*\\))? ([0-9a-fA-F]+)_o");
    private static final Pattern RETRANSMIT = Pattern.compile(
            "retransmit (\\d+) of request (?:with )?message ID (\\d+)");
    /** "received X notify error" (IKEv2), "received X error notify" (IKEv1); a pasted line wrapped after "notify" too. */
    private static final Pattern NOTIFY = Pattern.compile(
            "^received (\\w+) (error notify|notify error|notify, no CHILD_SA built|notify$)");
    private static final Pattern PACKET = Pattern.compile(
            "^(sending|received) packet: from ([^\\[\\s]+)\\[\\d+\\] to ([^\\[\\s]+)\\[\\d+\\]");
    private static final Pattern SPI = Pattern.compile("SPI (?:0x)?([0-9a-fA-F]{8})");
    private static final Pattern PEER_TAG_NAME = Pattern.compile("(\\S+)\\[(\\d+)\\]");

    private final FactOut out;
    private final Map<String, Sa> sas = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sa> eldest) {
            if (size() > MAX_SAS) {
                live.remove(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    /** Named SAs seen and not yet deleted, destroyed or given up. */
    private final Set<Sa> live = new LinkedHashSet<>();
    /** SAs whose responder asked for another DH group, to be judged at the end of the log. */
    private final Set<Sa> dhRequests = new LinkedHashSet<>();
    /** The line of the latest negotiation start, to tell whether a peer came back after a DH group request. */
    private long lastNegotiationStart = -1;
    private Sa current;
    /** The {@code <...>} tag text of the last tagged line and its SA, to skip its further lines undecoded. */
    private byte[] lastTag;
    private Sa lastTagSa;
    private AuthMethod configuredAuth = AuthMethod.UNKNOWN;

    /** Emits into {@code out}. */
    public CharonLines(FactOut out) {
        this.out = out;
    }

    /** Negotiation state of one IKE SA. */
    private static final class Sa {
        String name;
        IkeVersion version;
        Boolean initiator;
        String local;
        String peer;
        AuthMethod auth;
        boolean ikeEstablished;
        boolean mmFailed;
        boolean qmFailed;
        boolean qmStarted;
        long lastRetransmitId = -1;
        boolean localNat;
        boolean remoteNat;
        boolean childSeen;
        boolean peerDeleted;
        int answersRepeated;
        int phaseOneAnswers;
        boolean eapFailed;
        /** The phase of the proposals last listed: IKE proposals are phase 1, ESP and AH ones phase 2. */
        Layer proposalPhase;
        /** A peer certificate's chain reached a trusted CA ("using trusted ca certificate", "reached self-signed root ca"). */
        boolean trustedChain;
        /** The responder's "DH group X inacceptable, requesting Y" line, while the peer has not come back. */
        LogLine dhRequest;
        String dhRequestText;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        int p = 0;
        String group = null;
        if (Envelope.charonThread(m, 0)) {
            int b = m.indexOf('[');
            group = m.substring(b + 1, b + 4);
            p = b + 5;
        }
        while (p < m.length() && m.charAt(p) == ' ') {
            p++;
        }
        String tagName = l.saName;
        String tagId = l.saId;
        lastTag = null;
        lastTagSa = null;
        if (p < m.length() && m.charAt(p) == '<') {
            int close = m.indexOf('>', p);
            if (close < 0) {
                return false;
            }
            String tag = m.substring(p + 1, close);
            lastTag = ascii(tag);
            int bar = tag.indexOf('|');
            if (bar >= 0) {
                tagName = tag.substring(0, bar);
                tagId = tag.substring(bar + 1);
            } else {
                tagId = tag;
            }
            p = close + 1;
            while (p < m.length() && m.charAt(p) == ' ') {
                p++;
            }
        }
        String msg = p == 0 ? m : m.substring(p);
        if (msg.isEmpty()) {
            lastTagSa = null;
            return true;
        }
        Sa sa = tagId == null ? null : sa(tagId, tagName);
        lastTagSa = lastTag != null ? sa : null;
        handle(l, group, sa, msg);
        return true;
    }

    /**
     * What a failed constraint of the chosen peer config says: an identity or a certificate the peer
     * must present is a name mismatch, an authentication class or EAP method a method mismatch, a CA
     * the peer must be authenticated by an untrusted chain.
     */
    private static IkeFailureReason constraintReason(String msg) {
        if (msg.contains("identity '") || msg.contains("peer not authenticated with peer cert")) {
            return IkeFailureReason.ID_MISMATCH;
        }
        if (msg.contains("authentication class") || msg.contains("EAP method")) {
            return IkeFailureReason.AUTH_METHOD_MISMATCH;
        }
        if (msg.contains("not authenticated by CA") || msg.contains("revoked") || msg.contains("validation")) {
            return IkeFailureReason.CERT_UNTRUSTED;
        }
        return IkeFailureReason.OTHER;
    }

    /** Outcome messages only charon prints, recognisable without any envelope. */
    private static final String[] BARE = {"received unsupported IKE version", "DH group ", "failed to establish CHILD_SA",
        "no IKE config found", "no shared key found", "no peer config found", "no matching peer config found",
        "establishing IKE_SA failed", "giving up after ", "constraint check failed", "no trusted RSA public key found",
        "no trusted ECDSA public key found", "no private key found", "selected proposal: ", "received proposals: ",
        "configured proposals: ", "sending retransmit ", "authentication of '", "no matching CHILD_SA config found",
        "received end entity cert ", "received proposals unacceptable", "peer requested EAP, config",
        "selected peer config "};

    /**
     * Whether a line without envelope reads as charon's own words, as {@code ipsec up} and
     * {@code swanctl --initiate} print them or a user quotes them.
     */
    public static boolean looksLikeCharon(String m) {
        for (String b : BARE) {
            if (m.startsWith(b)) {
                return true;
            }
        }
        return m.startsWith("received ") && NOTIFY.matcher(m).find();
    }

    // ---- deciding on undecoded lines; mirrors line() and handle()

    /** Per first byte, the messages handle() always acts on. */
    private static final byte[][][] WANTED = byFirstByte("initiating ", "invalid HASH_V1 payload",
            "invalid ID_V1 payload", "IDir ", "IDr ", "IDi ",
            "sending retransmit", "selected proposal: ", "retransmit", "received proposals: ",
            "remote host is behind NAT", "giving up after", "establishing IKE_SA failed, peer not responding",
            "deleting IKE_SA ", "no ", "leftauth=", "local host is behind NAT", "authby=", "tried ",
            "Aggressive Mode PSK disabled", "configured proposals: ", "constraint check failed",
            "certificate was revoked", "found ", "failed to establish CHILD_SA", "unable to install ", "deleting half open IKE_SA", "destroying IKE_SA in state CONNECTING",
            "could not decrypt payloads", "EAP method ", "RADIUS authentication of ", "DH group ",
            "received unsupported IKE version", "received proposals unacceptable", "peer requested EAP",
            "using trusted ca certificate", "using trusted certificate", "reached self-signed root ca",
            "unable to bind socket: ", "selected peer config ");
    private static final Pattern UNSUPPORTED_FROM = Pattern.compile(" from (\\S+?),? ");
    private static final byte[] ICV = AsciiBytes.of("ICV");
    private static final byte[] ESP = AsciiBytes.of("ESP ");
    private static final byte[] VERIFICATION_FAILED = AsciiBytes.of("verification failed");
    private static final byte[] DECRYPTION_FAILED = AsciiBytes.of("decryption failed");
    private static final byte[] FAILED_TO_DECRYPT = AsciiBytes.of("failed to decrypt ESP");
    private static final byte[] NOT_INSTALLED = AsciiBytes.of("does not belong to an installed SA");
    private static final byte[] IKE_SA = AsciiBytes.of("IKE_SA ");
    private static final byte[] ESTABLISHED_BETWEEN = AsciiBytes.of(" established between ");
    private static final byte[] TO_ESTABLISHED = AsciiBytes.of("=> ESTABLISHED");
    private static final byte[] TO_DESTROYING = AsciiBytes.of("=> DESTROYING");
    private static final byte[] CHILD_SA = AsciiBytes.of("CHILD_SA ");
    private static final byte[] CHILD_ESTABLISHED_WITH = AsciiBytes.of(" established with SPIs ");
    private static final byte[] SENDING_PACKET = AsciiBytes.of("sending packet");
    private static final byte[] RECEIVED_PACKET = AsciiBytes.of("received packet");
    private static final byte[] RECEIVED = AsciiBytes.of("received ");
    private static final byte[] NOTIFY_WORD = AsciiBytes.of("notify");
    private static final byte[] SENDING_CERT = AsciiBytes.of("sending end entity cert");
    private static final byte[] RECEIVED_CERT = AsciiBytes.of("received end entity cert");
    private static final byte[] GENERATING = AsciiBytes.of("generating ");
    private static final byte[] PARSED = AsciiBytes.of("parsed ");
    private static final byte[] LOOKING_FOR = AsciiBytes.of("looking for ");
    private static final byte[] AUTHENTICATION_OF = AsciiBytes.of("authentication of ");
    private static final byte[] IS_INITIATING = AsciiBytes.of(" is initiating a");
    private static final byte[] RESPONSE_WORD = AsciiBytes.of(" response ");
    private static final byte[] RECEIVED_DELETE_IKE = AsciiBytes.of("received DELETE for IKE_SA");
    private static final byte[] RECEIVED_RETRANSMIT_ID0 = AsciiBytes.of("received retransmit of request with ID 0,");
    private static final byte[] CERT_INVALID = AsciiBytes.of("certificate invalid (valid from");
    private static final byte[][] IKEV1_EXCHANGES = prefixes("ID_PROT ", "AGGRESSIVE ", "INFORMATIONAL_V1 ");
    private static final byte[][] IKEV2_EXCHANGES = prefixes("IKE_SA_INIT ", "IKE_AUTH ");
    private static final byte[][] CHILD_EXCHANGES = prefixes("QUICK_MODE ", "CREATE_CHILD_SA ");

    private static byte[][] prefixes(String... texts) {
        byte[][] b = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            b[i] = AsciiBytes.of(texts[i]);
        }
        return b;
    }

    private static byte[][][] byFirstByte(String... texts) {
        byte[][][] table = new byte[128][][];
        for (String t : texts) {
            byte[][] old = table[t.charAt(0)];
            byte[][] grown = old == null ? new byte[1][] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = AsciiBytes.of(t);
            table[t.charAt(0)] = grown;
        }
        return table;
    }

    private static boolean startsWithAny(byte[] b, int from, int to, byte[][] prefixes) {
        if (prefixes == null) {
            return false;
        }
        for (byte[] prefix : prefixes) {
            if (AsciiBytes.startsWith(b, from, to, prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean skippable(byte[] b, int from, int to) {
        int p = from;
        boolean espGroup = false;
        int br = Envelope.charonThreadBracket(b, from, to);
        if (br >= 0) {
            espGroup = b[br + 1] == 'E' && b[br + 2] == 'S' && b[br + 3] == 'P';
            p = br + 5;
        }
        while (p < to && b[p] == ' ') {
            p++;
        }
        Sa tagged = null;
        if (p < to && b[p] == '<') {
            // only the SA of the previous tagged line is known to need no update; its tag holds no '>'
            byte[] tag = lastTag;
            int close = tag == null ? -1 : p + 1 + tag.length;
            if (tag == null || lastTagSa == null || current != lastTagSa || close >= to || b[close] != '>'
                    || !AsciiBytes.regionEquals(b, p + 1, tag, 0, tag.length)) {
                return false;
            }
            tagged = lastTagSa;
            p = close + 1;
            while (p < to && b[p] == ' ') {
                p++;
            }
        }
        if (p >= to) {
            return true;
        }
        int c = b[p];
        if (c < 0 || startsWithAny(b, p, to, WANTED[c])) {
            return false;
        }
        if ((espGroup || c == 'I' && AsciiBytes.startsWith(b, p, to, ICV)
                || c == 'E' && AsciiBytes.startsWith(b, p, to, ESP))
                && (AsciiBytes.indexOf(b, p, to, VERIFICATION_FAILED) >= 0
                || AsciiBytes.indexOf(b, p, to, DECRYPTION_FAILED) >= 0
                || AsciiBytes.startsWith(b, p, to, FAILED_TO_DECRYPT)
                || AsciiBytes.indexOf(b, p, to, NOT_INSTALLED) >= 0)) {
            return false; // an ESP drop
        }
        if ((c == 's' || c == 'i' || c == 'c') && AsciiBytes.indexOf(b, p, to, CERT_INVALID) >= 0) {
            return false; // "subject/issuer certificate invalid (valid from ..)"
        }
        switch (c) {
            case 's':
                if (AsciiBytes.startsWith(b, p, to, SENDING_PACKET)) {
                    return packetKnown(tagged);
                }
                return tagged == null || !AsciiBytes.startsWith(b, p, to, SENDING_CERT);
            case 'r':
                if (AsciiBytes.startsWith(b, p, to, RECEIVED_PACKET)) {
                    return packetKnown(tagged);
                }
                if (!AsciiBytes.startsWith(b, p, to, RECEIVED)) {
                    return true;
                }
                if (AsciiBytes.startsWith(b, p, to, RECEIVED_CERT)) {
                    return tagged == null;
                }
                if (AsciiBytes.startsWith(b, p, to, RECEIVED_DELETE_IKE) || AsciiBytes.startsWith(b, p, to, RECEIVED_RETRANSMIT_ID0)) {
                    return false;
                }
                return AsciiBytes.indexOf(b, p, to, NOTIFY_WORD) < 0;
            case 'g':
                return !AsciiBytes.startsWith(b, p, to, GENERATING) || exchangeKnown(b, p + 11, to, tagged);
            case 'p':
                return !AsciiBytes.startsWith(b, p, to, PARSED)
                        || exchangeKnown(b, p + 7, to, tagged) && AsciiBytes.indexOf(b, p + 7, to, RESPONSE_WORD) < 0;
            case 'l':
                return tagged == null || !AsciiBytes.startsWith(b, p, to, LOOKING_FOR);
            case 'a':
                return !AsciiBytes.startsWith(b, p, to, AUTHENTICATION_OF);
            case 'I':
                // an untagged IKE_SA line names its SA, which ikeSa() then looks up
                return !AsciiBytes.startsWith(b, p, to, IKE_SA) || tagged != null
                        && AsciiBytes.indexOf(b, p, to, ESTABLISHED_BETWEEN) < 0
                        && AsciiBytes.indexOf(b, p, to, TO_ESTABLISHED) < 0
                        && AsciiBytes.indexOf(b, p, to, TO_DESTROYING) < 0;
            case 'C':
                return !AsciiBytes.startsWith(b, p, to, CHILD_SA)
                        || AsciiBytes.indexOf(b, p, to, CHILD_ESTABLISHED_WITH) < 0;
            case 'i': case 'e': case 'c': case 'n': case 't': case 'A': case 'd':
                return true;
            default:
                return AsciiBytes.indexOf(b, p, to, IS_INITIATING) < 0
                        && AsciiBytes.indexOf(b, p, to, CERT_INVALID) < 0;
        }
    }

    /** The bytes of an ASCII text, or null when it holds other characters. */
    private static byte[] ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return null;
            }
        }
        return AsciiBytes.of(text);
    }

    /** True when a packet line would teach the SA nothing: no SA, or its endpoints are known. */
    private static boolean packetKnown(Sa sa) {
        return sa == null || sa.peer != null && sa.local != null;
    }

    /** True when a generating/parsed line of this exchange type would change nothing. */
    private static boolean exchangeKnown(byte[] b, int typeFrom, int to, Sa sa) {
        if (sa == null || AsciiBytes.indexOf(b, typeFrom, to, ' ') < 0) {
            return true;
        }
        if (startsWithAny(b, typeFrom, to, IKEV1_EXCHANGES)) {
            return sa.version == IkeVersion.IKEV1;
        }
        if (startsWithAny(b, typeFrom, to, IKEV2_EXCHANGES)) {
            return sa.version == IkeVersion.IKEV2;
        }
        return !startsWithAny(b, typeFrom, to, CHILD_EXCHANGES);
    }

    private Sa sa(String id, String name) {
        Sa sa = sas.get(id);
        if (sa == null) {
            sa = new Sa();
            sas.put(id, sa);
            if (!id.isEmpty()) {
                live.add(sa);
            }
        }
        if (name != null) {
            sa.name = name;
        }
        current = sa;
        return sa;
    }

    /**
     * The SA an untagged message belongs to: the one named in it; else the only SA in progress;
     * else, when none is in progress, the last one seen (messages that trail its end); else, when
     * several are in progress, none: a fresh state that belongs to no SA.
     */
    private Sa untagged(String msg) {
        Matcher m = PEER_TAG_NAME.matcher(msg);
        if (msg.contains("IKE_SA ") && m.find()) {
            return sa(m.group(2), m.group(1));
        }
        if (live.size() == 1) {
            current = live.iterator().next();
            return current;
        }
        if (live.isEmpty()) {
            if (current == null) {
                current = sa("", null);
            }
            return current;
        }
        return new Sa();
    }

    /** The SA was deleted, destroyed or given up: untagged lines no longer go to it while others run. */
    private void ended(Sa sa) {
        live.remove(sa);
    }

    private void handle(LogLine l, String group, Sa tagged, String msg) {
        char c = msg.charAt(0);
        if (group != null && group.equals("ESP") || msg.startsWith("ICV") || msg.startsWith("ESP ")) {
            if (espDrop(l, msg)) {
                return;
            }
        }
        if (msg.indexOf("certificate invalid (valid from") >= 0) {
            // "subject certificate invalid (valid from .. to ..)", "issuer certificate invalid ..": the validity
            // check failed by this host's clock; strongSwan then says it found no trusted key
            Sa sa = tagged != null ? tagged : untagged(msg);
            authFrom(sa, AuthMethod.CERTIFICATE);
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, msg);
            return;
        }
        switch (c) {
            case 'i':
                if (msg.startsWith("initiating ")) {
                    initiating(l, tagged, msg);
                } else if (msg.startsWith("invalid HASH_V1 payload") || msg.startsWith("invalid ID_V1 payload")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, phase(sa), IkeFailureReason.AUTHENTICATION_FAILED,
                            msg + " (pre-shared keys differ?)");
                }
                return;
            case 'I':
                if (msg.startsWith("IKE_SA ")) {
                    ikeSa(l, tagged, msg);
                } else if (msg.startsWith("IDir ") || msg.startsWith("IDr ") || msg.startsWith("IDi ")) {
                    if (msg.contains("does not match")) {
                        Sa sa = tagged != null ? tagged : untagged(msg);
                        fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, msg);
                    }
                }
                return;
            case 'C':
                if (msg.startsWith("CHILD_SA ")) {
                    childSa(l, tagged, msg);
                }
                return;
            case 's':
                if (msg.startsWith("sending retransmit")) {
                    retransmit(l, tagged, msg);
                } else if (msg.startsWith("sending packet")) {
                    packet(tagged, msg);
                } else if (msg.startsWith("selected proposal: ")) {
                    proposals(l, tagged, msg.substring(19), true);
                } else if (msg.startsWith("sending end entity cert") && tagged != null) {
                    authFrom(tagged, AuthMethod.CERTIFICATE);
                } else if (msg.startsWith("selected peer config ") && msg.endsWith("acceptable: non-matching authentication done")) {
                    // the peer authenticated with another method (or class) than the config requires ("inacceptable"
                    // before strongSwan 5.9, "unacceptable" since); the next line is "no alternative config found"
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTH_METHOD_MISMATCH, msg);
                }
                return;
            case 'r':
                if (msg.startsWith("reached self-signed root ca")) {
                    (tagged != null ? tagged : untagged(msg)).trustedChain = true;
                } else if (msg.startsWith("retransmit")) {
                    retransmit(l, tagged, msg);
                } else if (msg.startsWith("received DELETE for IKE_SA")) {
                    (tagged != null ? tagged : untagged(msg)).peerDeleted = true;
                } else if (msg.startsWith("received retransmit of request with ID 0,")) {
                    // main mode's message ID is 0: the peer did not get this side's answer
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    if (sa.ikeEstablished) {
                        sa.answersRepeated++;
                    }
                } else if (msg.startsWith("received ")) {
                    received(l, tagged, msg);
                } else if (msg.startsWith("remote host is behind NAT")) {
                    (tagged != null ? tagged : untagged(msg)).remoteNat = true;
                }
                return;
            case 'g':
                if (msg.startsWith("giving up after")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    Layer phase = sa.version == IkeVersion.IKEV1 && sa.lastRetransmitId > 0
                            ? Layer.IKE_QUICK_MODE : phase(sa);
                    // how far phase 1 got: a peer that answered earlier messages is reachable
                    fail(l, sa, phase, IkeFailureReason.NO_RESPONSE, phase == Layer.IKE_MAIN_MODE && sa.phaseOneAnswers > 0
                            ? msg + " (after " + sa.phaseOneAnswers + " answers from the peer)" : msg);
                    ended(sa);
                } else if (msg.startsWith("generating ")) {
                    exchange(l, tagged, msg, true);
                }
                return;
            case 'd':
                if (msg.startsWith("deleting IKE_SA ")) {
                    ended(tagged != null ? tagged : untagged(msg));
                    return;
                }
                boolean halfOpen = msg.startsWith("deleting half open IKE_SA");
                if (halfOpen || msg.startsWith("destroying IKE_SA in state CONNECTING")) {
                    // the responder answered the first exchange and the initiator never went on: its next
                    // message (on UDP 4500 behind a NAT, often in fragments with certificates) did not arrive
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    if (!halfOpen && !Boolean.FALSE.equals(sa.initiator)) {
                        return;
                    }
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, sa.phaseOneAnswers > 0
                            ? msg + " (after " + sa.phaseOneAnswers + " answers to the peer)" : msg);
                    ended(sa);
                }
                return;
            case 'p':
                if (msg.startsWith("parsed ")) {
                    exchange(l, tagged, msg, false);
                } else if (msg.startsWith("peer requested EAP, config inacceptable")
                        || msg.startsWith("peer requested EAP, config unacceptable")) {
                    // the peer asked for EAP and the config chosen for it authenticates otherwise
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTH_METHOD_MISMATCH, msg);
                }
                return;
            case 'e':
                if (msg.startsWith("establishing IKE_SA failed, peer not responding")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, msg);
                }
                return;
            case 'c':
                if (msg.startsWith("could not decrypt payloads")) {
                    // IKEv1 encrypts main mode's last exchange with a key derived from the pre-shared key: a peer
                    // whose key differs sends what this end cannot decrypt (IKEv2's keys come from DH alone)
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    if (sa.version != IkeVersion.IKEV2 && !sa.ikeEstablished) {
                        fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED,
                                msg + " (pre-shared keys differ?)");
                    }
                } else if (msg.startsWith("configured proposals: ")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    proposals(l, sa, msg.substring(22), Boolean.FALSE.equals(sa.initiator));
                } else if (msg.startsWith("constraint check failed")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, constraintReason(msg), msg);
                } else if (msg.startsWith("certificate was revoked")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_UNTRUSTED, msg);
                }
                return;
            case 'n':
                if (msg.startsWith("no ")) {
                    no(l, tagged, msg);
                }
                return;
            case 'l':
                if (msg.startsWith("leftauth=")) {
                    configLine(msg);
                } else if (msg.startsWith("local host is behind NAT")) {
                    (tagged != null ? tagged : untagged(msg)).localNat = true;
                } else if (msg.startsWith("looking for ") && tagged != null) {
                    if (msg.contains("pre-shared key") || msg.contains("PSK")) {
                        authFrom(tagged, AuthMethod.PRE_SHARED_KEY);
                    } else if (msg.contains("signature peer configs")) {
                        authFrom(tagged, AuthMethod.CERTIFICATE);
                    }
                }
                return;
            case 'a':
                if (msg.startsWith("authby=")) {
                    configLine(msg);
                } else if (msg.startsWith("authentication of ")) {
                    // untagged too: `ipsec up` and `swanctl --initiate` print no SA tags
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    if (msg.contains("with pre-shared key")) {
                        authFrom(sa, AuthMethod.PRE_SHARED_KEY);
                    } else if (msg.contains("with EAP")) {
                        authFrom(sa, AuthMethod.EAP);
                    } else if (msg.contains(" with ")) {
                        authFrom(sa, AuthMethod.CERTIFICATE);
                    }
                }
                return;
            case 't':
                if (msg.startsWith("tried ") && msg.contains("shared key") && msg.contains("mismatched")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    authFrom(sa, AuthMethod.PRE_SHARED_KEY);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, msg);
                }
                return;
            case 'f':
                if (msg.startsWith("found ") && msg.contains(" but none allows ")) {
                    // "found 1 matching config, but none allows pre-shared key authentication using Main Mode":
                    // a config for the peer exists, with another authentication method (or XAuth) than offered
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTH_METHOD_MISMATCH, msg);
                } else if (msg.startsWith("failed to establish CHILD_SA")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_QUICK_MODE, IkeFailureReason.OTHER, msg);
                }
                return;
            case 'u':
                if (msg.startsWith("using trusted ca certificate") || msg.startsWith("using trusted certificate")) {
                    (tagged != null ? tagged : untagged(msg)).trustedChain = true;
                } else if (msg.startsWith("unable to install ") && msg.contains("IPsec SA")) {
                    // the kernel refused the negotiated SA (a missing algorithm module, for one)
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    fail(l, sa, Layer.IKE_QUICK_MODE, IkeFailureReason.OTHER, msg);
                } else if (msg.startsWith("unable to bind socket: ")) {
                    // the socket plugin cannot listen on the IKE ports (another IKE daemon holds them): charon runs,
                    // yet IKE sent to this host reaches nothing that answers
                    out.emit(new dev.vpndiag.api.fact.ServiceState(out.ref(l.number), out.side(), l.time,
                            "IKE on UDP 500 or 4500", false, msg));
                }
                return;
            case 'E':
            case 'R':
                if (msg.startsWith("EAP method ") && msg.contains(" failed") || msg.startsWith("RADIUS authentication of ")
                        && msg.contains(" failed")) {
                    // IKEv2 with EAP: the user's credentials were checked inside IKE_AUTH and refused
                    eapFailed(l, tagged != null ? tagged : untagged(msg), msg);
                }
                return;
            case 'A':
                if (msg.startsWith("Aggressive Mode PSK disabled")) {
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    authFrom(sa, AuthMethod.PRE_SHARED_KEY);
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH, msg);
                }
                return;
            case 'D':
                if (msg.startsWith("DH group ") && msg.contains(", requesting ")) {
                    // IKEv2's responder asks for another key exchange group; normally the initiator simply comes
                    // back with it. Only a negotiation that goes no further makes this the failure (see end()).
                    Sa sa = tagged != null ? tagged : untagged(msg);
                    sa.initiator = sa.initiator == null ? Boolean.FALSE : sa.initiator;
                    LogLine at = new LogLine();
                    at.reset(l.number);
                    at.time = l.time;
                    sa.dhRequest = at;
                    sa.dhRequestText = msg;
                    dhRequests.add(sa);
                }
                return;
            default:
                if (msg.contains(" is initiating a")) {
                    responding(l, tagged, msg);
                }
        }
    }

    // ---- message kinds

    private void initiating(LogLine l, Sa tagged, String msg) {
        lastNegotiationStart = l.number;
        Matcher m = INITIATING.matcher(msg);
        if (!m.find()) {
            return;
        }
        Sa sa = tagged != null ? tagged : sa(m.group(3), m.group(2));
        sa.name = m.group(2);
        sa.initiator = Boolean.TRUE;
        sa.version = m.group(1) != null ? IkeVersion.IKEV1 : IkeVersion.IKEV2;
        sa.peer = m.group(4);
        sa.mmFailed = false;
        sa.ikeEstablished = false;
        event(l, sa, Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, msg);
    }

    private void responding(LogLine l, Sa tagged, String msg) {
        lastNegotiationStart = l.number;
        Matcher m = RESPONDING.matcher(msg);
        if (!m.find()) {
            return;
        }
        Sa sa = tagged != null ? tagged : untagged(msg);
        sa.initiator = Boolean.FALSE;
        sa.version = m.group(2) != null ? IkeVersion.IKEV1 : IkeVersion.IKEV2;
        sa.peer = m.group(1);
        event(l, sa, Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, msg);
    }

    private void ikeSa(LogLine l, Sa tagged, String msg) {
        if (msg.contains(" established between ")) {
            Matcher m = IKE_ESTABLISHED.matcher(msg);
            if (!m.find()) {
                return;
            }
            Sa sa = tagged != null ? tagged : sa(m.group(2), m.group(1));
            sa.local = m.group(3);
            sa.peer = m.group(4);
            sa.ikeEstablished = true;
            event(l, sa, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, withNat(sa, msg));
        } else if (msg.contains(" state change: ")) {
            Matcher m = IKE_STATE.matcher(msg);
            if (!m.find()) {
                return;
            }
            Sa sa = tagged != null ? tagged : sa(m.group(2), m.group(1));
            if ("CONNECTING".equals(m.group(3)) && "DESTROYING".equals(m.group(4)) && !sa.mmFailed
                    && !sa.ikeEstablished) {
                fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.OTHER, msg);
            } else if ("ESTABLISHED".equals(m.group(4))) {
                sa.ikeEstablished = true;
            }
            if ("DESTROYING".equals(m.group(4))) {
                // a responder's main mode that nothing was built on: did the initiator ever accept it?
                boolean bare = sa.ikeEstablished && !sa.childSeen && Boolean.FALSE.equals(sa.initiator);
                if (bare && sa.peerDeleted) {
                    // established here, deleted by the initiator before any quick mode: it refused our last message
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.PEER_DELETED,
                            "the peer deleted the IKE_SA right after main mode, before any quick mode");
                } else if (bare && sa.answersRepeated > 0) {
                    // established here, yet the initiator kept sending its last main mode request: our answer never arrived
                    fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.ANSWER_UNHEARD, "the peer repeated its last main mode request "
                            + sa.answersRepeated + " times after this side had answered, and no quick mode followed");
                }
                ended(sa);
            }
        }
    }

    private void childSa(LogLine l, Sa tagged, String msg) {
        if (!msg.contains(" established with SPIs ")) {
            return;
        }
        Matcher m = CHILD_ESTABLISHED.matcher(msg);
        if (!m.find()) {
            return;
        }
        Sa sa = tagged != null ? tagged : untagged(msg);
        sa.qmStarted = false;
        sa.qmFailed = false;
        sa.childSeen = true;
        event(l, sa, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, withNat(sa, msg));
    }

    private void retransmit(LogLine l, Sa tagged, String msg) {
        Matcher m = RETRANSMIT.matcher(msg);
        Sa sa = tagged != null ? tagged : untagged(msg);
        Layer phase = phase(sa);
        if (m.find()) {
            long mid = Long.parseLong(m.group(2));
            sa.lastRetransmitId = mid;
            if (sa.version == IkeVersion.IKEV1) {
                phase = mid == 0 ? Layer.IKE_MAIN_MODE : Layer.IKE_QUICK_MODE;
            }
        }
        event(l, sa, phase, IkeOutcome.RETRANSMITTED, IkeFailureReason.NONE, msg);
    }

    private void packet(Sa sa, String msg) {
        if (sa == null || sa.peer != null && sa.local != null) {
            return;
        }
        Matcher m = PACKET.matcher(msg);
        if (m.find()) {
            boolean sending = "sending".equals(m.group(1));
            if (sa.local == null) {
                sa.local = sending ? m.group(2) : m.group(3);
            }
            if (sa.peer == null) {
                sa.peer = sending ? m.group(3) : m.group(2);
            }
        }
    }

    /** A user refused by EAP inside IKE_AUTH: the credentials failed, as in PPP's own authentication. */
    private void eapFailed(LogLine l, Sa sa, String msg) {
        authFrom(sa, AuthMethod.EAP);
        if (sa.eapFailed) {
            return;
        }
        sa.eapFailed = true;
        String method = msg.contains("MSCHAPV2") || msg.contains("MS-CHAPv2") ? "EAP-MSCHAPv2" : "EAP";
        out.emit(new PppNegotiation(out.ref(l.number), out.side(), l.time, PppStage.AUTH, PppOutcome.FAILED, method, null,
                FactOut.detail("IKEv2 EAP: " + msg)));
    }

    private void received(LogLine l, Sa tagged, String msg) {
        if (msg.startsWith("received unsupported IKE version")) {
            // "received unsupported IKE version 1.0 from 10.0.0.2, sending INVALID_MAJOR_VERSION": this daemon
            // does not speak the peer's IKE version at all (built or configured without it), so no policy of
            // its own can ever cover the peer
            Sa sa = tagged != null ? tagged : untagged(msg);
            sa.initiator = Boolean.FALSE;
            Matcher from = UNSUPPORTED_FROM.matcher(msg);
            if (sa.peer == null && from.find()) {
                sa.peer = from.group(1);
            }
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH,
                    msg + " (this daemon does not accept that IKE version)");
            return;
        }
        if (msg.startsWith("received proposals unacceptable")) {
            // IKEv2's responder found none of the peer's proposals acceptable (the lists logged just before say which)
            Sa sa = tagged != null ? tagged : untagged(msg);
            fail(l, sa, sa.proposalPhase != null ? sa.proposalPhase : phase(sa), IkeFailureReason.NO_PROPOSAL_CHOSEN,
                    "proposals unacceptable: none of the peer's proposals matches this end's configuration");
            return;
        }
        if (msg.startsWith("received EAP_FAILURE")) {
            eapFailed(l, tagged != null ? tagged : untagged(msg), msg);
        } else if (msg.startsWith("received packet")) {
            packet(tagged, msg);
        } else if (msg.startsWith("received proposals: ")) {
            Sa sa = tagged != null ? tagged : untagged(msg);
            proposals(l, sa, msg.substring(20), !Boolean.FALSE.equals(sa.initiator));
        } else if (msg.startsWith("received end entity cert")) {
            if (tagged != null) {
                authFrom(tagged, AuthMethod.CERTIFICATE);
            }
        } else if (msg.contains("notify")) {
            Matcher m = NOTIFY.matcher(msg);
            if (!m.find()) {
                return;
            }
            Sa sa = tagged != null ? tagged : untagged(msg);
            String type = m.group(1);
            boolean child = m.group(2).startsWith("notify,");
            if (type.equals("INVALID_KE_PAYLOAD") && sa.version == IkeVersion.IKEV1 && !sa.ikeEstablished
                    && sa.phaseOneAnswers > 0 && !sa.mmFailed) {
                // IKEv1 agreed its proposal (DH group included) in the first exchange, so this is no group
                // mismatch: strongSwan answers the key exchange so when it finds no pre-shared key, or no
                // authentication setting at all, for this peer. Which of the two the log cannot say.
                sa.mmFailed = true;
                out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, sa.version, Layer.IKE_MAIN_MODE,
                        IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.UNKNOWN, sa.local, sa.peer,
                        FactOut.detail(msg + " (the responder found no key or authentication setting for this peer)")));
                return;
            }
            IkeFailureReason reason = reasonOf(type);
            if (reason == null) {
                return;
            }
            if (reason == IkeFailureReason.INVALID_ID_INFORMATION && !child && sa.version == IkeVersion.IKEV1 && !sa.ikeEstablished) {
                // in IKEv1 main mode the responder refuses this end's identity (no connection of its own accepts it);
                // only after main mode does the notify speak of quick mode's traffic selectors
                fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH,
                        msg + " (in main mode: the responder did not accept this end's identity)");
                return;
            }
            Layer phase = child || reason == IkeFailureReason.INVALID_ID_INFORMATION
                    || reason == IkeFailureReason.TS_UNACCEPTABLE ? Layer.IKE_QUICK_MODE : phase(sa);
            fail(l, sa, phase, reason, msg);
        }
    }

    private void no(LogLine l, Sa tagged, String msg) {
        Sa sa = tagged != null ? tagged : untagged(msg);
        if (msg.startsWith("no trusted ") && msg.contains("public key found")) {
            authFrom(sa, AuthMethod.CERTIFICATE);
            // charon says this also when the chain is fine but no trusted certificate carries the identity the peer
            // claims (an address or name missing from the certificate's subject and alternative names)
            if (sa.trustedChain) {
                fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH,
                        msg + " (the chain reached a trusted CA: the claimed identity is not one the certificate carries)");
            } else {
                fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_UNTRUSTED, msg);
            }
        } else if (msg.startsWith("no issuer certificate found")) {
            authFrom(sa, AuthMethod.CERTIFICATE);
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_UNTRUSTED, msg);
        } else if (msg.startsWith("no private key found")) {
            authFrom(sa, AuthMethod.CERTIFICATE);
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.PRIVATE_KEY_MISSING, msg);
        } else if (msg.startsWith("no EAP key found for")) {
            // no secret for the user name the peer gave: the user is refused
            eapFailed(l, sa, msg);
        } else if (msg.startsWith("no shared key found")) {
            authFrom(sa, AuthMethod.PRE_SHARED_KEY);
            // "no shared key found for 'C=.., CN=..'[addr] - ..": the own identity is a certificate's subject,
            // so this end is set up for certificates and the peer proposed a shared key.
            boolean ownIdentityFromCertificate = msg.indexOf("CN=") > 0 && msg.indexOf("CN=") < msg.indexOf(" - ");
            fail(l, sa, Layer.IKE_MAIN_MODE, ownIdentityFromCertificate
                    ? IkeFailureReason.AUTH_METHOD_MISMATCH : IkeFailureReason.AUTHENTICATION_FAILED, msg);
        } else if (msg.startsWith("no peer config found") || msg.startsWith("no matching peer config found")) {
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, msg);
        } else if (msg.startsWith("no config named '")) {
            // asked to initiate a connection this daemon has no definition of (a configuration that was never
            // written or loaded): nothing is negotiated at all
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH, msg + " (no connection definition loaded)");
        } else if (msg.startsWith("no IKE config found")) {
            // No connection definition covers these addresses at all: the responder has no policy for the peer.
            fail(l, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.POLICY_MISMATCH, msg);
        } else if (msg.startsWith("no matching CHILD_SA config found")) {
            fail(l, sa, Layer.IKE_QUICK_MODE, sa.version == IkeVersion.IKEV2
                    ? IkeFailureReason.TS_UNACCEPTABLE : IkeFailureReason.INVALID_ID_INFORMATION, msg);
        } else if (msg.startsWith("no matching proposal found")) {
            fail(l, sa, Layer.IKE_QUICK_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, msg);
        } else if (msg.startsWith("no proposal found") || msg.startsWith("no acceptable proposal found")
                || msg.startsWith("no IKE proposal found")) {
            fail(l, sa, sa.proposalPhase != null ? sa.proposalPhase : phase(sa), IkeFailureReason.NO_PROPOSAL_CHOSEN, msg);
        }
    }

    private void exchange(LogLine l, Sa sa, String msg, boolean generating) {
        if (sa == null) {
            return;
        }
        int from = generating ? 11 : 7;
        int sp = msg.indexOf(' ', from);
        if (sp < 0) {
            return;
        }
        String type = msg.substring(from, sp);
        switch (type) {
            case "ID_PROT":
            case "AGGRESSIVE":
                sa.version = IkeVersion.IKEV1;
                countAnswer(sa, msg, generating);
                break;
            case "INFORMATIONAL_V1":
                sa.version = IkeVersion.IKEV1;
                break;
            case "QUICK_MODE":
                sa.version = IkeVersion.IKEV1;
                qmStart(l, sa, msg, generating);
                break;
            case "IKE_SA_INIT":
            case "IKE_AUTH":
                sa.version = IkeVersion.IKEV2;
                countAnswer(sa, msg, generating);
                break;
            case "CREATE_CHILD_SA":
                sa.version = IkeVersion.IKEV2;
                qmStart(l, sa, msg, generating);
                break;
            default:
                break;
        }
    }

    /** A phase 1 answer this side parsed as the initiator: the peer heard it and replied. */
    private static void countAnswer(Sa sa, String msg, boolean generating) {
        if (!generating && msg.indexOf(" response ", 7) > 0) {
            sa.phaseOneAnswers++;
        }
    }

    private void qmStart(LogLine l, Sa sa, String msg, boolean generating) {
        boolean request = msg.indexOf(" request ", 7) > 0;
        boolean offer = msg.contains(" SA ");
        if (request && offer && !sa.qmStarted && generating == !Boolean.FALSE.equals(sa.initiator)) {
            sa.qmStarted = true;
            sa.qmFailed = false;
            sa.childSeen = true;
            event(l, sa, Layer.IKE_QUICK_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, msg);
        }
    }

    private void proposals(LogLine l, Sa tagged, String pasted, boolean fromResponder) {
        Sa sa = tagged != null ? tagged : untagged(pasted);
        String list = pasted.indexOf('*') >= 0 ? pasted.replace("**", "") : pasted; // bold marks from a pasted post
        String kind = list.stripLeading();
        sa.proposalPhase = kind.startsWith("IKE:") ? Layer.IKE_MAIN_MODE
                : kind.startsWith("ESP:") || kind.startsWith("AH:") ? Layer.IKE_QUICK_MODE : sa.proposalPhase;
        for (IkeProposal p : ProposalText.parse(list, out.ref(l.number), out.side(), l.time, sa.version,
                fromResponder, auth(sa))) {
            out.emit(p);
        }
    }

    private boolean espDrop(LogLine l, String msg) {
        EspDropKind kind;
        // libipsec (kernel-libipsec) logs "ESP decryption or ICV verification failed" for either
        if (msg.contains("ICV verification failed") || msg.contains("packet verification failed")) {
            kind = EspDropKind.INTEGRITY_FAILURE;
        } else if (msg.contains("sequence number verification failed")) {
            kind = EspDropKind.REPLAY;
        } else if (msg.contains("decryption failed") || msg.startsWith("failed to decrypt ESP")) {
            kind = EspDropKind.DECRYPTION_FAILURE;
        } else if (msg.contains("does not belong to an installed SA")) {
            kind = EspDropKind.BAD_SPI;
        } else {
            return false;
        }
        Matcher m = SPI.matcher(msg);
        String spi = m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : null;
        out.emit(new EspDrop(out.ref(l.number), out.side(), l.time, kind, 1, spi,
                null, FactOut.detail(msg)));
        return true;
    }

    private void configLine(String msg) {
        String t = msg.strip();
        if (t.startsWith("leftauth=") || t.startsWith("authby=")) {
            String v = t.substring(t.indexOf('=') + 1);
            if (v.startsWith("psk") || v.startsWith("secret")) {
                configuredAuth = AuthMethod.PRE_SHARED_KEY;
            } else if (v.startsWith("pubkey") || v.startsWith("rsa") || v.startsWith("ecdsa")) {
                configuredAuth = AuthMethod.CERTIFICATE;
            } else if (v.startsWith("eap")) {
                configuredAuth = AuthMethod.EAP;
            }
        }
    }

    // ---- helpers

    private static IkeFailureReason reasonOf(String notify) {
        switch (notify) {
            case "NO_PROPOSAL_CHOSEN":
                return IkeFailureReason.NO_PROPOSAL_CHOSEN;
            case "AUTHENTICATION_FAILED":
            case "INVALID_HASH_INFORMATION":
            case "INVALID_SIGNATURE":
                return IkeFailureReason.AUTHENTICATION_FAILED;
            case "INVALID_ID_INFORMATION":
                return IkeFailureReason.INVALID_ID_INFORMATION;
            case "TS_UNACCEPTABLE":
                return IkeFailureReason.TS_UNACCEPTABLE;
            case "INVALID_CERT_AUTHORITY":
            case "INVALID_CERTIFICATE":
            case "CERTIFICATE_UNAVAILABLE":
            case "CERT_TYPE_UNSUPPORTED":
                return IkeFailureReason.CERT_UNTRUSTED;
            case "INVALID_KE_PAYLOAD":
            case "COOKIE":
            case "INITIAL_CONTACT":
            case "INITIAL_CONTACT_IKEV1":
                return null;
            default:
                return IkeFailureReason.OTHER;
        }
    }

    private static Layer phase(Sa sa) {
        return sa.ikeEstablished ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
    }

    private void authFrom(Sa sa, AuthMethod method) {
        if (sa.auth == null || sa.auth == AuthMethod.UNKNOWN) {
            sa.auth = method;
        }
    }

    private AuthMethod auth(Sa sa) {
        return sa.auth != null ? sa.auth : configuredAuth;
    }

    private void fail(LogLine l, Sa sa, Layer phase, IkeFailureReason reason, String msg) {
        if (phase == Layer.IKE_MAIN_MODE) {
            if (sa.mmFailed) {
                return;
            }
            sa.mmFailed = true;
        } else {
            if (sa.qmFailed) {
                return;
            }
            sa.qmFailed = true;
            sa.qmStarted = false;
        }
        event(l, sa, phase, IkeOutcome.FAILED, reason, withNat(sa, msg));
    }

    /**
     * The logged text with the NAT situation of the SA appended, as
     * {@code "; NAT detected: local host is behind NAT, remote host is behind NAT"}. The NAT note
     * comes first when the text is long, so that shortening the detail keeps it.
     */
    private static String withNat(Sa sa, String msg) {
        if (!sa.localNat && !sa.remoteNat) {
            return msg;
        }
        String nat = "NAT detected: " + (sa.localNat ? "local host is behind NAT" : "")
                + (sa.localNat && sa.remoteNat ? ", " : "") + (sa.remoteNat ? "remote host is behind NAT" : "");
        return msg.length() + nat.length() + 2 > FactOut.MAX_DETAIL ? nat + "; " + msg : msg + "; " + nat;
    }

    @Override
    public void end() {
        for (Sa sa : dhRequests) {
            if (sa.dhRequest != null && !sa.ikeEstablished && !sa.mmFailed && lastNegotiationStart <= sa.dhRequest.number) {
                // The responder asked for another DH group and the log shows the peer never came back with it: the
                // peer does not offer that group, so the two ends have no key exchange group in common.
                fail(sa.dhRequest, sa, Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, sa.dhRequestText
                        + " (the peer never came back with the requested group)");
            }
        }
        dhRequests.clear();
    }

    private void event(LogLine l, Sa sa, Layer phase, IkeOutcome outcome, IkeFailureReason reason, String msg) {
        out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, sa.version, phase, outcome, reason,
                auth(sa), sa.local, sa.peer,
                FactOut.detail(msg)));
    }
}
