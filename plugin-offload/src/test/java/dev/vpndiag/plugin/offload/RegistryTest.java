package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private static final String POLICY_AGENT = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent";
    private static final String IPSEC = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC";
    private static final String AUDIT = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Audit";
    private static final String RASMAN = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\RasMan\\Parameters";

    private static RegistryValue value(String file, String locator, String key, String name, String value) {
        return new RegistryValue(ref(file, locator), Side.CLIENT, null, key, name, value);
    }

    private static RegistryKey listing(String file, String locator, String key, boolean complete, String queried,
                                       String... names) {
        return new RegistryKey(ref(file, locator), Side.CLIENT, null, key, List.of(names), complete, queried);
    }

    /** Runs the provider over ASCII text (read as the server's). */
    private static ProviderRun ascii(String name, String text) {
        return Fixtures.bytes(name, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The facts other than key listings, in order. */
    private static List<Fact> values(ProviderRun run) {
        return run.factsBesidesPlatform().stream().filter(f -> !(f instanceof RegistryKey)).toList();
    }

    @Test
    void utf16RegeditExportWithBom() {
        String f = "fixtures/regedit5__win10-ipsec-keys.reg";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(values(run)).containsExactly(
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
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 4-7", POLICY_AGENT, true, null, "AssumeUDPEncapsulationContextOnSendRule", "DisplayName",
                        "Description"),
                listing(f, "lines 9-10", IPSEC, true, null, "EnableOffload"),
                listing(f, "lines 12-13", AUDIT, true, null, "DisableIKEAudits"),
                listing(f, "lines 15-20", RASMAN, true, null, "ProhibitIpSec", "Mode", "KeyPath", "Flags"));
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
        assertThat(values(run)).containsExactly(
                value(f, "line 5", IPSEC, "EnableOffload", "0"),
                value(f, "line 6", IPSEC, "DiagnosticMode", "7"),
                value(f, "line 7", IPSEC, "Note", "Gerät"),
                value(f, "line 10", AUDIT, "DisableIKEAudits", "0"));
        // The fixture ends right after its last value, without the blank line regedit writes after every
        // block: that block may have been cut, so it proves nothing absent.
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 4-7", IPSEC, true, null, "EnableOffload", "DiagnosticMode", "Note"),
                listing(f, "lines 9-10", AUDIT, false, null, "DisableIKEAudits"));
    }

    @Test
    void regQueryOnWindows10() {
        String f = "fixtures/reg-query__win10.txt";
        ProviderRun run = Fixtures.run(f);
        // the echoed "C:\>reg query" prompt is unambiguous
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        String ikeext = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters";
        assertThat(values(run)).containsExactly(
                value(f, "line 5", POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", "2"),
                value(f, "line 10", AUDIT, "DisableIKEAudits", "1"),
                new AuditCoverage(ref(f, "line 10"), Side.CLIENT, null, false, false,
                        "DisableIKEAudits=1 under " + AUDIT),
                value(f, "line 18", ikeext, "ServiceDll", "%SystemRoot%\\System32\\ikeext.dll"),
                value(f, "line 19", ikeext, "ServiceDllUnloadOnStop", "1"),
                value(f, "line 20", ikeext, "IKEFlags", "16"));
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 4-5", POLICY_AGENT, true, "AssumeUDPEncapsulationContextOnSendRule",
                        "AssumeUDPEncapsulationContextOnSendRule"),
                listing(f, "lines 9-10", AUDIT, true, "DisableIKEAudits", "DisableIKEAudits"),
                listing(f, "line 13", RASMAN, true, "ProhibitIpSec"),
                listing(f, "lines 17-20", ikeext, true, null, "ServiceDll", "ServiceDllUnloadOnStop", "IKEFlags"));
        assertThat(run.factsOf(RegistryKey.class).get(2).lacks("ProhibitIpSec")).isTrue();
    }

    @Test
    void regQueryOfWindowsXpWithTabs() {
        String f = "fixtures/reg-query__winxp-sp2.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(values(run)).containsExactly(
                value(f, "line 6", IPSEC, "EnableOffload", "1"),
                value(f, "line 7", IPSEC, "OperationMode", "3"));
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 5-7", IPSEC, true, null, "EnableOffload", "OperationMode"));
    }

    @Test
    void advfirewallSamplesFromMicrosoftDocsGiveTheNatTraversalSetting() {
        String f = "corpus/netsh-advfirewall-samples__MS-KB949856.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(values(run)).containsExactly(value(f, "line 43 (netsh advfirewall IPsecThroughNAT)",
                POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", "2"));
    }

    @Test
    void valuesOutsideTheIpsecKeysAreReadPast() {
        String reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor]\r\n"
                + "\"Other\"=dword:00000001\r\n\r\n[hkey_local_machine\\system\\ControlSet001\\Services\\IPSEC]\r\n"
                + "\"EnableOffload\"=dword:0000000a\r\n";
        ProviderRun run = ascii("x.reg", reg);
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
        assertThat(values(run)).containsExactly(new AuditCoverage(ref(f, "line 8"), Side.CLIENT, null, false, false,
                "auditpol IPsec Main Mode: No Auditing"));
    }

    @Test
    void utf16ExportOfAPolicyAgentKeyWithoutTheNatTraversalValue() {
        String f = "fixtures/regedit5__win11-policyagent-without-nat-t.reg";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 4-26", POLICY_AGENT, true, null, "DisplayName", "ErrorControl", "ImagePath", "Start",
                        "Type", "Description", "DependOnService", "ObjectName", "ServiceSidType", "RequiredPrivileges",
                        "FailureActions"),
                listing(f, "lines 29-34", POLICY_AGENT + "\\Parameters", true, null, "ServiceDll",
                        "ServiceDllUnloadOnStop"),
                listing(f, "lines 36-37", POLICY_AGENT + "\\Security", true, null, "Security"));
        RegistryKey policyAgent = run.factsOf(RegistryKey.class).get(0);
        assertThat(policyAgent.lacks("AssumeUDPEncapsulationContextOnSendRule")).isTrue();
        assertThat(run.factsOf(RegistryValue.class)).extracting(RegistryValue::name)
                .doesNotContain("AssumeUDPEncapsulationContextOnSendRule").contains("ImagePath", "RequiredPrivileges");
    }

    @Test
    void ansiExportOfAnIpsecKeyWithoutEnableOffload() {
        String f = "fixtures/regedit4__winxp-sp3-ipsec-without-enableoffload.reg";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 4-14", IPSEC, true, null, "Type", "Start", "ErrorControl", "Tag", "ImagePath",
                        "DisplayName", "Group", "DependOnService", "Description"),
                listing(f, "lines 16-19", IPSEC + "\\Enum", true, null, "0", "Count", "NextInstance"));
        assertThat(run.factsOf(RegistryKey.class).get(0).lacks("EnableOffload")).isTrue();
        assertThat(run.factsOf(RegistryValue.class)).extracting(RegistryValue::name, RegistryValue::value)
                .contains(org.assertj.core.groups.Tuple.tuple("Description", "Treiber für IP-Sicherheit"),
                        org.assertj.core.groups.Tuple.tuple("ImagePath", "system32\\DRIVERS\\ipsec.sys"));
    }

    @Test
    void regQueriesOfAClientWithoutTheNatTraversalValue() {
        String f = "fixtures/reg-query__win10-without-nat-t.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        String rasman = RASMAN;
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                // plain query: the key's own block lists all its values ...
                listing(f, "lines 4-15", POLICY_AGENT, true, null, "DependOnService", "Description", "DisplayName",
                        "ErrorControl", "FailureActions", "ImagePath", "ObjectName", "RequiredPrivileges", "ServiceSidType",
                        "Start", "Type"),
                // ... its subkeys are only named
                listing(f, "line 17", POLICY_AGENT + "\\Parameters", false, null),
                listing(f, "line 18", POLICY_AGENT + "\\Security", false, null),
                // /v answered "not found": the value is absent (quoted key in the command)
                listing(f, "line 21", POLICY_AGENT, true, "AssumeUDPEncapsulationContextOnSendRule"),
                // /s lists every key below in full
                listing(f, "lines 25-27", POLICY_AGENT + "\\Parameters", true, null, "ServiceDll", "ServiceDllUnloadOnStop"),
                listing(f, "line 29", POLICY_AGENT + "\\Parameters\\Cache", true, null),
                listing(f, "line 32", IPSEC, true, "EnableOffload"),
                // a search never proves a value absent
                listing(f, "lines 36-37", rasman, false, null, "ProhibitIpSec"));
        List<RegistryKey> keys = run.factsOf(RegistryKey.class);
        assertThat(keys.get(0).lacks("AssumeUDPEncapsulationContextOnSendRule")).isTrue();
        assertThat(keys.get(3).lacks("AssumeUDPEncapsulationContextOnSendRule")).isTrue();
        assertThat(keys.get(3).lacks("Start")).isFalse();
        assertThat(keys.get(6).lacks("EnableOffload")).isTrue();
        assertThat(keys.get(7).lacks("ProhibitIpSecurity")).isFalse();
    }

    @Test
    void regQueryOutputWithoutItsCommandsIsTrustedOnlyForFullListings() {
        String f = "fixtures/reg-query__ws2019-pasted-without-commands.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        String ikeext = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\IKEEXT";
        assertThat(run.factsOf(RegistryKey.class)).containsExactly(
                listing(f, "lines 3-8", ikeext, true, null, "DependOnService", "DisplayName", "ErrorControl", "Start", "Type"),
                listing(f, "line 10", ikeext + "\\Parameters", false, null),
                listing(f, "line 11", ikeext + "\\Security", false, null),
                // one value alone may be the answer to /v
                listing(f, "lines 14-15", POLICY_AGENT, false, null, "Start"));
    }

    @Test
    void aSearchWithoutItsCommandIsNeverComplete() {
        String out = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\r\n"
                + "    RouterType    REG_DWORD    0x7\r\n    ServiceDll    REG_EXPAND_SZ    %SystemRoot%\\System32\\mprdim.dll\r\n"
                + "\r\nEnd of search: 2 match(es) found.\r\n";
        ProviderRun run = ascii("search.txt", out);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RegistryKey.class)).singleElement().satisfies(k -> {
            assertThat(k.valueNames()).containsExactly("RouterType", "ServiceDll");
            assertThat(k.complete()).isFalse();
        });
    }

    @Test
    void aNotFoundAnswerFarFromItsCommandOrWithoutOneSaysNothing() {
        String out = "ERROR: The system was unable to find the specified registry key or value.\r\n"
                + "C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC /v EnableOffload\r\n"
                + "\r\n\r\n\r\n\r\nERROR: The system was unable to find the specified registry key or value.\r\n"
                + "C:\\>reg query HKLM\\SOFTWARE\\Vendor /v EnableOffload\r\n"
                + "ERROR: The system was unable to find the specified registry key or value.\r\n"
                + "C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC /v EnableOffload\r\n"
                + "ERROR: Access is denied.\r\n";
        ProviderRun run = ascii("errors.txt", out);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(RegistryKey.class)).isEmpty();
    }

    @Test
    void anEchoedQueryForAnotherKeyDoesNotDescribeTheOutput() {
        String out = "C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC /v EnableOffload\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\r\n"
                + "    Start    REG_DWORD    0x3\r\n\r\n";
        ProviderRun run = ascii("stale.txt", out);
        assertThat(run.factsOf(RegistryKey.class)).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo(POLICY_AGENT);
            assertThat(k.queriedName()).isNull();
            assertThat(k.complete()).as("a single value without its command may be a /v answer").isFalse();
        });
    }

    @Test
    void anExportCutAfterAValueProvesNothingAbsentOfItsLastKey() {
        String reg = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\IPSEC]\r\n"
                + "\"Start\"=dword:00000001\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent]\r\n"
                + "\"Start\"=dword:00000003\r\n";
        ProviderRun run = ascii("cut.reg", reg);
        assertThat(run.factsOf(RegistryKey.class)).extracting(RegistryKey::key, RegistryKey::complete).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IPSEC, true), org.assertj.core.groups.Tuple.tuple(POLICY_AGENT, false));
    }

    @Test
    void anEchoedQueryThatFoundNothingIsRecognisedAndRead() {
        String out = "C:\\Users\\alice>REG QUERY HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent /v AssumeUDPEncapsulationContextOnSendRule\r\n"
                + "ERROR: The system was unable to find the specified registry key or value.\r\n";
        ProviderRun run = ascii("natt.txt", out);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(new RegistryKey(Fixtures.ref("natt.txt", "line 2"), Side.SERVER, null,
                POLICY_AGENT, List.of(), true, "AssumeUDPEncapsulationContextOnSendRule"));
    }

    @Test
    void outputOfAnotherKeyAfterTheEchoedOneIsReadWithoutTheCommand() {
        String out = "C:\\>reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC /v EnableOffload\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\IPSEC\r\n"
                + "    EnableOffload    REG_DWORD    0x1\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent\r\n"
                + "    Start    REG_DWORD    0x3\r\n\r\n";
        ProviderRun run = ascii("two.txt", out);
        assertThat(run.factsOf(RegistryKey.class)).extracting(RegistryKey::key, RegistryKey::complete, RegistryKey::queriedName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(IPSEC, true, "EnableOffload"),
                        org.assertj.core.groups.Tuple.tuple(POLICY_AGENT, false, null));
    }
}
