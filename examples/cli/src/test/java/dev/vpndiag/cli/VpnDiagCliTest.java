package dev.vpndiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VpnDiagCliTest {
    /** A strongSwan client log as pasted into a ticket: quoted, with a blank line after each line. */
    private static final String PASTE = String.join("\n",
            "> Jul  4 14:22:33 localhost charon: 11[IKE] initiating Main Mode IKE_SA vpn[1] to 4.3.2.1",
            "",
            "> Jul  4 14:22:33 localhost charon: 11[ENC] generating ID_PROT request 0 [ SA V V V V V ]",
            "",
            "> Jul  4 14:22:33 localhost charon: 11[NET] sending packet: from 1.2.3.4[500] to 4.3.2.1[500] (204 bytes)",
            "",
            "> Jul  4 14:22:33 localhost charon: 12[NET] received packet: from 4.3.2.1[500] to 1.2.3.4[500] (40 bytes)",
            "",
            "> Jul  4 14:22:33 localhost charon: 12[ENC] parsed INFORMATIONAL_V1 request 0 [ N(NO_PROP) ]",
            "",
            "> Jul  4 14:22:33 localhost charon: 12[IKE] received NO_PROPOSAL_CHOSEN error notify",
            "");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        VpnDiagCli.stdin = System.in;
    }

    private int run(InputStream in, String... args) {
        VpnDiagCli.stdin = in;
        return VpnDiagCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void aPasteOnStandardInputIsDiagnosed() {
        int code = run(new ByteArrayInputStream(PASTE.getBytes(StandardCharsets.UTF_8)), "diagnose", "--json", "-");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"id\" : \"IKE_PROPOSAL_MISMATCH\"").contains("\"source\" : \"stdin\"");
    }

    @Test
    void standardInputWithASideIsThatSidesEvidence() {
        int code = run(new ByteArrayInputStream(PASTE.getBytes(StandardCharsets.UTF_8)), "facts", "--json", "--client", "-");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"side\":\"CLIENT\"").contains("\"source\":\"stdin\"");
    }

    @Test
    void standardInputNamedTwiceIsAUsageError() {
        int code = run(new ByteArrayInputStream(new byte[0]), "diagnose", "-", "--server", "-");
        assertThat(code).isEqualTo(VpnDiagCli.USAGE);
        assertThat(err.toString()).contains("only once");
    }

    @Test
    void theReportSaysWhatEachFileGaveEvenWhenItGaveNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "called the helpdesk, they said reboot\n");
        Files.writeString(dir.resolve("client-xl2tpd.log"), "xl2tpd[812]: xl2tpd version xl2tpd-1.3.18 started on vm PID:812\n"
                + "xl2tpd[812]: Listening on IP address 0.0.0.0, port 1701\n");
        Files.writeString(dir.resolve("paste.txt"), PASTE);
        int code = run(System.in, "diagnose", dir.toString());
        assertThat(code).isZero();
        String report = out.toString();
        assertThat(report).contains("Read\n");
        assertThat(report.lines().filter(l -> l.startsWith("  notes.txt "))).singleElement().asString()
                .contains("not read: no provider reads this format");
        assertThat(report.lines().filter(l -> l.startsWith("  client-xl2tpd.log "))).singleElement().asString()
                .contains("read by linux-logs: nothing about a VPN connection in it");
        assertThat(report.lines().filter(l -> l.startsWith("  paste.txt "))).singleElement().asString()
                .containsPattern("read by .*: \\d+ facts?");
    }

    @Test
    void factsOnAFileWithoutVpnLinesSaysItWasReadNotThatNothingCouldBe(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server-xl2tpd.log");
        Files.writeString(log, "xl2tpd[812]: Listening on IP address 0.0.0.0, port 1701\n");
        int code = run(System.in, "facts", log.toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("server-xl2tpd.log  read by linux-logs: nothing about a VPN connection in it");
    }

    /** netty's PKCS#12 test store (password "example"), copied from the certificate plugin's corpus. */
    private static Path protectedStore(Path dir) throws Exception {
        Path store = dir.resolve("client-machine.p12");
        Files.copy(Path.of("../../plugin-certs/src/test/resources/corpus/netty__mutual_auth_client.p12"), store);
        return store;
    }

    @Test
    void aPasswordOnTheCommandLineOpensAProtectedStore(@TempDir Path dir) throws Exception {
        Path store = protectedStore(dir);
        assertThat(run(System.in, "facts", store.toString())).isEqualTo(VpnDiagCli.NOTHING_READABLE);
        assertThat(out.toString()).contains("client-machine.p12  tried by certs, nothing read: ");
        out.getBuffer().setLength(0);
        assertThat(run(System.in, "facts", "--password", "client-machine.p12=example", store.toString())).isZero();
        assertThat(out.toString()).contains("StoredCertificate").contains("client-machine.p12  read by certs: 3 facts");
    }

    @Test
    void aPasswordForNoEvidenceOrWithoutATerminalIsAUsageError(@TempDir Path dir) throws Exception {
        Path store = protectedStore(dir);
        assertThat(run(System.in, "facts", "--password", "other.p12=x", store.toString())).isEqualTo(VpnDiagCli.USAGE);
        assertThat(err.toString()).contains("--password names no evidence file: other.p12");
        assertThat(run(System.in, "facts", "--password", "client-machine.p12", store.toString())).isEqualTo(VpnDiagCli.USAGE);
        assertThat(err.toString()).contains("no terminal to ask the password of client-machine.p12");
    }

    @Test
    void aTimeLimitThatPassesEndsTheRunWithItsOwnExitCode() {
        int code = run(new ByteArrayInputStream(PASTE.getBytes(StandardCharsets.UTF_8)), "diagnose", "--time-limit", "0.000001", "-");
        assertThat(code).isEqualTo(VpnDiagCli.TIME_LIMIT);
        assertThat(err.toString()).contains("time limit of 1.0E-6 s passed").contains("no diagnosis");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aGenerousTimeLimitAndQuietChangeNothingOffATerminal() {
        int code = run(new ByteArrayInputStream(PASTE.getBytes(StandardCharsets.UTF_8)), "diagnose", "-q", "--time-limit", "600", "--json", "-");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"id\" : \"IKE_PROPOSAL_MISMATCH\"");
        // no progress line: the tests run without a terminal, and it goes to standard error only
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aNegativeTimeLimitIsAUsageError() {
        int code = run(System.in, "diagnose", "--time-limit", "-3", "samples/esp-blocked");
        assertThat(code).isEqualTo(VpnDiagCli.USAGE);
    }

    @Test
    void aMissingPathIsAOneLineUsageError(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-file.log");
        int code = run(System.in, "diagnose", missing.toString());
        assertThat(code).isEqualTo(VpnDiagCli.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(2);
        assertThat(err.toString()).contains("no such file or folder: " + missing).contains("--help");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEmptyPasteReadsNothing(@TempDir Path dir) throws Exception {
        int code = run(new ByteArrayInputStream(new byte[0]), "diagnose", "-");
        assertThat(code).isEqualTo(VpnDiagCli.NOTHING_READABLE);
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void rulesWithAnIdPrintsThatEntryAndAnUnknownIdIsAUsageError() {
        assertThat(run(System.in, "rules", "esp_blocked")).isZero();
        assertThat(out.toString()).startsWith("ESP_BLOCKED: ").contains("do 1. ").contains("makes the chain fail at [ESP]");
        assertThat(run(System.in, "rules", "NO_SUCH_CAUSE")).isEqualTo(VpnDiagCli.USAGE);
        assertThat(err.toString()).contains("no catalogue entry NO_SUCH_CAUSE");
    }

    @Test
    void rulesAsJsonListsEveryEntry() {
        assertThat(run(System.in, "rules", "--json")).isZero();
        assertThat(out.toString()).contains("\"id\" : \"ESP_BLOCKED\"").contains("\"remediation\"");
    }
}
