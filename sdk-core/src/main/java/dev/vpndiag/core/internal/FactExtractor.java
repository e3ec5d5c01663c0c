package dev.vpndiag.core.internal;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.Stats;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactDeriver;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a bundle into facts: each evidence item goes to the provider whose content sniff scores
 * highest, and text to every other provider that claims it as well; then the derivers see all facts. A provider that throws, or runs past its time budget,
 * becomes a {@link Problem}; what it emitted before stays.
 */
public final class FactExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(FactExtractor.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<FactProvider> providers;
    private final List<FactDeriver> derivers;
    private final Duration budget;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vpndiag-reader-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public FactExtractor(List<FactProvider> providers, List<FactDeriver> derivers, Duration budget) {
        this.providers = List.copyOf(providers);
        this.derivers = List.copyOf(derivers);
        this.budget = budget;
    }

    /** The providers, in dispatch order. */
    public List<FactProvider> providers() {
        return providers;
    }

    /** Extracts every fact of the bundle. */
    public FactExtraction extract(EvidenceBundle bundle, ProgressListener listener) {
        long start = System.nanoTime();
        List<Fact> facts = new ArrayList<>();
        List<Problem> problems = new ArrayList<>(bundle.problems());
        Map<String, Integer> perProvider = new LinkedHashMap<>();
        for (Evidence evidence : bundle) {
            if (listener.isCancelled()) {
                throw new CancellationException("diagnosis cancelled");
            }
            listener.evidenceStarted(evidence);
            int before = facts.size();
            if (evidence.isFacts()) {
                CollectingSink sink = new CollectingSink(evidence.name(), evidence, listener);
                evidence.facts().forEach(sink::accept);
                facts.addAll(sink.facts());
                problems.addAll(sink.problems());
                perProvider.merge("host", sink.facts().size(), Integer::sum);
            } else {
                readContent(evidence, listener, facts, problems, perProvider);
            }
            listener.evidenceFinished(evidence, facts.size() - before);
        }
        for (FactDeriver deriver : derivers) {
            List<Fact> snapshot = List.copyOf(facts);
            CollectingSink sink = new CollectingSink(deriver.id(), null, listener);
            try {
                deriver.derive(snapshot, sink);
            } catch (RuntimeException e) {
                LOG.warn("deriver {} failed", deriver.id(), e);
                sink.problem("", "deriver " + deriver.id() + " failed: " + e);
            }
            facts.addAll(sink.facts());
            problems.addAll(sink.problems());
            if (!sink.facts().isEmpty()) {
                perProvider.merge(deriver.id(), sink.facts().size(), Integer::sum);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new FactExtraction(facts, problems, new Stats(facts.size(), millis, perProvider));
    }

    private void readContent(Evidence evidence, ProgressListener listener, List<Fact> facts,
                             List<Problem> problems, Map<String, Integer> perProvider) {
        ContentHead head;
        try {
            head = new ContentHead(evidence.name(), evidence.head(ContentHead.SIZE), evidence.size());
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(evidence.name(), "", "cannot open: " + e.getMessage()));
            return;
        }
        if (head.bytes().length == 0) {
            problems.add(new Problem(evidence.name(), "", "empty file"));
            return;
        }
        java.nio.charset.Charset utf16 = Utf16Text.detect(head.bytes());
        if (utf16 != null) {
            // every reader gets UTF-8: Windows tools and PowerShell's redirection write UTF-16
            Evidence original = evidence;
            evidence = original.withContent(-1, () -> Utf16Text.toUtf8(original.open(), utf16));
            try {
                head = new ContentHead(evidence.name(), evidence.head(ContentHead.SIZE), -1);
            } catch (IOException | RuntimeException e) {
                problems.add(new Problem(evidence.name(), "", "cannot open: " + e.getMessage()));
                return;
            }
        }
        List<FactProvider> readers = choose(head, problems);
        if (readers.isEmpty()) {
            problems.add(new Problem(evidence.name(), "", "no provider reads this format"));
            return;
        }
        for (FactProvider reader : readers) {
            read(reader, evidence, listener, facts, problems, perProvider);
        }
    }

    private void read(FactProvider chosen, Evidence evidence, ProgressListener listener, List<Fact> facts,
                      List<Problem> problems, Map<String, Integer> perProvider) {
        CollectingSink sink = new CollectingSink(evidence.name(), evidence, listener);
        Future<?> run = executor.submit(() -> {
            chosen.read(evidence, sink);
            return null;
        });
        try {
            run.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            sink.problem("", "reader " + chosen.id() + " exceeded its time budget of " + budget.toSeconds()
                    + " s; facts read until then are kept");
        } catch (InterruptedException e) {
            run.cancel(true);
            sink.close();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EvidenceFormatException efe) {
                sink.problemAt(efe.source(), efe.locator(), efe.reason());
            } else if (cause instanceof IOException io) {
                sink.problem("", "cannot read: " + io.getMessage());
            } else {
                LOG.warn("provider {} failed on {}", chosen.id(), evidence.name(), cause);
                sink.problem("", "reader " + chosen.id() + " failed: " + cause);
            }
        }
        // From here on a reader thread that outlived its budget can no longer add facts.
        sink.close();
        if (listener.isCancelled()) {
            throw new CancellationException("diagnosis cancelled");
        }
        facts.addAll(sink.facts());
        problems.addAll(sink.problems());
        perProvider.merge(chosen.id(), sink.facts().size(), Integer::sum);
        listener.readBy(evidence, chosen.id(), sink.facts().size());
    }

    /**
     * The providers that read the content: the one whose sniff scores highest, and, when the content is
     * text, every other that claims it too, since a pasted ticket mixes the lines of several programs
     * (charon, xl2tpd and pppd lines with a Windows error text) and each reader takes its own lines.
     * Binary formats go to their one reader.
     */
    private List<FactProvider> choose(ContentHead head, List<Problem> problems) {
        List<FactProvider> claiming = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (FactProvider p : providers) {
            int score;
            try {
                score = p.sniff(head);
            } catch (RuntimeException e) {
                LOG.warn("provider {} failed to sniff {}", p.id(), head.name(), e);
                problems.add(new Problem(head.name(), "", "reader " + p.id() + " failed to inspect it: " + e));
                continue;
            }
            if (score > FactProvider.NO_MATCH) {
                claiming.add(p);
                scores.add(score);
            }
        }
        if (claiming.isEmpty()) {
            return List.of();
        }
        int best = 0;
        for (int i = 1; i < claiming.size(); i++) {
            if (scores.get(i) > scores.get(best)) {
                best = i;
            }
        }
        List<FactProvider> out = new ArrayList<>();
        out.add(claiming.get(best));
        if (isText(head.bytes()) && !isDocument(head.bytes())) {
            for (int i = 0; i < claiming.size(); i++) {
                if (i != best) {
                    out.add(claiming.get(i));
                }
            }
        }
        return out;
    }

    /** A structured document (JSON, JSON lines, XML; '#' comment lines before it allowed): one format throughout. */
    private static boolean isDocument(byte[] head) {
        int i = 0;
        int n = head.length;
        while (i < n) {
            int c = head[i] & 0xFF;
            if (c == '#') {
                while (i < n && head[i] != '\n') {
                    i++;
                }
            } else if (c == '{' || c == '[' || c == '<') {
                return true;
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != 0xEF && c != 0xBB && c != 0xBF) {
                return false;
            }
            i++;
        }
        return false;
    }

    /** Text: no zero byte and no other control character than tab, line breaks and form feed in the head. */
    private static boolean isText(byte[] head) {
        int n = Math.min(head.length, 8192);
        for (int i = 0; i < n; i++) {
            int c = head[i] & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) {
                return false;
            }
        }
        return true;
    }

    /** Releases the reader threads. */
    public void shutdown() {
        executor.shutdownNow();
    }

    /** Collects what one reader emits; after close() it ignores a straggling reader thread. */
    private static final class CollectingSink implements FactSink {
        private final String source;
        private final Evidence evidence;
        private final ProgressListener listener;
        private final List<Fact> facts = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private volatile boolean closed;

        CollectingSink(String source, Evidence evidence, ProgressListener listener) {
            this.source = source;
            this.evidence = evidence;
            this.listener = listener;
        }

        @Override
        public synchronized void accept(Fact fact) {
            if (closed || fact == null) {
                return;
            }
            String complaint = FactChecks.complaint(fact);
            if (complaint != null) {
                problems.add(new Problem(fact.ref().source(), fact.ref().locator(),
                        fact.getClass().getSimpleName() + " dropped: " + complaint));
                return;
            }
            facts.add(fact);
        }

        @Override
        public void problem(String locator, String message) {
            problemAt(source, locator, message);
        }

        synchronized void problemAt(String src, String locator, String message) {
            problems.add(new Problem(src, locator, message));
        }

        @Override
        public void progress(long bytesDone) {
            if (evidence != null && !closed) {
                listener.bytesRead(evidence, bytesDone, evidence.size());
            }
        }

        @Override
        public boolean isCancelled() {
            return closed || listener.isCancelled() || Thread.currentThread().isInterrupted();
        }

        void close() {
            closed = true;
        }

        synchronized List<Fact> facts() {
            return List.copyOf(facts);
        }

        synchronized List<Problem> problems() {
            return List.copyOf(problems);
        }
    }
}
