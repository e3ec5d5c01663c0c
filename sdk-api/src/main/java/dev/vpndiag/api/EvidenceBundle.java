package dev.vpndiag.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The evidence of one connection attempt, from one or both sides. Immutable.
 *
 * <p>To open a folder (with an optional {@code bundle.json} manifest) or a zip file as a bundle,
 * use the engine implementation's bundle reader.
 */
public final class EvidenceBundle implements Iterable<Evidence> {
    private final List<Evidence> items;
    private final List<Problem> problems;

    private EvidenceBundle(List<Evidence> items, List<Problem> problems) {
        this.items = List.copyOf(items);
        this.problems = List.copyOf(problems);
    }

    private EvidenceBundle(List<Evidence> items) {
        this(items, List.of());
    }

    /** A bundle of the given items. */
    public static EvidenceBundle of(Evidence... items) {
        return new EvidenceBundle(List.of(items));
    }

    /** A bundle of the given items. */
    public static EvidenceBundle of(List<Evidence> items) {
        return new EvidenceBundle(items);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The items, in the order given. */
    public List<Evidence> items() {
        return items;
    }

    /**
     * Problems met while assembling the bundle (an archive entry refused, a file that could not be
     * listed); the diagnosis reports them with the problems of reading.
     */
    public List<Problem> problems() {
        return problems;
    }

    /** A copy that also carries the given assembly problems. */
    public EvidenceBundle withProblems(List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new EvidenceBundle(items, all);
    }

    /** True when the bundle holds nothing. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** A bundle with the items of both. */
    public EvidenceBundle plus(EvidenceBundle other) {
        List<Evidence> all = new ArrayList<>(items);
        all.addAll(other.items);
        List<Problem> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        return new EvidenceBundle(all, allProblems);
    }

    @Override
    public Iterator<Evidence> iterator() {
        return items.iterator();
    }

    /** Collects evidence items. */
    public static final class Builder {
        private final List<Evidence> items = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        private Builder() {
        }

        /** Adds an item. */
        public Builder add(Evidence evidence) {
            items.add(evidence);
            return this;
        }

        /** Adds every item of a bundle. */
        public Builder addAll(EvidenceBundle bundle) {
            items.addAll(bundle.items);
            problems.addAll(bundle.problems);
            return this;
        }

        /** Records a problem met while assembling the bundle. */
        public Builder problem(Problem problem) {
            problems.add(problem);
            return this;
        }

        /** The bundle. */
        public EvidenceBundle build() {
            return new EvidenceBundle(items, problems);
        }
    }
}
