package dev.vpndiag.api.fact;

/**
 * Software a side's evidence comes from, so that advice and requests for more evidence name the
 * commands and files of that software: {@code netsh} for Windows, {@code ipsec statusall} for
 * strongSwan. The catalogue keys its platform-specific wording by the lower-case constant name.
 */
public enum Platform {
    /** Windows: event logs, {@code netsh}, registry, {@code certutil}. */
    WINDOWS,
    /** macOS (racoon, the VPN client's dialogs, {@code ppp.log}). */
    MACOS,
    /** Linux host tools ({@code ethtool}, {@code ip xfrm}, journal), whatever IKE daemon runs. */
    LINUX,
    /** strongSwan's charon, {@code ipsec}, {@code swanctl}. */
    STRONGSWAN,
    /** Libreswan's (or Openswan's) pluto. */
    LIBRESWAN,
    /** The xl2tpd L2TP daemon. */
    XL2TPD,
    /** The pppd PPP daemon. */
    PPPD;

    /** The catalogue's key for this platform: the constant name in lower case. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
