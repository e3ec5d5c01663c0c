package dev.vpndiag.testing;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of running one {@link FactProvider} over one evidence item, the way the engine does
 * it but without the engine: the sniff score, the facts, the problems, and the exception that
 * stopped the read, if any.
 *
 * <pre>{@code
 * ProviderRun run = ProviderRun.of(new MyProvider(), Path.of("src/test/resources/sample.log"));
 * assertThat(run.problems()).isEmpty();
 * assertThat(run.factsOf(RasError.class)).extracting(RasError::code).containsExactly(809);
 * }</pre>
 *
 * @param sniffScore what the provider's sniff said about the content
 * @param facts      facts emitted, in order
 * @param problems   problems reported through the sink, then the stopping exception if any
 * @param failure    the exception that ended the read, if any
 */
public record ProviderRun(int sniffScore, List<Fact> facts, List<Problem> problems, Optional<IOException> failure) {

    /** Copies the lists. */
    public ProviderRun {
        facts = List.copyOf(facts);
        problems = List.copyOf(problems);
    }

    /** Runs the provider over a file. */
    public static ProviderRun of(FactProvider provider, Path file) {
        return of(provider, Evidence.file(file));
    }

    /** Runs the provider over an evidence item, even when its sniff declines it. */
    public static ProviderRun of(FactProvider provider, Evidence evidence) {
        int score;
        try {
            score = provider.sniff(new ContentHead(evidence.name(), evidence.head(ContentHead.SIZE), evidence.size()));
        } catch (IOException e) {
            return new ProviderRun(FactProvider.NO_MATCH, List.of(), List.of(
                    new Problem(evidence.name(), "", "cannot open: " + e.getMessage())), Optional.of(e));
        }
        List<Fact> facts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        FactSink sink = new FactSink() {
            @Override
            public void accept(Fact fact) {
                facts.add(fact);
            }

            @Override
            public void problem(String locator, String message) {
                problems.add(new Problem(evidence.name(), locator, message));
            }
        };
        IOException failure = null;
        try {
            provider.read(evidence, sink);
        } catch (EvidenceFormatException e) {
            failure = e;
            problems.add(new Problem(e.source(), e.locator(), e.reason()));
        } catch (IOException e) {
            failure = e;
            problems.add(new Problem(evidence.name(), "", e.getMessage()));
        }
        return new ProviderRun(score, facts, problems, Optional.ofNullable(failure));
    }

    /**
     * The facts in order without the {@link HostPlatform} ones, which only say which software wrote
     * the evidence: what a test of a format's signs usually compares.
     */
    public List<Fact> factsBesidesPlatform() {
        return facts.stream().filter(f -> !(f instanceof HostPlatform)).toList();
    }

    /** The facts of one type, in order. */
    public <T extends Fact> List<T> factsOf(Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
