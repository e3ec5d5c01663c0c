package dev.vpndiag.plugin.eventlog.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A log written under a Latin-1 or Windows code page (a connection named "büro", a German host name)
 * is read like its UTF-8 twin: its lines with non-ASCII bytes are text, not binary.
 */
class SingleByteLogTest {
    private static final Path LOG = Path.of("src/test/resources/linux/lab/healthy-null/client-charon.log");

    private static ProviderRun read(String name, byte[] content) {
        return ProviderRun.of(new LinuxLogProvider(), Evidence.bytes(name, content).withSide(Side.CLIENT));
    }

    @Test
    void latin1BytesInTheConnectionNameLoseNoLine() throws IOException {
        String utf8 = Files.readString(LOG).replace("l2tp", "l2tp-b\u00fcro");
        ProviderRun asUtf8 = read("utf8.log", utf8.getBytes(StandardCharsets.UTF_8));
        ProviderRun asLatin1 = read("latin1.log", utf8.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(asUtf8.factsOf(IkeSaEvent.class)).isNotEmpty();
        assertThat(asLatin1.problems()).isEmpty();
        assertThat(asLatin1.factsOf(IkeSaEvent.class)).hasSameSizeAs(asUtf8.factsOf(IkeSaEvent.class));
        assertThat(asLatin1.factsOf(IkeSaEvent.class)).extracting(IkeSaEvent::outcome)
                .containsExactlyElementsOf(asUtf8.factsOf(IkeSaEvent.class).stream().map(IkeSaEvent::outcome).toList());
    }

    @Test
    void controlBytesStillMakeALineBinary() {
        ProviderRun run = read("bin.log", ("Nov 23 13:27:29 client charon: 05[IKE] \u0001\u0002 junk\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(run.problems()).anySatisfy(p -> assertThat(p.message()).contains("binary"));
    }
}
