package dev.vpndiag.plugin.eventlog.linux.internal.text;

/** The program a log line came from, as its envelope or the file's shape says. */
public enum Program {
    /** strongSwan's IKE daemon (charon, charon-systemd, charon-nm) or its command line tools. */
    CHARON,
    /** strongSwan status output ({@code ipsec statusall}, {@code swanctl --list-sas}). */
    STRONGSWAN_STATUS,
    /** libreswan's (or Openswan's) IKE daemon. */
    PLUTO,
    /** The L2TP daemon xl2tpd. */
    XL2TPD,
    /** The PPP daemon. */
    PPPD,
    /** macOS's IKEv1 daemon racoon (the built-in L2TP/IPsec client). */
    RACOON,
    /** The service manager or the strongSwan starter, whose lines say when a daemon started, failed or died. */
    SERVICE_MANAGER,
    /** NetworkManager or its VPN plugin service, which repeats its plugin daemons' output as its own lines. */
    RELAY,
    /** Another program, whose lines are not ours. */
    OTHER,
    /** Not known: a bare line without an envelope. */
    NONE;

    /** Maps a syslog identifier (possibly a path) to a program. */
    public static Program ofIdentifier(String ident) {
        String name = ident;
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            name = name.substring(slash + 1);
        }
        switch (name) {
            case "charon":
            case "charon-systemd":
            case "charon-nm":
            case "charon-cmd":
            case "swanctl":
                return CHARON;
            case "pluto":
            case "ipsec":
            case "libreswan":
                return PLUTO;
            case "xl2tpd":
            case "openl2tpd":
                return XL2TPD;
            case "pppd":
                return PPPD;
            case "racoon":
                return RACOON;
            case "systemd":
            case "ipsec_starter":
            case "starter":
            case "procd":
                return SERVICE_MANAGER;
            case "NetworkManager":
            case "nm-l2tp-service":
            case "nm-openswan-service":
            case "nm-libreswan-service":
                return RELAY;
            default:
                return OTHER;
        }
    }

    private static final String[] NAMES = {"charon", "charon-systemd", "charon-nm", "charon-cmd", "swanctl", "pluto",
        "ipsec", "libreswan", "xl2tpd", "openl2tpd", "pppd", "racoon", "systemd", "ipsec_starter", "starter", "procd", "NetworkManager",
        "nm-l2tp-service", "nm-openswan-service", "nm-libreswan-service"};
    private static final byte[][] NAME_BYTES = new byte[NAMES.length][];
    private static final Program[] NAME_PROGRAMS = new Program[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAME_BYTES[i] = NAMES[i].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            NAME_PROGRAMS[i] = ofIdentifier(NAMES[i]);
        }
    }

    /** Maps the ASCII syslog identifier {@code b[from, to)} (possibly a path) to a program. */
    public static Program ofIdentifier(byte[] b, int from, int to) {
        int start = from;
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '/') {
                start = i + 1;
                break;
            }
        }
        int len = to - start;
        for (int i = 0; i < NAME_BYTES.length; i++) {
            byte[] name = NAME_BYTES[i];
            if (name.length == len && AsciiBytes.regionEquals(b, start, name, 0, len)) {
                return NAME_PROGRAMS[i];
            }
        }
        return OTHER;
    }
}
