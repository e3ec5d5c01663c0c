package dev.vpndiag.plugin.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.testing.ProviderRun;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile exports: typed errors with the line, earlier events kept, no entity expansion. */
class ExportDamageTest {
    private final WindowsEventLogProvider provider = new WindowsEventLogProvider();

    @Test
    void externalEntitiesAreNotResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOPSECRET-VALUE");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Events [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Events><Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
                + "<Provider Name=\"RasClient\"/><EventID>20227</EventID></System><EventData><Data>&xxe;</Data>"
                + "<Data>u</Data><Data>c</Data><Data>809</Data></EventData></Event></Events>\n";
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("xxe.xml", xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
        assertThat(run.facts()).noneMatch(f -> f.toString().contains("TOPSECRET"));
        assertThat(run.problems()).noneMatch(p -> p.message().contains("TOPSECRET"));
        assertThat(run.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("DTDs and entity declarations are not accepted").doesNotContain("Scanner State");
            assertThat(p.locator()).isEqualTo("line 2");
        });
    }

    @Test
    void truncatedXmlKeepsTheEventsBeforeTheCut() {
        byte[] whole = Corpus.bytes("scenario/client-security-vista.xml");
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.indexOf("<EventID>4653</EventID>");
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("cut.xml", Arrays.copyOf(whole, cut)));
        assertThat(run.factsOf(IkeSaEvent.class)).hasSize(2);
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
        assertThat(((EvidenceFormatException) run.failure().orElseThrow()).locator()).matches("line \\d+");
    }

    @Test
    void csvWithABadRowAndAnUnclosedQuote() {
        String csv = "Level,Date and Time,Source,Event ID,Task Category\r\n"
                + "Error,3/4/2026 10:30:01 AM,RasClient,twenty,None,\"bad id\"\r\n"
                + "Error,3/4/2026 10:30:02 AM,RasClient,20227,None,\"The error code returned on failure is 691.\"\r\n"
                + "Error,3/4/2026 10:30:03 AM,RasClient,20227,None,\"The error code returned on failure is 809.\r\n";
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("sys.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(run.factsOf(RasError.class)).extracting(RasError::code).containsExactly(691);
        assertThat(run.problems()).anyMatch(p -> p.locator().equals("line 2") && p.message().contains("not a number"));
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
    }

    @Test
    void endlessLineIsBounded() {
        byte[] content = new byte[3 * TextInput.MAX_LINE];
        Arrays.fill(content, (byte) 'a');
        byte[] head = "Event[0]:\n  Log Name: System\n  Event ID: 20227\n  Source: RasClient\n  Description: \n"
                .getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, content, 0, head.length);
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("long.txt", content));
        assertThat(run.failure()).isEmpty();
        assertThat(run.facts()).isEmpty();
    }
}
