package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private static final String POLICY_AGENT = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent";
    private static final String IPSEC = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC";
    private static final String AUDIT = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Audit";
    private static final String RASMAN = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\RasMan\\Parameters";

    private static RegistryValue value(String file, String locator, String key, String name, String value) {
        return new RegistryValue(ref(file, locator), Side.CLIENT, null, key, name, value);
    }

    @Test
    void utf16RegeditExportWithBom() {
        String f = "fixtures/regedit5__win10-ipsec-keys.reg";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.facts()).containsExactly(
                value(f, "line 5", POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", "2"),
                value(f, "line 6", POLICY_AGENT, "DisplayName", "@%SystemRoot%\\System32\\polstore.dll,-5010"),
                value(f, "line 7", POLICY_AGENT, "Description", "Schützt IPsec-Richtlinien"),
                value(f, "line 10", IPSEC, "EnableOffload", "1"),
                value(f, "line 13", AUDIT, "DisableIKEAudits", "1"),
                new AuditCoverage(ref(f, "line 13"), Side.CLIENT, null, false, false,
                        "DisableIKEAudits=1 under " + AUDIT),
                value(f, "line 16", RASMAN, "ProhibitIpSec", "0"),
                value(f, "line 17", RASMAN, "Mode", "10000"),
                value(f, "line 18", RASMAN, "KeyPath", "%SystemRoot%"),
                value(f, "line 20", RASMAN, "Flags", "a\nb"),
                value(f, "line 23", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters",
                        "DisableTaskOffload", "0"));
    }

    @Test
    void utf16AndUtf8CopiesOfOneExportGiveTheSameValues() {
        ProviderRun utf16 = Fixtures.run("fixtures/regedit5__win10-ipsec-keys.reg");
        ProviderRun utf8 = Fixtures.run("fixtures/regedit5__win10-ipsec-keys.reg.utf8");
        assertThat(utf8.factsOf(RegistryValue.class)).extracting(RegistryValue::key, RegistryValue::name,
                RegistryValue::value).containsExactlyElementsOf(utf16.factsOf(RegistryValue.class).stream()
                .map(v -> org.assertj.core.groups.Tuple.tuple(v.key(), v.name(), v.value())).toList());
    }

    @Test
    void ansiRegedit4ExportFromWindows2000() {
        String f = "fixtures/regedit4__win2000-sp4-ansi.reg";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.facts()).containsExactly(
                value(f, "line 5", IPSEC, "EnableOffload", "0"),
                value(f, "line 6", IPSEC, "DiagnosticMode", "7"),
                value(f, "line 7", IPSEC, "Note", "Gerät"),
                value(f, "line 10", AUDIT, "DisableIKEAudits", "0"));
    }

    @Test
    void regQueryOnWindows10() {
        String f = "fixtures/reg-query__win10.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        String ikeext = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters";
        assertThat(run.facts()).containsExactly(
                value(f, "line 5", POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", "2"),
                value(f, "line 10", AUDIT, "DisableIKEAudits", "1"),
                new AuditCoverage(ref(f, "line 10"), Side.CLIENT, null, false, false,
                        "DisableIKEAudits=1 under " + AUDIT),
                value(f, "line 18", ikeext, "ServiceDll", "%SystemRoot%\\System32\\ikeext.dll"),
                value(f, "line 19", ikeext, "ServiceDllUnloadOnStop", "1"),
                value(f, "line 20", ikeext, "IKEFlags", "16"));
    }

    @Test
    void regQueryOfWindowsXpWithTabs() {
        String f = "fixtures/reg-query__winxp-sp2.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.facts()).containsExactly(
                value(f, "line 6", IPSEC, "EnableOffload", "1"),
                value(f, "line 7", IPSEC, "OperationMode", "3"));
    }

    @Test
    void advfirewallSamplesFromMicrosoftDocsGiveTheNatTraversalSetting() {
        String f = "corpus/netsh-advfirewall-samples__MS-KB949856.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.facts()).containsExactly(value(f, "line 43 (netsh advfirewall IPsecThroughNAT)",
                POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", "2"));
    }

    @Test
    void valuesOutsideTheIpsecKeysAreReadPast() {
        String reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor]\r\n"
                + "\"Other\"=dword:00000001\r\n\r\n[hkey_local_machine\\system\\ControlSet001\\Services\\IPSEC]\r\n"
                + "\"EnableOffload\"=dword:0000000a\r\n";
        ProviderRun run = Fixtures.bytes("x.reg", reg.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RegistryValue.class)).extracting(RegistryValue::key, RegistryValue::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "HKLM\\SYSTEM\\ControlSet001\\Services\\IPSEC", "10"));
    }

    @Test
    void auditpolWithoutIpsecMainModeAuditing() {
        String f = "fixtures/auditpol__win10-en-US.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.facts()).containsExactly(new AuditCoverage(ref(f, "line 8"), Side.CLIENT, null, false, false,
                "auditpol IPsec Main Mode: No Auditing"));
    }
}
