package dev.vpndiag.plugin.eventlog.windows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds RAS and IKE error codes in text as people paste it: the error dialog's English wording with
 * or without its number, "Error 809" and its translations, "error code: 809", "(809)" after an error
 * word, HRESULT forms such as 0x80070329, and the RasClient connection-failure sentence.
 *
 * <p>A bare number is never taken for a code: it needs an error word or a known sentence, and it must
 * fall in the RAS range (600-999) or the IKE range (13800-13999).
 *
 * <p>Sources of the wording: the message table of {@code %SystemRoot%\System32\mprmsg.dll} (Windows 2000
 * to 11), as listed by libyal/winevt-kb in {@code docs/sources/message-files/MessageFile-mprmsg.dll.md}
 * (the RAS codes; the same texts make up Microsoft's "Routing and Remote Access Error Codes" list); the
 * {@code ERROR_IPSEC_IKE_*} message texts of the Windows SDK's winerror.h (13801-13908), whose numbers
 * match Microsoft's "System Error Codes (12000-15999)" page.
 */
final class RasErrorText {
    /** A code found in text: where it was, the code, and the connection name when the text gives one. */
    record Match(int start, int end, int code, String connection, boolean numeric) {
    }

    /**
     * One known wording. {@code distinctive} wordings are matched anywhere; the others only in RAS event text.
     * {@code anchor} is its longest word in lower case: text without it cannot hold the wording.
     */
    private record Wording(int code, Pattern pattern, boolean distinctive, String anchor) {
    }

    private static final List<Wording> WORDINGS = new ArrayList<>();

    static {
        // 691 ERROR_AUTHENTICATION_FAILURE: Windows 7 to 11, Vista, 2000
        add(691, "The remote connection was denied because the user name and password combination you provided is not recognized");
        add(691, "The connection was denied because the username and/or password you specified is invalid");
        add(691, "Access was denied because the username and/or password was invalid on the domain");
        // 720 ERROR_PPP_NO_PROTOCOLS_CONFIGURED: XP and later; Windows 2000 said what 732 says, with a prefix
        add(720, "A connection to the remote computer could not be established. You might need to change the network settings for this connection");
        add(720, "The connection attempt failed because your computer and the remote computer could not agree on PPP control protocols");
        // 732 ERROR_PPP_NOT_CONVERGING, 734 ERROR_PPP_LCP_TERMINATED
        add(732, "Your computer and the remote computer could not agree on PPP control protocols");
        add(734, "The PPP link control protocol was terminated");
        // 741 ERROR_NO_LOCAL_ENCRYPTION, 742 ERROR_NO_REMOTE_ENCRYPTION
        add(741, "The local computer does not support the required data encryption type");
        add(742, "The remote computer does not support the required data encryption type");
        // 766 ERROR_NO_CERTIFICATE; 781 ERROR_NO_EAPTLS_CERTIFICATE (Windows 2000, XP/2003; empty since Vista)
        add(766, "A certificate could not be found. Connections that use the L2TP protocol over IPSec require the installation of a machine certificate");
        add(781, "The encryption attempt failed because no valid certificate was found");
        add(781, "The connection requires a certificate, and no valid certificate was found");
        // 786-793 ERROR_OAKLEY_*: 786 reads "The L2TP connection attempt failed ..." before Vista, "The connection attempt ..." since
        add(786, "connection attempt failed because there is no valid machine certificate on your computer for security authentication");
        add(787, "The L2TP connection attempt failed because the security layer could not authenticate the remote computer");
        add(788, "The L2TP connection attempt failed because the security layer could not negotiate compatible parameters with the remote computer");
        add(789, "The L2TP connection attempt failed because the security layer encountered a processing error during initial negotiations with the remote computer");
        add(790, "The L2TP connection attempt failed because certificate validation of the remote computer failed");
        add(790, "The L2TP connection attempt failed because certificate validation on the remote computer failed");
        add(791, "The L2TP connection attempt failed because security policy for the connection was not found");
        add(792, "The L2TP connection attempt failed because security negotiation timed out");
        add(793, "The L2TP connection attempt failed because an error occurred while negotiating security");
        // 798: no certificate for the connection's EAP (EAP-TLS, smart card or user certificate)
        add(798, "A certificate could not be found that can be used with this Extensible Authentication Protocol");
        // 800 ERROR_AUTOMATIC_VPN_FAILED: Windows 7 and later, XP
        add(800, "The remote connection was not made because the attempted VPN tunnels failed");
        add(800, "Unable to establish the VPN connection. The VPN server may be unreachable, or security parameters may not be configured properly for this connection");
        // 809 ERROR_VPN_TIMEOUT, 812 ERROR_ACCESS_DENIED_NO_MATCH (a policy on the RAS/VPN server)
        add(809, "The network connection between your computer and the VPN server could not be established because the remote server is not responding");
        add(812, "The connection was prevented because of a policy configured on your RAS/VPN server");
        // 835: 787's sentence and why (a field of the server's certificate does not name the destination)
        add(835, "The L2TP connection attempt failed because the security layer could not authenticate the remote computer. "
                + "This could be because one or more fields of the certificate presented by the remote server could not be validated as belonging to the target destination");
        // 868: the server's name did not resolve
        add(868, "The remote connection was not made because the name of the remote access server did not resolve");
        // winerror.h ERROR_IPSEC_IKE_*
        add(13801, "IKE authentication credentials are unacceptable");
        add(13802, "IKE security attributes are unacceptable");
        add(13806, "IKE failed to find valid machine certificate");
        add(13820, "IKE negotiation failed because the machine certificate used does not have a private key");
        add(13847, "Peer failed to send valid machine certificate");
        add(13887, "Certificate doesn't chain to a trusted root in IPsec policy");
        // "Policy match error" is short, but no other Windows text says it: the user quoting the dialog
        add(13868, "policy match error");
        // the Simplified Chinese dialog's wording of the commonest IKE errors, as users of Chinese Windows quote it
        add(13806, "\u65e0\u6cd5\u627e\u5230\u6709\u6548\u7684\u8ba1\u7b97\u673a\u8bc1\u4e66");
        add(13801, "IKE \u8eab\u4efd\u9a8c\u8bc1\u51ed\u636e\u4e0d\u53ef\u63a5\u53d7");
        add(13868, "\u7b56\u7565\u5339\u914d\u9519\u8bef");
        // Too short or too common to stand alone; taken only from a RAS event's own text ("... following error: Policy match error")
        addShort(13804, "General processing error");
        addShort(13805, "Negotiation timed out");
        addShort(13825, "No policy configured");
        addShort(13843, "Invalid payload received");
        addShort(13870, "Hash verification failed");
        addShort(13876, "Load failed");
    }

    /** RasClient 20227 and 20226: "The user U dialed a connection named N which has failed. The error code returned on failure is C." */
    private static final Pattern DIALED = Pattern.compile(
            "dialed\\s+a\\s+connection\\s+named\\s+(.{1,256}?)\\s+which\\s+has\\s+(?:failed|terminated)\\.?\\s+"
                    + "the\\s+(?:error|reason)\\s+code\\s+returned\\s+on\\s+(?:failure|termination)\\s+is\\s+(-?\\d{1,10})",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Error words of the languages Windows ships in that stand before the number ("Ошибка 809", "Fehler 809"). */
    private static final String ERROR_WORDS = "errors?|erreur|errore|erro|b\u0142\u0105d|blad|hata|chyba|hiba|fel|feil|fejl"
            + "|virhe|eroare|klaida|k\u013c\u016bda|viga|napaka|gre\u0161ka|\u0433\u0440\u0435\u0448\u043a\u0430"
            + "|\u043f\u043e\u043c\u0438\u043b\u043a\u0430|\u043e\u0448\u0438\u0431\u043a\u0430|\u043e\u0448\u0438\u0431\u043a\u0438"
            + "|\u03c3\u03c6\u03ac\u03bb\u03bc\u03b1|l\u1ed7i|kesalahan";
    /** Error words that also end compounds ("Verbindungsfehler 809") or stand in scripts without spaces: no word boundary. */
    private static final String UNBOUNDED_ERROR_WORDS = "fehler|fout|\u9519\u8bef|\u932f\u8aa4|\uc624\ub958|\u30a8\u30e9\u30fc|\u05e9\u05d2\u05d9\u05d0\u05d4|\u062e\u0637\u0623";
    private static final String NUMBER = "(0x[0-9a-f]{8}|\\d{3,5})(?![0-9a-z])(?![/.:,-]\\d)";
    /** "Error 809", "error: 809", "Error #809", "error (809)", "Fehler 809", "错误 809", "Error code: 809". */
    private static final Pattern ERROR_NUMBER = Pattern.compile(
            "(?:(?<![\\p{L}\\p{N}_])(?:" + ERROR_WORDS + ")|" + UNBOUNDED_ERROR_WORDS + ")"
                    + "(?:\\s*(?:codes?|\u043a\u043e\u0434|kod|kodu|k\u00f3d|koodi|\ucf54\ub4dc|\u4ee3\u7801|\u4ee3\u78bc|\u78bc|\u7801|\u30b3\u30fc\u30c9|nummer|number|no\\.?|nr\\.?))?"
                    + "\\s*[:\uff1a#=-]?\\s*[(\\[]?\\s*" + NUMBER,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "The error code returned on failure is 809", "Fehlercode lautet 809", "Код ошибки: 809", "code d'erreur : 809". */
    private static final Pattern CODE_PHRASE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_])(?:error\\s+code|reason\\s+code|fehlercode|fehlernummer|code\\s+d['\u2019]erreur|c[\u00f3o]digo\\s+de\\s+error"
                    + "|c[\u00f3o]digo\\s+de\\s+erro|codice\\s+(?:di\\s+)?errore|\u043a\u043e\u0434\\s+\u043e\u0448\u0438\u0431\u043a\u0438"
                    + "|foutcode|kod\\s+b[\u0142l][\u0119e]du|hata\\s+kodu|felkod|feilkode|fejlkode|virhekoodi|hibak[\u00f3o]d"
                    + "|\u9519\u8bef\u4ee3\u7801|\u932f\u8aa4\u4ee3\u78bc|\u932f\u8aa4\u78bc|\uc624\ub958\\s*\ucf54\ub4dc|\u30a8\u30e9\u30fc\\s*\u30b3\u30fc\u30c9)"
                    + "[^\\d\\n.\u3002]{0,40}?" + NUMBER,
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** An HRESULT made from a Win32 code: 0x8007 then the code in hex (0x80070329 is 809). */
    private static final Pattern HRESULT = Pattern.compile("(?<![0-9a-z])0x8007([0-9a-f]{4})(?![0-9a-z])", Pattern.CASE_INSENSITIVE);

    private RasErrorText() {
    }

    private static void add(int code, String wording) {
        WORDINGS.add(new Wording(code, compile(wording), true, anchor(wording)));
    }

    private static void addShort(int code, String wording) {
        WORDINGS.add(new Wording(code, compile(wording), false, anchor(wording)));
    }

    private static String anchor(String wording) {
        String longest = "";
        for (String w : wording.split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > longest.length()) {
                longest = w;
            }
        }
        return longest.toLowerCase(Locale.ROOT);
    }

    /** The wording as a pattern that ignores case, whitespace and line breaks between words, and the final period. */
    private static Pattern compile(String wording) {
        if (wording.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            // Chinese runs words together, and users type the Latin "IKE" in front with or without a space
            StringBuilder cjk = new StringBuilder();
            for (String w : wording.trim().split("\\s+")) {
                cjk.append(cjk.length() == 0 ? "" : "\\s*").append(Pattern.quote(w));
            }
            return Pattern.compile(cjk.toString(), Pattern.CASE_INSENSITIVE);
        }
        StringBuilder re = new StringBuilder("(?<![\\p{L}])");
        String[] words = wording.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                re.append("\\s+");
            }
            re.append(Pattern.quote(words[i]).replace("'", "\\E['\u2019]\\Q"));
        }
        re.append("(?![\\p{L}])");
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }

    /** True for a number in the RAS (600-999) or IKE (13800-13999) error ranges. */
    static boolean plausible(int code) {
        return code >= 600 && code <= 999 || code >= 13800 && code <= 13999 || CERTIFICATE_HRESULTS.contains(code);
    }

    /**
     * Certificate errors a dial can fail with, which Windows reports as HRESULTs (RasClient 20227 prints them
     * in signed decimal: -2146762495 is 0x800B0101): CERT_E_EXPIRED, CERT_E_UNTRUSTEDROOT, CERT_E_CHAINING,
     * CERT_E_CN_NO_MATCH, CERT_E_WRONG_USAGE.
     */
    static final java.util.Set<Integer> CERTIFICATE_HRESULTS = java.util.Set.of(0x800B0101, 0x800B0109, 0x800B010A,
            0x800B010F, 0x800B0110);

    /** A code as written: decimal (signed for an HRESULT) or 0x hex; null when it does not fit 32 bits. */
    static Integer parse(String s) {
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            return v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL ? (int) v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The code a RAS event's text names by wording alone (short IKE texts included), or null. */
    static Integer codeOfWording(String text) {
        Match best = null;
        for (Match m : wordings(text, text.toLowerCase(Locale.ROOT), true)) {
            if (best == null || m.start() < best.start()) {
                best = m;
            }
        }
        return best == null ? null : best.code();
    }

    /**
     * Every mention of a code in the text, one per mention: a number and the wording right next to it
     * (before or after) are one mention, and of overlapping wordings the longer wins. In text order.
     */
    static List<Match> find(String text) {
        List<Match> all = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher d = DIALED.matcher(text);
        while (d.find()) {
            Integer code = parse(d.group(2));
            if (code != null && plausible(code)) { // 20226 ends "... on termination is 0." after a normal hang-up
                all.add(new Match(d.start(), d.end(), code, d.group(1).replaceAll("\\s+", " ").trim(), true));
            }
        }
        if (mayName(lower)) {
            numbers(ERROR_NUMBER.matcher(text), all);
            numbers(CODE_PHRASE.matcher(text), all);
        }
        Matcher h = HRESULT.matcher(text);
        while (lower.contains("0x8007") && h.find()) {
            int code = Integer.parseInt(h.group(1), 16);
            if (plausible(code)) {
                all.add(new Match(h.start(), h.end(), code, null, true));
            }
        }
        all.addAll(wordings(text, lower, false));
        all.sort(Comparator.comparingInt(Match::start).thenComparing(m -> -(m.end() - m.start())));
        return merge(all, text);
    }

    /** Words one of which every error-number form holds (a cheap test before the patterns). */
    private static final List<String> NUMBER_WORDS = List.of("err", "fehler", "fout", "b\u0142\u0105d", "blad", "hata", "chyba",
            "hiba", "fel", "feil", "fejl", "virhe", "klaida", "k\u013c\u016bda", "viga", "napaka", "gre\u0161ka", "\u0433\u0440\u0435\u0448\u043a\u0430",
            "\u043f\u043e\u043c\u0438\u043b\u043a\u0430", "\u043e\u0448\u0438\u0431\u043a", "\u03c3\u03c6\u03ac\u03bb\u03bc\u03b1",
            "l\u1ed7i", "kesalahan", "\u9519\u8bef", "\u932f\u8aa4", "\uc624\ub958", "\u30a8\u30e9\u30fc", "\u05e9\u05d2\u05d9\u05d0\u05d4",
            "\u062e\u0637\u0623", "code", "c\u00f3digo", "codice", "\u043a\u043e\u0434", "kod", "k\u00f3d", "koodi");

    private static boolean mayName(String lower) {
        for (String w : NUMBER_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static void numbers(Matcher m, List<Match> out) {
        while (m.find()) {
            Integer code = number(m.group(1));
            if (code != null) {
                out.add(new Match(m.start(), m.end(), code, null, true));
            }
        }
    }

    /**
     * A decimal code, or the Win32 code in an HRESULT (0x8007xxxx) or a plain 32-bit hex value (0x0000xxxx), or
     * a certificate HRESULT itself.
     */
    private static Integer number(String s) {
        int code;
        if (s.length() > 2 && (s.charAt(1) == 'x' || s.charAt(1) == 'X')) {
            long v = Long.parseLong(s.substring(2), 16);
            long high = v >>> 16;
            if (CERTIFICATE_HRESULTS.contains((int) v)) {
                return (int) v;
            }
            if (high != 0x8007L && high != 0) {
                return null;
            }
            code = (int) (v & 0xFFFF);
        } else {
            code = Integer.parseInt(s);
        }
        return plausible(code) ? code : null;
    }

    private static List<Match> wordings(String text, String lower, boolean includeShort) {
        List<Match> out = new ArrayList<>();
        for (Wording w : WORDINGS) {
            if (!w.distinctive() && !includeShort || !lower.contains(w.anchor())) {
                continue;
            }
            Matcher m = w.pattern().matcher(text);
            while (m.find()) {
                out.add(new Match(m.start(), m.end(), w.code(), null, false));
            }
        }
        return out;
    }

    /** Joins the parts of one mention; the list is sorted by start, longest first. */
    private static List<Match> merge(List<Match> sorted, String text) {
        List<Match> out = new ArrayList<>();
        for (Match m : sorted) {
            if (out.isEmpty()) {
                out.add(m);
                continue;
            }
            Match last = out.get(out.size() - 1);
            boolean overlaps = m.start() < last.end();
            boolean adjacent = !overlaps && m.start() - last.end() <= 12 && text.substring(last.end(), m.start()).matches("[\\s:.,;()\\[\\]\"'\u2013\u2014-]*");
            if (!overlaps && !adjacent) {
                out.add(m);
                continue;
            }
            if (last.numeric() && m.numeric() && last.code() != m.code()) {
                if (!overlaps) {
                    out.add(m);
                }
                continue; // "Error 809 / Error 789": two mentions; an overlapping second number is part of the first
            }
            if (!last.numeric() && !m.numeric() && last.code() != m.code() && !overlaps) {
                out.add(m); // two different wordings one after the other
                continue;
            }
            // one mention: a number wins over wording; of two wordings the longer (earlier-sorted) one wins
            int code = last.numeric() || !m.numeric() ? last.code() : m.code();
            String connection = last.connection() != null ? last.connection() : m.connection();
            out.set(out.size() - 1, new Match(last.start(), Math.max(last.end(), m.end()), code, connection,
                    last.numeric() || m.numeric()));
        }
        return out;
    }

    /** The text with typographic quotes and markdown emphasis made plain, same length and offsets. */
    static String plain(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(switch (c) {
                case '\u2019', '\u2018' -> '\'';
                case '*', '`', '\u00a0' -> ' ';
                default -> c;
            });
        }
        return sb.toString();
    }
}
