package dev.vpndiag.plugin.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Certificate errors Windows reports as HRESULTs: RasClient 20227 prints them in signed decimal
 * ("The error code returned on failure is -2146762495", CERT_E_EXPIRED); users also quote them in hex.
 */
class CertificateHresultTest {
    private static ProviderRun read(String text) {
        return ProviderRun.of(new WindowsEventLogProvider(), Evidence.bytes("ticket.txt", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theEventTextsSignedDecimalIsKept() {
        ProviderRun run = read("The user CONTOSO\\alice dialed a connection named Contoso VPN which has failed. "
                + "The error code returned on failure is -2146762495.\n");
        assertThat(run.factsOf(RasError.class)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(0x800B0101);
            assertThat(r.connection()).isEqualTo("Contoso VPN");
        });
    }

    @Test
    void aQuotedHexCertificateErrorIsKeptWhole() {
        ProviderRun run = read("The VPN fails with Error 0x800B010F on every attempt.\n");
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code).containsExactly(0x800B010F);
    }

    @Test
    void otherHresultsAndWin32CodesKeepTheirOldReading() {
        assertThat(read("Error 0x80070329\n").factsOf(RasError.class)).extracting(RasError::code).containsExactly(809);
        assertThat(read("The error code returned on failure is -2147024809.\n").factsOf(RasError.class)).isEmpty();
    }
}
