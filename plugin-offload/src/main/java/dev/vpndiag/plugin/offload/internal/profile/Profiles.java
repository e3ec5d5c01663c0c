package dev.vpndiag.plugin.offload.internal.profile;

import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the connection formats share: strongSwan's address and authentication keywords, and emitting. */
final class Profiles {
    private Profiles() {
    }

    /** Emits one profile. */
    static void emit(ReadContext context, String locator, String name, String tunnelType, String peerAddress,
                     String peerIdentity, String localIdentity, AuthMethod localAuth, AuthMethod peerAuth) {
        context.emit(new ConnectionProfile(context.ref(locator), context.side(), null, name, tunnelType, peerAddress,
                peerIdentity, localIdentity, localAuth, peerAuth));
    }

    /**
     * The first single address of a strongSwan address list ({@code right=}, {@code remote_addrs}),
     * or null when it names none: {@code %any}, {@code %defaultroute} and the like, subnets and
     * ranges. A {@code %} in front of a host name (resolve on each use) is dropped.
     */
    static String firstAddress(String list) {
        if (list == null) {
            return null;
        }
        for (String part : list.split(",")) {
            String a = part.strip();
            if (a.startsWith("%")) {
                String rest = a.substring(1).toLowerCase(Locale.ROOT);
                if (rest.isEmpty() || rest.matches("any[46]?|defaultroute|group|opportunistic.*|direct")) {
                    continue;
                }
                a = a.substring(1);
            }
            if (a.isEmpty() || a.contains("/") || RANGE.matcher(a).matches()) {
                continue;
            }
            return a;
        }
        return null;
    }

    private static final Pattern RANGE = Pattern.compile("[0-9.]+-[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:]*-[0-9a-fA-F:]+");

    /** An identity as strongSwan reads it: quotes removed, {@code %any} kept, empty as null. */
    static String identity(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /**
     * strongSwan's authentication keyword ({@code leftauth}/{@code rightauth}, swanctl
     * {@code auth}, or ipsec.conf {@code authby}) as an IKE method.
     */
    static AuthMethod strongSwanAuth(String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return AuthMethod.UNKNOWN;
        }
        String k = keyword.strip().toLowerCase(Locale.ROOT);
        if (k.startsWith("ike:")) {
            k = k.substring(4);
        }
        if (k.equals("psk") || k.equals("secret") || k.equals("xauthpsk")) {
            return AuthMethod.PRE_SHARED_KEY;
        }
        if (k.startsWith("pubkey") || k.startsWith("rsa") || k.startsWith("ecdsa") || k.startsWith("ed25519")
                || k.startsWith("ed448") || k.startsWith("bliss") || k.equals("xauthrsasig")) {
            return AuthMethod.CERTIFICATE;
        }
        if (k.startsWith("eap")) {
            return AuthMethod.EAP;
        }
        return AuthMethod.UNKNOWN;
    }

    /** True when a traffic selector or protoport names L2TP (UDP port 1701). */
    static boolean l2tpSelector(String value) {
        if (value == null) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT).replace(" ", "");
        return v.contains("17/1701") || v.contains("udp/1701") || v.contains("udp/l2tp") || v.contains("17/l2tp");
    }
}
