package dev.vpndiag.plugin.offload.internal.profile;

import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.util.Locale;
import java.util.Map;

/**
 * One object of {@code Get-VpnConnection} (shown by {@code Format-List}, its default view):
 * {@code Name}, {@code ServerAddress}, {@code TunnelType} ({@code Pptp}, {@code L2tp}, {@code Sstp},
 * {@code Ikev2}, {@code Automatic}), {@code AuthenticationMethod} (PPP or IKEv2 user
 * authentication such as {@code {MsChapv2}}, {@code {Eap}}, {@code {MachineCertificate}}) and
 * {@code L2tpIPsecAuth} ({@code Certificate} or {@code Psk}: how L2TP's IPsec authenticates).
 */
public final class VpnConnectionObject {
    private VpnConnectionObject() {
    }

    /**
     * Emits the profile when the object is a VPN connection.
     *
     * @param props the object's properties, names in lower case
     * @return false when the object is something else
     */
    public static boolean take(ReadContext context, Map<String, String> props, String locator) {
        String server = get(props, "serveraddress");
        String type = get(props, "tunneltype");
        String name = get(props, "name");
        if (server == null || type == null || name == null || name.isEmpty()) {
            return false;
        }
        String tunnel = switch (type.toLowerCase(Locale.ROOT)) {
            case "l2tp" -> "L2TP";
            case "ikev2" -> "IKEv2";
            case "pptp" -> "PPTP";
            case "sstp" -> "SSTP";
            case "automatic" -> "Automatic";
            default -> type.isEmpty() ? null : type;
        };
        String methods = get(props, "authenticationmethod");
        String lowerMethods = methods == null ? "" : methods.toLowerCase(Locale.ROOT);
        String l2tpAuth = get(props, "l2tpipsecauth");
        AuthMethod local = AuthMethod.UNKNOWN;
        AuthMethod peer = AuthMethod.UNKNOWN;
        if ("L2TP".equals(tunnel) && l2tpAuth != null) {
            local = l2tpAuth.equalsIgnoreCase("Psk") ? AuthMethod.PRE_SHARED_KEY
                    : l2tpAuth.equalsIgnoreCase("Certificate") ? AuthMethod.CERTIFICATE : AuthMethod.UNKNOWN;
            peer = local;
        } else if ("IKEv2".equals(tunnel)) {
            peer = AuthMethod.CERTIFICATE;
            local = lowerMethods.contains("machinecertificate") ? AuthMethod.CERTIFICATE
                    : lowerMethods.contains("eap") || lowerMethods.contains("mschapv2") ? AuthMethod.EAP : AuthMethod.UNKNOWN;
        }
        Profiles.emit(context, locator, name, tunnel, server.isEmpty() ? null : server, null, null, local, peer);
        return true;
    }

    private static String get(Map<String, String> props, String key) {
        String v = props.get(key);
        return v == null ? null : v.strip();
    }
}
