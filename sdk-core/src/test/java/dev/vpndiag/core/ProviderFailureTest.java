package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider that throws or hangs becomes a problem; the rest of the evidence still diagnoses. */
class ProviderFailureTest {

    private static final String UNANSWERED_IKE = Json.fact(Facts.ike(Side.CLIENT, 5, 0, 1, 0));

    private static FactProvider vendorProvider() {
        FactProvider p = mock(FactProvider.class);
        when(p.id()).thenReturn("vendor");
        when(p.sniff(any())).thenAnswer(inv -> {
            dev.vpndiag.api.spi.ContentHead head = inv.getArgument(0);
            return head.text().startsWith("VENDOR") ? FactProvider.STRONG_MATCH : FactProvider.NO_MATCH;
        });
        return p;
    }

    private static EvidenceBundle bundle() {
        return EvidenceBundle.of(
                Evidence.bytes("vendor.log", "VENDOR LOG v1\n".getBytes(StandardCharsets.UTF_8)),
                Evidence.bytes("facts.jsonl", (UNANSWERED_IKE + "\n").getBytes(StandardCharsets.UTF_8)).withSide(Side.CLIENT));
    }

    @Test
    void throwingProviderBecomesAProblem() throws Exception {
        FactProvider p = vendorProvider();
        doThrow(new IllegalStateException("boom")).when(p).read(any(), any());
        DiagnosticEngine engine = VpnDiag.engineBuilder().discoverPlugins(false).addProvider(p).build();
        Diagnosis d = engine.diagnose(bundle());
        assertThat(d.problems()).extracting(Problem::source).contains("vendor.log");
        assertThat(d.problems()).anySatisfy(pr -> assertThat(pr.message()).contains("vendor").contains("boom"));
        assertThat(d.topCause()).get().extracting(c -> c.id()).isEqualTo("IKE_UDP500_BLOCKED");
    }

    @Test
    void formatErrorKeepsFactsReadBeforeTheDamage() throws Exception {
        FactProvider p = vendorProvider();
        doAnswer(inv -> {
            FactSink sink = inv.getArgument(1);
            sink.accept(Facts.ras(809));
            throw new EvidenceFormatException("vendor.log", "byte 14", "record length 4294967295 exceeds the file");
        }).when(p).read(any(), any());
        DiagnosticEngine engine = VpnDiag.engineBuilder().discoverPlugins(false).addProvider(p).build();
        Diagnosis d = engine.diagnose(bundle());
        assertThat(d.problems()).contains(new Problem("vendor.log", "byte 14", "record length 4294967295 exceeds the file"));
        assertThat(d.stats().factsByProvider()).containsEntry("vendor", 1);
        assertThat(d.causes().get(0).evidence()).isNotEmpty();
    }

    @Test
    void hangingProviderIsAbandonedAfterItsBudget() throws Exception {
        FactProvider p = vendorProvider();
        doAnswer(inv -> {
            Thread.sleep(60_000);
            return null;
        }).when(p).read(any(), any());
        DiagnosticEngine engine = VpnDiag.engineBuilder().discoverPlugins(false).addProvider(p)
                .readerTimeBudget(Duration.ofMillis(300)).build();
        Diagnosis d = engine.diagnose(bundle());
        assertThat(d.problems()).anySatisfy(pr -> {
            assertThat(pr.source()).isEqualTo("vendor.log");
            assertThat(pr.message()).contains("time budget");
        });
        assertThat(d.topCause()).get().extracting(c -> c.id()).isEqualTo("IKE_UDP500_BLOCKED");
        assertThat(d.findings()).extracting(f -> f.id()).contains("EVIDENCE_UNREADABLE");
    }

    @Test
    void unknownFormatIsReportedNotFatal() {
        Diagnosis d = EngineHolder.ENGINE.diagnose(EvidenceBundle.of(
                Evidence.bytes("notes.docx", new byte[] {1, 2, 3, 4}), Evidence.bytes("empty.txt", new byte[0])));
        assertThat(d.problems()).containsExactly(
                new Problem("notes.docx", "", "no provider reads this format"),
                new Problem("empty.txt", "", "empty file"));
        assertThat(List.of(d.verdict().name())).containsExactly("INCONCLUSIVE");
    }

    @Test
    void aHugeLineIsSkippedWithoutReadingItWhole() {
        String text = "x".repeat(3 << 20) + "\n" + UNANSWERED_IKE + "\n";
        Diagnosis d = EngineHolder.ENGINE.diagnose(EvidenceBundle.of(
                Evidence.bytes("facts.jsonl", (UNANSWERED_IKE + "\n" + text).getBytes(StandardCharsets.UTF_8))));
        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.locator()).isEqualTo("line 2");
            assertThat(p.message()).contains("longer than");
        });
        assertThat(d.stats().facts()).isEqualTo(2);
    }

    @Test
    void cancellingStopsTheDiagnosis() {
        dev.vpndiag.api.ProgressListener cancelled = new dev.vpndiag.api.ProgressListener() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineHolder.ENGINE.diagnose(bundle(), cancelled))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void guiceHostsInstallTheModuleAndAddTheirProviders() throws Exception {
        FactProvider p = vendorProvider();
        doAnswer(inv -> {
            FactSink sink = inv.getArgument(1);
            sink.accept(Facts.ras(742));
            return null;
        }).when(p).read(any(), any());
        DiagnosticEngine engine = com.google.inject.Guice.createInjector(new VpnDiagModule(false, Duration.ofSeconds(10)),
                binder -> VpnDiagModule.providers(binder).addBinding().toInstance(p)).getInstance(DiagnosticEngine.class);
        Diagnosis d = engine.diagnose(EvidenceBundle.of(Evidence.bytes("vendor.log", "VENDOR LOG v1\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(d.topCause()).get().extracting(c -> c.id()).isEqualTo("MPPE_ENCRYPTION_MISMATCH");
        assertThat(d.stats().factsByProvider()).containsEntry("vendor", 1);
    }

    @Test
    void malformedFactLinesAreReportedWithTheirLine() {
        String text = UNANSWERED_IKE + "\n{\"type\":\"NoSuchFact\"}\n{\"type\":\"RasError\",\"code\":\"x\"}\nnot json\n";
        Diagnosis d = EngineHolder.ENGINE.diagnose(EvidenceBundle.of(
                Evidence.bytes("facts.jsonl", text.getBytes(StandardCharsets.UTF_8))));
        assertThat(d.problems()).extracting(Problem::locator).containsExactly("line 2", "line 3", "line 4");
        assertThat(d.problems().get(0).message()).contains("unknown fact type \"NoSuchFact\"");
        assertThat(d.stats().facts()).isEqualTo(1);
    }
}
