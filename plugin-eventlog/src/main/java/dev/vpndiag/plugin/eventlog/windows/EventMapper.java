package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.CertificateProblemEvent;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EspDrop;
import dev.vpndiag.api.fact.EspDropKind;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.fact.TimeBasis;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;

import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Windows events about IKE, IPsec, RAS, IPsec services and certificates into facts. Field
 * values come from named EventData (Vista and later), from the rendered message text of exports,
 * or from the insertion strings of the older events, in that order.
 */
final class EventMapper {
    private static final int DETAIL_MAX = 300;
    private static final Pattern RAS_CODE = Pattern.compile(
            "(?:error|reason) code(?: returned on [a-z]+)?(?: is| was|:)?\\s*(-\\d{10}|\\d{3,5})", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNT = Pattern.compile("(?:received|dropped|discarded|for)\\s+(\\d+)\\s+packet",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SPI = Pattern.compile("SPI[:\\s]+(0x[0-9a-fA-F]+|\\d+)");

    private EventMapper() {
    }

    /** True when an event with this id and provider may give a fact; used to skip decoding the rest. */
    static boolean relevant(int id, String provider) {
        String p = provider == null ? "" : provider.toLowerCase(Locale.ROOT);
        if (p.contains("security-auditing") || p.equals("security") || p.isEmpty()) {
            if ((id >= 541 && id <= 547) || (id >= 4650 && id <= 4655) || (id >= 4960 && id <= 4965 && id != 4964)
                    || (id >= 4976 && id <= 4984) || (id >= 5451 && id <= 5453) || (id >= 5478 && id <= 5485)) {
                return true;
            }
        }
        if ((id == 4285 || id == 4268) && (p.contains("ipsec") || p.isEmpty())) {
            return true;
        }
        if ((id == 279 || id == 284) && (p.contains("policyagent") || p.isEmpty())) {
            return true;
        }
        if (p.contains("rasclient") || p.contains("remoteaccess") || p.equals("rasman") || p.contains("rasmgmt")) {
            return true;
        }
        return p.contains("capi2") && (id == 11 || id == 30 || id == 70);
    }

    /** Emits the facts one event gives. */
    static void map(WinEvent e, String source, Side side, Consumer<Fact> out) {
        if (!relevant(e.eventId(), e.provider())) {
            return;
        }
        EvidenceRef ref = EvidenceRef.of(source, e.locator());
        String p = e.provider().toLowerCase(Locale.ROOT);
        int id = e.eventId();
        if (p.contains("rasclient") || p.contains("remoteaccess") || p.equals("rasman") || p.contains("rasmgmt")) {
            ras(e, ref, side, out);
            return;
        }
        if (p.contains("capi2")) {
            capi2(e, ref, side, out);
            return;
        }
        if (id == 4285 || id == 4268) {
            out.accept(new EspDrop(ref, side, e.time(), id == 4285 ? EspDropKind.INTEGRITY_FAILURE : EspDropKind.BAD_SPI,
                    count(e), spi(e), peer(e), detail(e)));
            return;
        }
        if (id == 279 || id == 284) {
            out.accept(new ServiceState(ref, side, e.time(), "PolicyAgent", true,
                    id == 279 ? "policy agent applied IPsec policy" : "policy agent cannot contact Active Directory"));
            return;
        }
        if (id >= 541 && id <= 547) {
            legacyIke(e, ref, side, out);
        } else if (id >= 4650 && id <= 4655 || id >= 4976 && id <= 4984 || id == 5451 || id == 5452) {
            modernIke(e, ref, side, out);
        } else if (id >= 4960 && id <= 4965) {
            EspDropKind kind = switch (id) {
                case 4960 -> EspDropKind.INTEGRITY_FAILURE;
                case 4961, 4962 -> EspDropKind.REPLAY;
                case 4963 -> EspDropKind.CLEAR_TEXT;
                default -> EspDropKind.BAD_SPI;
            };
            out.accept(new EspDrop(ref, side, e.time(), kind, 1, spi(e), peer(e), detail(e)));
        } else if (id == 5453) {
            out.accept(new ServiceState(ref, side, e.time(), "IKEEXT", false, "not started (event 5453)"));
        } else if (id == 5478) {
            out.accept(new ServiceState(ref, side, e.time(), "PolicyAgent", true, "started (event 5478)"));
        } else if (id == 5479 || id == 5483 || id == 5484) {
            out.accept(new ServiceState(ref, side, e.time(), "PolicyAgent", false,
                    id == 5479 ? "shut down (event 5479)" : id == 5483 ? "failed to start (event 5483)"
                            : "critical failure, shut down (event 5484)"));
        }
    }

    private static void legacyIke(WinEvent e, EvidenceRef ref, Side side, Consumer<Fact> out) {
        String text = text(e);
        String lower = text.toLowerCase(Locale.ROOT);
        int id = e.eventId();
        Layer phase = quickMode(lower) ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
        IkeOutcome outcome = id <= 543 ? IkeOutcome.ESTABLISHED : IkeOutcome.FAILED;
        IkeFailureReason reason = switch (id) {
            case 541, 542, 543 -> IkeFailureReason.NONE;
            case 544 -> IkeFailureReason.CERT_UNTRUSTED;
            case 545 -> IkeFailureReason.AUTHENTICATION_FAILED;
            case 546 -> IkeFailureReason.NO_PROPOSAL_CHOSEN;
            default -> reasonFromText(lower);
        };
        if (id == 544) {
            phase = Layer.IKE_MAIN_MODE;
        }
        AuthMethod auth = id == 544 ? AuthMethod.CERTIFICATE : authFromText(lower);
        out.accept(new IkeSaEvent(ref, side, e.time(), IkeVersion.IKEV1, phase, outcome, reason, auth,
                null, peer(e), (id == 542 || id == 543 ? "SA ended: " : "") + detail(e)));
    }

    private static void modernIke(WinEvent e, EvidenceRef ref, Side side, Consumer<Fact> out) {
        int id = e.eventId();
        Layer phase = id == 4654 || id == 4977 || id == 5451 || id == 5452 ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
        boolean failed = id == 4652 || id == 4653 || id == 4654 || id == 4976 || id == 4977 || id == 4978
                || id == 4983 || id == 4984;
        IkeFailureReason reason = IkeFailureReason.NONE;
        if (failed) {
            String why = field(e, "FailureReason", "Failure Reason");
            reason = id >= 4976 && id <= 4978 ? IkeFailureReason.OTHER
                    : reasonFromText((why == null ? text(e) : why).toLowerCase(Locale.ROOT));
        }
        String keyMod = field(e, "KeyModName", "Keying Module Name");
        IkeVersion version = keyMod == null ? null
                : keyMod.toLowerCase(Locale.ROOT).contains("ikev2") ? IkeVersion.IKEV2
                : keyMod.toLowerCase(Locale.ROOT).contains("ikev1") ? IkeVersion.IKEV1 : null;
        String authText = field(e, "AuthenticationMethod", "Authentication Method");
        if (authText == null) {
            authText = field(e, "MMAuthMethod", "Authentication Method");
        }
        AuthMethod auth = authText == null ? AuthMethod.UNKNOWN : authFromText(authText.toLowerCase(Locale.ROOT));
        if (auth == AuthMethod.UNKNOWN && (id == 4651 || id == 4980 || id == 4982)) {
            auth = AuthMethod.CERTIFICATE;
        }
        String detail = (id == 4655 || id == 5452 ? "SA ended: " : "") + detail(e);
        out.accept(new IkeSaEvent(ref, side, e.time(), version, phase, failed ? IkeOutcome.FAILED : IkeOutcome.ESTABLISHED,
                reason, auth, local(e), peer(e), detail));
    }

    private static void ras(WinEvent e, EvidenceRef ref, Side side, Consumer<Fact> out) {
        String text = text(e);
        Integer code = binaryCode(e);
        Matcher m = RAS_CODE.matcher(text);
        if (code != null) {
            // RemoteAccess events carry the RAS error code as a little-endian 32-bit binary value
        } else if (m.find()) {
            code = RasErrorText.parse(m.group(1));
        } else if (e.provider().toLowerCase(Locale.ROOT).contains("rasclient") && e.eventId() == 20227) {
            for (int i = e.data().size() - 1; i >= 0; i--) {
                String v = e.data().get(i).value().trim();
                if (v.matches("-\\d{10}|\\d{3,5}")) {
                    code = RasErrorText.parse(v);
                    break;
                }
            }
        } else {
            // the error's wording without its number, such as RemoteAccess 20111 "... because of the following
            // error: IKE authentication credentials are unacceptable"
            code = RasErrorText.codeOfWording(text);
            String lower = text.toLowerCase(Locale.ROOT);
            if (code != null) {
                // found by its wording
            } else if (lower.contains("user name and password combination") || lower.contains("not recognized")) {
                code = 691;
            } else if (lower.contains("prevented because of a policy")) {
                code = 812;
            }
        }
        if (code == null || code == 0) {
            return;
        }
        String connection = null;
        Matcher c = Pattern.compile("connection named (.+?) which has").matcher(text);
        if (c.find()) {
            connection = c.group(1).trim();
        } else if (e.eventId() >= 20220 && e.eventId() <= 20227 && e.message() == null && e.data().size() >= 3) {
            connection = e.data().get(2).value();
        }
        out.accept(new RasError(ref, side, e.time(), code, connection, detail(e)));
    }

    /** The RAS error code of the event's binary data (four bytes, little-endian), or null. */
    private static Integer binaryCode(WinEvent e) {
        String hex = e.value("Binary");
        if (hex == null || !hex.trim().matches("[0-9A-Fa-f]{8}")) {
            return null;
        }
        String h = hex.trim();
        int v = Integer.parseInt(h.substring(6, 8) + h.substring(4, 6) + h.substring(2, 4) + h.substring(0, 2), 16);
        return v >= 600 && v <= 20000 ? v : null;
    }

    /**
     * Processes whose certificate work can be the VPN's: IKEEXT, the policy agent and RasMan run in
     * svchost.exe, certificate authentication of the machine goes through lsass.exe, and the dialers
     * (rasdial, rasphone, the connection manager) call in directly. A browser's or an updater's chain
     * failure says nothing about the VPN.
     */
    private static final Set<String> VPN_PROCESSES = Set.of("svchost.exe", "lsass.exe", "rasdial.exe", "rasphone.exe",
            "cmmon32.exe", "cmdial32.exe", "rasautou.exe");

    private static void capi2(WinEvent e, EvidenceRef ref, Side side, Consumer<Fact> out) {
        String process = e.value("EventAuxInfo@ProcessName");
        if (process != null && !process.isBlank()
                && !VPN_PROCESSES.contains(process.strip().toLowerCase(Locale.ROOT).replaceFirst("^.*[\\\\/]", ""))) {
            return;
        }
        String subject = e.value("Certificate@subjectName");
        if (subject == null) {
            subject = field(e, "subjectName", "Subject");
        }
        int id = e.eventId();
        if (id == 11) {
            long status = hex(e.value("ErrorStatus@value"));
            // revocation status unknown (0x40) and offline revocation (0x1000000) alone do not fail IKE
            long serious = status & ~(0x40L | 0x1000000L);
            if (serious == 0) {
                return;
            }
            out.accept(new ChainValidation(ref, side, e.time(), subject, side, e.time(), TimeBasis.HOST_CLOCK, false,
                    chainFailure(serious), "CAPI2 chain build error status 0x" + Long.toHexString(status)));
        } else if (id == 30) {
            long result = hex(e.value("Result@value"));
            if (result == 0) {
                return;
            }
            ChainFailure f = switch ((int) result) {
                case 0x800B0109, 0x800B010E -> ChainFailure.NO_PATH;
                case 0x800B0101 -> ChainFailure.EXPIRED;
                case 0x800B010A -> ChainFailure.MISSING_INTERMEDIATE;
                case 0x800B0110 -> ChainFailure.WRONG_PURPOSE;
                case 0x80096004 -> ChainFailure.BAD_SIGNATURE;
                default -> ChainFailure.OTHER;
            };
            out.accept(new ChainValidation(ref, side, e.time(), subject, side, e.time(), TimeBasis.HOST_CLOCK, false, f,
                    "CAPI2 chain policy result 0x" + Long.toHexString(result).toUpperCase(Locale.ROOT)));
        } else if (id == 70) {
            long result = hex(e.value("Result@value"));
            if (result == 0) {
                return;
            }
            out.accept(new CertificateProblemEvent(ref, side, e.time(), subject, IkeFailureReason.PRIVATE_KEY_MISSING,
                    "CAPI2 private key acquisition failed, result 0x" + Long.toHexString(result).toUpperCase(Locale.ROOT)));
        }
    }

    private static ChainFailure chainFailure(long s) {
        if ((s & 0x20L) != 0) {
            return ChainFailure.NO_PATH; // untrusted root
        }
        if ((s & 0x10000L) != 0) {
            return ChainFailure.MISSING_INTERMEDIATE; // partial chain
        }
        if ((s & 0x1L) != 0) {
            return ChainFailure.EXPIRED; // not time valid
        }
        if ((s & 0x8L) != 0) {
            return ChainFailure.BAD_SIGNATURE;
        }
        if ((s & 0x10L) != 0) {
            return ChainFailure.WRONG_PURPOSE;
        }
        return ChainFailure.OTHER;
    }

    private static long hex(String v) {
        if (v == null) {
            return 0;
        }
        String s = v.trim();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        try {
            return Long.parseLong(s, 16);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    static IkeFailureReason reasonFromText(String t) {
        if (t.contains("failed to respond") || t.contains("no response") || t.contains("timed out")
                || t.contains("timeout") || t.contains("did not respond")) {
            return IkeFailureReason.NO_RESPONSE;
        }
        if (t.contains("no policy configured") || t.contains("no matching") || t.contains("policy match")) {
            return IkeFailureReason.POLICY_MISMATCH;
        }
        if (t.contains("proposal") || t.contains("security attributes are unacceptable")) {
            return IkeFailureReason.NO_PROPOSAL_CHOSEN;
        }
        if (t.contains("private key")) {
            return IkeFailureReason.PRIVATE_KEY_MISSING;
        }
        if (t.contains("expired") || t.contains("not yet valid") || t.contains("validity period")) {
            return IkeFailureReason.CERT_EXPIRED;
        }
        if (t.contains("no certificate") || t.contains("certificate not found") || t.contains("no machine certificate")
                || t.contains("find valid machine certificate")) {
            return IkeFailureReason.CERT_NOT_FOUND;
        }
        if (t.contains("trust") || t.contains("root") || t.contains("chain")) {
            return IkeFailureReason.CERT_UNTRUSTED;
        }
        if (t.contains("authentication method") || t.contains("auth method")) {
            return IkeFailureReason.AUTH_METHOD_MISMATCH;
        }
        if (t.contains("authentication") || t.contains("invalid hash") || t.contains("hash verification")
                || t.contains("credentials")) {
            return IkeFailureReason.AUTHENTICATION_FAILED;
        }
        if (t.contains("id information") || t.contains("invalid id")) {
            return IkeFailureReason.INVALID_ID_INFORMATION;
        }
        return IkeFailureReason.OTHER;
    }

    private static boolean quickMode(String lower) {
        return lower.contains("quick mode") || lower.contains("data protection");
    }

    private static AuthMethod authFromText(String t) {
        if (t.contains("preshared") || t.contains("pre-shared") || t.contains("pre shared")) {
            return AuthMethod.PRE_SHARED_KEY;
        }
        if (t.contains("kerberos")) {
            return AuthMethod.KERBEROS;
        }
        if (t.contains("certificate") || t.contains("rsa signature")) {
            return AuthMethod.CERTIFICATE;
        }
        if (t.contains("eap")) {
            return AuthMethod.EAP;
        }
        return AuthMethod.UNKNOWN;
    }

    private static String peer(WinEvent e) {
        String v = field(e, "RemoteAddress", null);
        if (v == null && e.message() != null) {
            v = MessageFields.inSection(e.message(), "Remote Endpoint", "Network Address");
            if (v == null) {
                v = MessageFields.get(e.message(), "Remote Address");
            }
            if (v == null) {
                v = MessageFields.get(e.message(), "Remote Network Address"); // 4655, 4976-4978
            }
        }
        if (v == null && e.eventId() >= 541 && e.eventId() <= 547) {
            Matcher m = Pattern.compile("Peer Identity:.*?(?:IP Address|Address):\\s*(\\S+)",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(text(e));
            if (m.find()) {
                v = m.group(1);
            }
        }
        return v == null || v.isBlank() || v.equals("-") ? null : v.trim();
    }

    private static String local(WinEvent e) {
        String v = field(e, "LocalAddress", null);
        if (v == null && e.message() != null) {
            v = MessageFields.inSection(e.message(), "Local Endpoint", "Network Address");
            if (v == null) {
                v = MessageFields.get(e.message(), "Local Network Address"); // 4655, 4976-4978
            }
        }
        return v == null || v.isBlank() || v.equals("-") ? null : v.trim();
    }

    private static String spi(WinEvent e) {
        String v = field(e, "SPI", "SPI");
        if (v == null) {
            Matcher m = SPI.matcher(text(e));
            if (m.find()) {
                v = m.group(1);
            }
        }
        return v;
    }

    private static long count(WinEvent e) {
        Matcher m = COUNT.matcher(text(e));
        if (m.find()) {
            try {
                return Math.max(1, Long.parseLong(m.group(1)));
            } catch (NumberFormatException ex) {
                return 1;
            }
        }
        for (WinEvent.Datum d : e.data()) {
            if (d.value().trim().matches("\\d{1,9}") && e.message() == null && e.eventId() == 4285) {
                return Math.max(1, Long.parseLong(d.value().trim()));
            }
        }
        return 1;
    }

    /** A named EventData value, or the same field from the message text of an export. */
    private static String field(WinEvent e, String dataName, String messageLabel) {
        String v = e.value(dataName);
        if (v == null && messageLabel != null && e.message() != null) {
            v = MessageFields.get(e.message(), messageLabel);
        }
        return v;
    }

    /** Everything readable about the event: its message, then its values. */
    static String text(WinEvent e) {
        StringBuilder sb = new StringBuilder();
        if (e.message() != null) {
            sb.append(e.message()).append('\n');
        }
        for (WinEvent.Datum d : e.data()) {
            sb.append(d.value()).append('\n');
        }
        return sb.toString();
    }

    private static String detail(WinEvent e) {
        String s = e.message();
        if (s == null || s.isBlank()) {
            StringBuilder sb = new StringBuilder("event ").append(e.eventId());
            for (WinEvent.Datum d : e.data()) {
                if (sb.length() > DETAIL_MAX) {
                    break;
                }
                String v = d.value().trim();
                if (!v.isEmpty() && !v.equals("-")) {
                    sb.append("; ");
                    if (d.name() != null) {
                        sb.append(d.name()).append('=');
                    }
                    sb.append(v);
                }
            }
            s = sb.toString();
        }
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > DETAIL_MAX ? s.substring(0, DETAIL_MAX) + "..." : s;
    }
}
