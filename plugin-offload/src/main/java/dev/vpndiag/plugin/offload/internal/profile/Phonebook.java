package dev.vpndiag.plugin.offload.internal.profile;

import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.CommandEcho;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Windows remote access phonebook ({@code rasphone.pbk}): one {@code [Entry name]} section per
 * connection with {@code Key=Value} lines; blank lines separate its device parts
 * ({@code MEDIA=}, {@code DEVICE=}). A VPN entry ({@code Type=2}) becomes one profile:
 * {@code PhoneNumber} is the server dialled, {@code VpnStrategy} the tunnel tried first,
 * {@code IpSecFlags} bit 0 (or a non-empty {@code PreSharedKey}) a pre-shared key for L2TP, and
 * {@code DisableIKENameEkuCheck=1} turns the client's check of the server certificate's name off.
 * The key itself is never read into a fact.
 *
 * <p>{@code ;} lines are comments. An {@code [...]} section is only taken for a phonebook entry once a phonebook key
 * ({@code PBVersion}, {@code VpnStrategy}, {@code MEDIA}, {@code DEVICE}, {@code PhoneNumber}) shows
 * up; other INI files' sections are counted as lines not understood.
 */
public final class Phonebook implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern HEADER = Pattern.compile("^\\[([^\\[\\]]{1,256})\\]\\s*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]{0,63})=(.*)$");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.startsWith(";")) {
            return CommandEcho.OneLine.INSTANCE; // an INI comment line
        }
        if (t.isEmpty() || t.charAt(0) != '[' || t.startsWith("[HKEY_")) {
            return null;
        }
        var m = HEADER.matcher(t);
        return m.matches() ? new Entry(context, m.group(1).strip(), line) : null;
    }

    private static final class Entry implements Section {
        private final ReadContext context;
        private final String name;
        private final Line header;
        private long last;
        private long lines = 1;
        private boolean phonebook;
        private String type;
        private String strategy;
        private String phoneNumber;
        private String ipSecFlags;
        private boolean presharedKey;
        private boolean nameCheckOff;
        private String customAuthKey;
        private String device;

        Entry(ReadContext context, String name, Line header) {
            this.context = context;
            this.name = name;
            this.header = header;
            this.last = header.number();
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text().strip();
            if (t.isEmpty() || t.startsWith(";") || t.startsWith("#")) {
                return true;
            }
            var m = KEY_VALUE.matcher(t);
            if (!m.matches()) {
                return false;
            }
            lines++;
            last = line.number();
            String key = m.group(1);
            String value = m.group(2).strip();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "pbversion", "media", "device" -> phonebook = true;
                case "vpnstrategy" -> {
                    phonebook = true;
                    strategy = value;
                }
                case "type" -> type = value;
                case "phonenumber" -> {
                    phonebook = true;
                    if (phoneNumber == null && !value.isEmpty()) {
                        phoneNumber = value;
                    }
                }
                case "ipsecflags" -> ipSecFlags = value;
                case "presharedkey" -> presharedKey |= !value.isEmpty();
                case "disableikenameekucheck" -> nameCheckOff = value.equals("1");
                case "customauthkey" -> customAuthKey = value;
                case "preferreddevice" -> device = device == null ? value : device;
                default -> {
                }
            }
            return true;
        }

        @Override
        public void finish() {
            if (!phonebook) {
                for (long i = 0; i < lines; i++) {
                    context.unknown(header);
                }
                return;
            }
            if (type != null && !type.equals("2")) {
                return; // a dial-up, direct or broadband entry: no VPN server
            }
            if (type == null && strategy == null) {
                return;
            }
            String tunnel = tunnel(strategy, device);
            boolean psk = presharedKey || (ipSecFlags != null && ipSecFlags.matches("\\d{1,10}")
                    && (Long.parseLong(ipSecFlags) & 1) != 0);
            AuthMethod local = AuthMethod.UNKNOWN;
            AuthMethod peer = AuthMethod.UNKNOWN;
            if ("L2TP".equals(tunnel)) {
                local = psk ? AuthMethod.PRE_SHARED_KEY : AuthMethod.CERTIFICATE;
                peer = local;
            } else if ("IKEv2".equals(tunnel)) {
                peer = AuthMethod.CERTIFICATE;
                local = customAuthKey != null && !customAuthKey.equals("0") && !customAuthKey.isEmpty()
                        ? AuthMethod.EAP : AuthMethod.UNKNOWN;
            }
            Profiles.emit(context, Line.range(header.number(), last), name, tunnel, phoneNumber,
                    nameCheckOff ? ConnectionProfile.ANY : null, null, local, peer);
        }

        /**
         * The tunnel tried first by {@code VpnStrategy} (the RASENTRY {@code VS_*} values), else by
         * the preferred WAN miniport device.
         */
        private static String tunnel(String strategy, String device) {
            if (strategy != null) {
                switch (strategy) {
                    case "1", "2", "12": return "PPTP";
                    case "3", "4", "13": return "L2TP";
                    case "5", "6": return "SSTP";
                    case "7", "8", "14": return "IKEv2";
                    case "0", "15": return "Automatic";
                    default: break;
                }
            }
            if (device != null) {
                String d = device.toUpperCase(Locale.ROOT);
                if (d.contains("(L2TP)")) {
                    return "L2TP";
                }
                if (d.contains("(IKEV2)")) {
                    return "IKEv2";
                }
                if (d.contains("(SSTP)")) {
                    return "SSTP";
                }
                if (d.contains("(PPTP)")) {
                    return "PPTP";
                }
            }
            return null;
        }
    }
}
