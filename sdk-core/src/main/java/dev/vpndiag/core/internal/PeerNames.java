package dev.vpndiag.core.internal;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.StoredCertificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a certificate carries the identity a VPN client expects of its server, for the
 * CERT_NAME_MISMATCH rules. An identity is one of:
 *
 * <ul>
 * <li>a host name ({@code vpn.example.com}, strongSwan {@code @vpn.example.com} or
 *     {@code fqdn:}/{@code dns:}): carried by a DNS subject alternative name or a subject common
 *     name, compared without case and without a trailing dot; a certificate name whose leftmost
 *     label is exactly {@code *} stands for one label, and only below at least two more labels
 *     (RFC 6125 section 6.4.3: {@code *.example.com} names {@code vpn.example.com}, not
 *     {@code example.com} nor {@code a.b.example.com});</li>
 * <li>an IP address ({@code 203.0.113.5}, {@code 2001:db8::5}): carried by an IP address subject
 *     alternative name, or a common name holding the same address (Windows accepts that);</li>
 * <li>a distinguished name ({@code C=DE, O=Example, CN=vpn.example.com}): carried by the subject
 *     or a directory-name alternative name with the same attributes, in any order, values compared
 *     without case and with runs of white space as one; a value of {@code *} matches any value
 *     (strongSwan's wildcard). Attributes that are written as hex ({@code #...}) or are e-mail
 *     addresses are left out of the comparison on both sides.</li>
 * </ul>
 *
 * E-mail identities, key ids and anything else cannot be judged here.
 */
public final class PeerNames {
    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\\.[A-Za-z0-9_-]{1,63})*\\.?");
    private static final Set<String> IKE_PURPOSES = Set.of("serverAuth", "clientAuth", "ipsecIKE", "ipsecIKEIntermediate",
            "ipsecEndSystem", "ipsecTunnel", "ipsecUser", "anyExtendedKeyUsage");
    private static final Map<String, String> ATTRIBUTE_ALIASES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "ST"),
            Map.entry("S", "ST"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"), Map.entry("2.5.4.5", "SERIALNUMBER"),
            Map.entry("SN", "SERIALNUMBER"), Map.entry("2.5.4.4", "SURNAME"), Map.entry("E", "EMAILADDRESS"),
            Map.entry("EMAIL", "EMAILADDRESS"), Map.entry("1.2.840.113549.1.9.1", "EMAILADDRESS"),
            Map.entry("DC", "DC"), Map.entry("0.9.2342.19200300.100.1.25", "DC"), Map.entry("UID", "UID"),
            Map.entry("0.9.2342.19200300.100.1.1", "UID"));

    private PeerNames() {
    }

    /** The kinds of identity this class can compare. */
    private enum Kind { HOST, IP, DN, NONE }

    /**
     * True when the certificate is one the server can authenticate with in IKE: an end-entity
     * certificate of the server's own store (personal or unknown, not known to lack its key), or
     * one the server presented to the client; and with no extended key usage, or one that allows
     * IKE.
     */
    public static boolean serverCertificate(StoredCertificate c) {
        if (c == null || c.ca()) {
            return false;
        }
        boolean own = c.side() == Side.SERVER && !Boolean.FALSE.equals(c.hasPrivateKey())
                && (c.store() == CertificateStore.MACHINE_PERSONAL || c.store() == CertificateStore.UNKNOWN
                || c.store() == CertificateStore.PEER_PRESENTED);
        boolean presented = c.side() == Side.CLIENT && c.store() == CertificateStore.PEER_PRESENTED;
        if (!own && !presented) {
            return false;
        }
        return c.extendedKeyUsage().isEmpty() || c.extendedKeyUsage().stream().anyMatch(IKE_PURPOSES::contains);
    }

    /** True when the identity is of a kind a certificate can be compared with (host name, IP address, DN). */
    public static boolean judgeable(String identity) {
        return kind(identity) != Kind.NONE;
    }

    /** True when both name the same connection (case-insensitively; two absent names are the same). */
    public static boolean sameConnection(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    /** True when the certificate carries the identity; false also when the identity cannot be judged. */
    public static boolean carries(StoredCertificate c, String identity) {
        if (c == null) {
            return false;
        }
        Kind kind = kind(identity);
        String id = value(identity);
        switch (kind) {
            case HOST: {
                String host = trimDot(id).toLowerCase(Locale.ROOT);
                for (String name : c.subjectAltNames()) {
                    if (name.regionMatches(true, 0, "DNS:", 0, 4) && hostMatches(name.substring(4), host)) {
                        return true;
                    }
                }
                for (String cn : commonNames(c.subject())) {
                    if (hostMatches(cn, host)) {
                        return true;
                    }
                }
                return false;
            }
            case IP: {
                byte[] want = address(id);
                for (String name : c.subjectAltNames()) {
                    if (name.regionMatches(true, 0, "IP:", 0, 3) && java.util.Arrays.equals(want, address(name.substring(3).strip()))) {
                        return true;
                    }
                }
                for (String cn : commonNames(c.subject())) {
                    if (java.util.Arrays.equals(want, address(cn.strip()))) {
                        return true;
                    }
                }
                return false;
            }
            case DN: {
                List<String[]> want = attributes(id);
                if (want.isEmpty()) {
                    return false;
                }
                if (sameDn(want, attributes(c.subject()))) {
                    return true;
                }
                for (String name : c.subjectAltNames()) {
                    if (name.regionMatches(true, 0, "DN:", 0, 3) && sameDn(want, attributes(name.substring(3)))) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return false;
        }
    }

    /** A short description of the names the certificate carries, for explanations. */
    public static String namesOf(StoredCertificate c) {
        List<String> names = new ArrayList<>();
        for (String n : c.subjectAltNames()) {
            if (n.regionMatches(true, 0, "DNS:", 0, 4) || n.regionMatches(true, 0, "IP:", 0, 3)) {
                names.add(n.substring(n.indexOf(':') + 1));
            }
        }
        String subject = c.subject() == null ? "(no subject)" : c.subject();
        return names.isEmpty() ? subject : subject + " (alternative names " + String.join(", ", names) + ")";
    }

    private static Kind kind(String identity) {
        if (identity == null) {
            return Kind.NONE;
        }
        String raw = identity.strip();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (raw.isEmpty() || lower.startsWith("%") || lower.startsWith("@#") || lower.startsWith("@@")
                || lower.startsWith("keyid:") || lower.startsWith("email:") || lower.startsWith("rfc822:")
                || lower.startsWith("userfqdn:") || lower.startsWith("asn1gn:") || lower.contains(":#")) {
            return Kind.NONE;
        }
        if (lower.startsWith("fqdn:") || lower.startsWith("dns:") || lower.startsWith("@")) {
            return HOST.matcher(value(raw)).matches() ? Kind.HOST : Kind.NONE;
        }
        if (lower.startsWith("ipv4:") || lower.startsWith("ipv6:")) {
            return address(value(raw)) != null ? Kind.IP : Kind.NONE;
        }
        if (lower.startsWith("asn1dn:") || raw.contains("=")) {
            return Kind.DN;
        }
        if (raw.contains("@")) {
            return Kind.NONE; // an e-mail address
        }
        if (address(raw) != null) {
            return Kind.IP;
        }
        return HOST.matcher(raw).matches() ? Kind.HOST : Kind.NONE;
    }

    /** The identity without quotes and without strongSwan's type prefix or {@code @}. */
    private static String value(String identity) {
        String v = identity.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        String lower = v.toLowerCase(Locale.ROOT);
        for (String prefix : List.of("fqdn:", "dns:", "ipv4:", "ipv6:", "asn1dn:")) {
            if (lower.startsWith(prefix)) {
                return v.substring(prefix.length()).strip();
            }
        }
        return v.startsWith("@") ? v.substring(1) : v;
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** RFC 6125 host name matching with a whole-label leftmost wildcard. */
    static boolean hostMatches(String certName, String host) {
        String pattern = trimDot(certName.strip()).toLowerCase(Locale.ROOT);
        if (pattern.isEmpty() || host.isEmpty()) {
            return false;
        }
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String suffix = pattern.substring(1); // ".example.com"
        if (suffix.indexOf('*') >= 0 || suffix.chars().filter(ch -> ch == '.').count() < 2) {
            return false; // only the leftmost label, and never directly under a top-level domain
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String label = host.substring(0, host.length() - suffix.length());
        return !label.isEmpty() && label.indexOf('.') < 0 && address(host) == null;
    }

    /** The address of an IPv4 or IPv6 literal, or null; never looks anything up. */
    static byte[] address(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (IPV4.matcher(t).matches()) {
            String[] parts = t.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return b;
        }
        if (t.indexOf(':') >= 0 && IPV6.matcher(t).matches()) {
            try {
                // a literal with ':' is parsed, never resolved
                return java.net.InetAddress.getByName(t).getAddress();
            } catch (java.net.UnknownHostException | SecurityException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> commonNames(String subject) {
        List<String> out = new ArrayList<>();
        for (String[] a : attributes(subject)) {
            if (a[0].equals("CN")) {
                out.add(a[1]);
            }
        }
        return out;
    }

    /** The attributes of a distinguished name as {type, value} pairs, types in upper case and normalised. */
    static List<String[]> attributes(String dn) {
        List<String[]> out = new ArrayList<>();
        if (dn == null) {
            return out;
        }
        String s = dn.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.regionMatches(true, 0, "asn1dn:", 0, 7)) {
            s = s.substring(7);
        }
        // "C=DE, O=Example, CN=x" (RFC 4514 and strongSwan) or "/C=DE/O=Example/CN=x" (OpenSSL)
        String separators = s.startsWith("/") ? "/" : ",;+";
        StringBuilder cur = new StringBuilder();
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                cur.append(ch).append(s.charAt(++i));
            } else if (ch == '"') {
                quoted = !quoted;
                cur.append(ch);
            } else if (!quoted && separators.indexOf(ch) >= 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(cur.toString());
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String type = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            if (type.startsWith("OID.")) {
                type = type.substring(4);
            }
            type = ATTRIBUTE_ALIASES.getOrDefault(type, type);
            String value = part.substring(eq + 1).strip();
            out.add(new String[] {type, value.startsWith("#") ? value : unescape(value)});
        }
        return out;
    }

    private static String unescape(String v) {
        String s = v;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (i + 2 < s.length() && Character.digit(n, 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    b.append(n);
                    i++;
                }
            } else {
                b.append(ch);
            }
        }
        return b.toString().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Same attributes in any order; {@code *} in the expected name matches any value of its type. */
    private static boolean sameDn(List<String[]> want, List<String[]> have) {
        List<String[]> w = comparable(want);
        List<String[]> h = new ArrayList<>(comparable(have));
        if (w.isEmpty() || w.size() != h.size()) {
            return false;
        }
        for (String[] a : w) {
            int found = -1;
            for (int i = 0; i < h.size(); i++) {
                String[] b = h.get(i);
                if (a[0].equals(b[0]) && (a[1].equals("*") || a[1].equals(b[1]))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            h.remove(found);
        }
        return true;
    }

    private static List<String[]> comparable(List<String[]> attributes) {
        return attributes.stream().filter(a -> !a[1].startsWith("#") && !a[0].equals("EMAILADDRESS")).toList();
    }
}
