package dev.vpndiag.plugin.offload.internal.nic;

import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code netsh interface ip show offload} (Windows 2000/XP/2003: {@code Offload Options for
 * interface "NAME" with index: N:} followed by one capability per line) and {@code netsh interface
 * ipv4 show offload} (Vista and later: {@code Interface N: NAME}, a blank line, then lines such as
 * {@code tcp transmit checksum supported.}). Both list what the adapter offloads, not whether
 * IPsec offload is in use, so the emitted {@link OffloadState} says capable (an IPsec, ESP or AH
 * capability is listed) and leaves enabled unknown.
 */
public final class NetshOffload implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern XP_HEADER = Pattern.compile(
            "^Offload Options for interface \"(.+)\" with index:? ?\\d*:?\\s*$");
    private static final Pattern VISTA_HEADER = Pattern.compile("^Interface (\\d+): (.+?)\\s*$");
    private static final Pattern VISTA_CAPABILITY = Pattern.compile("^[a-z0-9][a-z0-9 .-]* supported\\.\\s*$");
    private static final Pattern XP_CAPABILITY = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9 ]{1,60}$");

    @Override
    public Section start(Line line, ReadContext context) {
        if (!line.text().startsWith("Offload Options") && !line.text().startsWith("Interface ")) {
            return null;
        }
        Matcher xp = XP_HEADER.matcher(line.text());
        if (xp.matches()) {
            return new Block(context, xp.group(1), line.number(), XP_CAPABILITY);
        }
        Matcher v = VISTA_HEADER.matcher(line.text());
        if (v.matches()) {
            return new Block(context, v.group(2), line.number(), VISTA_CAPABILITY);
        }
        return null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final String adapter;
        private final long first;
        private final Pattern capability;
        private long last;
        private boolean ipsec;

        Block(ReadContext context, String adapter, long first, Pattern capability) {
            this.context = context;
            this.adapter = adapter;
            this.first = first;
            this.last = first;
            this.capability = capability;
        }

        @Override
        public boolean accept(Line line) {
            if (line.isBlank()) {
                return capability == VISTA_CAPABILITY;
            }
            String t = line.text();
            if (!capability.matcher(t).matches() || XP_HEADER.matcher(t).matches() || VISTA_HEADER.matcher(t).matches()) {
                return false;
            }
            last = line.number();
            String l = " " + t.toLowerCase(Locale.ROOT).strip() + " ";
            if (l.contains("ipsec") || l.contains(" esp ") || l.contains(" ah ")) {
                ipsec = true;
            }
            return true;
        }

        @Override
        public void finish() {
            context.emit(new OffloadState(context.ref(Line.range(first, last)), context.side(), null, adapter,
                    ipsec, null));
        }
    }
}
