package dev.vpndiag.plugin.offload;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.offload.internal.audit.AuditPolicy;
import dev.vpndiag.plugin.offload.internal.clock.HostTime;
import dev.vpndiag.plugin.offload.internal.clock.W32tmStatus;
import dev.vpndiag.plugin.offload.internal.load.CpuLoad;
import dev.vpndiag.plugin.offload.internal.nic.EthtoolFeatures;
import dev.vpndiag.plugin.offload.internal.nic.EthtoolStatistics;
import dev.vpndiag.plugin.offload.internal.nic.NetshOffload;
import dev.vpndiag.plugin.offload.internal.powershell.PsList;
import dev.vpndiag.plugin.offload.internal.powershell.PsTable;
import dev.vpndiag.plugin.offload.internal.profile.IpsecConf;
import dev.vpndiag.plugin.offload.internal.profile.Phonebook;
import dev.vpndiag.plugin.offload.internal.profile.SwanctlConf;
import dev.vpndiag.plugin.offload.internal.registry.AdvFirewall;
import dev.vpndiag.plugin.offload.internal.registry.RegExport;
import dev.vpndiag.plugin.offload.internal.registry.RegQuery;
import dev.vpndiag.plugin.offload.internal.service.ScQuery;
import dev.vpndiag.plugin.offload.internal.service.SystemctlStatus;
import dev.vpndiag.plugin.offload.internal.stats.IpsecCounters;
import dev.vpndiag.plugin.offload.internal.text.CommandEcho;
import dev.vpndiag.plugin.offload.internal.text.LineDispatcher;
import dev.vpndiag.plugin.offload.internal.text.LineReader;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Host state captured as command output or exports, in one or several formats per file: network
 * adapter IPsec offload ({@code netsh int ip/ipv4 show offload}, {@code Get-NetAdapterIPsecOffload},
 * {@code Get-NetAdapterAdvancedProperty}, {@code ethtool -k}, {@code ethtool -S}), registry values
 * ({@code .reg} exports in UTF-16LE or ANSI, {@code reg query}, and {@code netsh advfirewall}'s
 * IPsecThroughNAT), IKE audit settings ({@code DisableIKEAudits}, {@code auditpol /get}), IPsec
 * counters ({@code netsh ipsec dynamic show stats}, {@code ipseccmd show stats}, {@code netdiag /test:ipsec}), service state ({@code sc query}, {@code Get-Service},
 * {@code systemctl status}), the host clock ({@code date}, {@code Get-Date -Format o},
 * {@code w32tm /query /status}), CPU load ({@code top}, {@code mpstat}, {@code typeperf}) and VPN connection settings (Windows phonebook {@code rasphone.pbk},
 * {@code Get-VpnConnection}, strongSwan {@code ipsec.conf} and {@code swanctl.conf}).
 *
 * <p>Emits {@link dev.vpndiag.api.fact.OffloadState}, {@link dev.vpndiag.api.fact.RegistryValue},
 * {@link dev.vpndiag.api.fact.RegistryKey} (the value names of each exported or queried key, so that
 * an absent value can be told from one nobody looked at), {@link dev.vpndiag.api.fact.AuditCoverage},
 * {@link dev.vpndiag.api.fact.IpsecStatistics}, {@link dev.vpndiag.api.fact.ServiceState},
 * {@link dev.vpndiag.api.fact.HostClock}, {@link dev.vpndiag.api.fact.HostLoad} and {@link dev.vpndiag.api.fact.ConnectionProfile}. Lines no
 * format understands are counted and reported in one problem per file. The evidence attribute
 * {@code capturedAt} (an ISO-8601 instant) gives the reference time for the host clock.
 */
public final class OffloadProvider implements FactProvider {
    /** The evidence attribute holding the capture's true time. */
    public static final String CAPTURED_AT = "capturedAt";

    private static final Pattern STRONG = Pattern.compile(
            "(?m)^(?:\\uFEFF)?(?:Windows Registry Editor Version 5\\.00|REGEDIT4|Features for \\S+:|Offload parameters for \\S+:"
                    + "|NIC statistics:|SERVICE_NAME: |DIENST_NAME: |NOM_SERVICE: |! REG\\.EXE VERSION"
                    + "|IPsec (?:Main|Quick) Mode Statistics|IKE Statistics|IPSec Statistics"
                    + "|Offload Options for interface|Leap Indicator:|IPsecThroughNAT"
                    + "|Unit \\S+ could not be found\\.|System audit policy|top - \\d{1,2}:\\d\\d:\\d\\d up |%Cpu\\(s\\):"
                    + "|\"\\(PDH-CSV 4\\.0\\)|Linux \\S+ \\(.*\\)\\s+\\S+\\s+_\\S+_\\s+\\(\\d+ CPU\\)"
                    + "|(?:[A-Za-z]:\\\\[^>\\r\\n]{0,260}>|PS [^>\\r\\n]{0,260}>) ?(?i:reg(?:\\.exe)? +query) +\\S)");
    private static final Pattern WEAK = Pattern.compile(
            "(?m)^(?:[a-z0-9-]+-offload: (?:on|off)|HKEY_LOCAL_MACHINE\\\\\\S|\\s+Active: (?:active|inactive|failed)"
                    + "|[\\u25cf*] \\S+\\.service - |Interface \\d+: .+\\r?\\n\\r?\\n[a-z0-9 ]+ supported\\."
                    + "|Status +Name +DisplayName|Name +DisplayName +DisplayValue|Name +(?:\\S+ +)*Enabled *\\r?\\n-{4}|Name\\s+: .+\\r?\\n(?:.+\\r?\\n)*?Enabled\\s+: (?:True|False))");

    /** Phonebook entry header and a key only phonebooks have. */
    private static final Pattern PBK_HEADER = Pattern.compile("(?m)^\\[[^\\[\\]\\r\\n]{1,256}\\]\\r?$");
    private static final Pattern PBK_KEY = Pattern.compile("(?m)^(?:PBVersion|VpnStrategy)=\\d");
    /** strongSwan ipsec.conf: a section header followed (after comments) by an indented setting. */
    private static final Pattern IPSEC_CONF = Pattern.compile(
            "(?m)^(?:conn \\S+|config setup)[ \\t]*(?:#.*)?\\r?\\n(?:[ \\t]*(?:#.*)?\\r?\\n)*[ \\t]+[a-z][a-z0-9_]*[ \\t]*=");
    /** swanctl.conf: a connections section holding connection keywords. */
    private static final Pattern SWANCTL_TOP = Pattern.compile("(?m)^[ \\t]*connections[ \\t]*\\{");
    private static final Pattern SWANCTL_KEY = Pattern.compile(
            "(?m)^[ \\t]*(?:remote_addrs|local_addrs|version|proposals)[ \\t]*=|^[ \\t]*(?:remote|local|children)[ \\t]*\\{");
    /** Get-VpnConnection objects in list view. */
    private static final Pattern VPN_CONNECTION = Pattern.compile("(?m)^ServerAddress +: .*\\r?\\n(?:.*\\r?\\n){0,8}?TunnelType +: ");

    private final LineDispatcher dispatcher = new LineDispatcher(List.of(
            new CommandEcho(),
            new RegExport(),
            new Phonebook(),
            new RegQuery(),
            new EthtoolFeatures(),
            new EthtoolStatistics(),
            new NetshOffload(),
            new IpsecCounters(),
            new ScQuery(),
            new SystemctlStatus(),
            new W32tmStatus(),
            new HostTime(),
            new AdvFirewall(),
            new AuditPolicy(),
            new IpsecConf(),
            new SwanctlConf(),
            new PsTable(),
            new PsList(),
            new CpuLoad()));

    /** For {@link java.util.ServiceLoader}. */
    public OffloadProvider() {
    }

    @Override
    public String id() {
        return "offload";
    }

    @Override
    public Set<String> formats() {
        return Set.of("netsh int ip show offload", "netsh int ipv4 show offload", "Get-NetAdapterIPsecOffload",
                "Get-NetAdapterAdvancedProperty", "ethtool -k", "ethtool -S", "reg export (.reg)", "reg query",
                "netsh advfirewall show global", "auditpol /get", "netsh ipsec dynamic show stats", "ipseccmd show stats",
                "netdiag /test:ipsec", "sc query", "Get-Service", "systemctl status", "date", "w32tm /query /status",
                "rasphone.pbk", "Get-VpnConnection", "ipsec.conf", "swanctl.conf");
    }

    @Override
    public int sniff(ContentHead head) {
        String text = headText(head);
        if (text.indexOf('\u0000') >= 0) {
            return NO_MATCH;
        }
        if (STRONG.matcher(text).find() || PBK_HEADER.matcher(text).find() && PBK_KEY.matcher(text).find()
                || IPSEC_CONF.matcher(text).find() || SWANCTL_TOP.matcher(text).find() && SWANCTL_KEY.matcher(text).find()
                || VPN_CONNECTION.matcher(text).find()) {
            return STRONG_MATCH;
        }
        return WEAK.matcher(text).find() ? WEAK_MATCH : NO_MATCH;
    }

    private static String headText(ContentHead head) {
        byte[] b = head.bytes();
        if (b.length >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0) {
            return new String(b, 0, b.length & ~1, StandardCharsets.UTF_16LE);
        }
        String t = head.text();
        // a UTF-16 head cut in the middle of a character leaves a replacement character; harmless here
        return t;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        ReadContext context = new ReadContext(evidence.name(), evidence.side(), sink, capturedAt(evidence, sink));
        try (InputStream in = new BufferedInputStream(evidence.open(), 1 << 16)) {
            dispatcher.run(evidence.name(), new LineReader(in), context, sink);
        }
    }

    private static Instant capturedAt(Evidence evidence, FactSink sink) {
        String v = evidence.attributes().get(CAPTURED_AT);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v.strip()).toInstant();
            } catch (DateTimeParseException e2) {
                sink.problem("attribute " + CAPTURED_AT, "not an ISO-8601 instant: " + v);
                return null;
            }
        }
    }
}
