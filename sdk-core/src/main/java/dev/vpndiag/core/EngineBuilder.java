package dev.vpndiag.core;

import com.google.inject.Guice;
import com.google.inject.Stage;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.spi.FactDeriver;
import dev.vpndiag.api.spi.FactProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link DiagnosticEngine} without Guice in the host's code (Guice is used inside).
 * Obtain one from {@link VpnDiag#engineBuilder()}. Building compiles nothing unless host DRL is
 * added; the built-in rules were compiled with the library.
 */
public final class EngineBuilder {
    private final List<FactProvider> providers = new ArrayList<>();
    private final List<FactDeriver> derivers = new ArrayList<>();
    private final Map<String, String> rules = new LinkedHashMap<>();
    private boolean discover = true;
    private Duration readerBudget = Duration.ofSeconds(120);

    EngineBuilder() {
    }

    /** Adds a fact provider besides those ServiceLoader finds. */
    public EngineBuilder addProvider(FactProvider provider) {
        providers.add(Objects.requireNonNull(provider, "provider"));
        return this;
    }

    /** Adds a fact deriver besides those ServiceLoader finds. */
    public EngineBuilder addDeriver(FactDeriver deriver) {
        derivers.add(Objects.requireNonNull(deriver, "deriver"));
        return this;
    }

    /**
     * Adds DRL rules, compiled when the engine is built. Rules match the facts of
     * {@code dev.vpndiag.api.fact} and insert the records of {@code dev.vpndiag.api.rule}.
     */
    public EngineBuilder addRules(String name, String drl) {
        rules.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(drl, "drl"));
        return this;
    }

    /** Whether to add the providers and derivers found by ServiceLoader (default true). */
    public EngineBuilder discoverPlugins(boolean enabled) {
        this.discover = enabled;
        return this;
    }

    /** How long one provider may read one evidence item before it is abandoned (default 120 s). */
    public EngineBuilder readerTimeBudget(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive");
        }
        this.readerBudget = budget;
        return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalArgumentException when added DRL does not compile
     */
    public DiagnosticEngine build() {
        List<FactProvider> p = List.copyOf(providers);
        List<FactDeriver> d = List.copyOf(derivers);
        Map<String, String> r = Map.copyOf(rules);
        try {
            return Guice.createInjector(Stage.PRODUCTION, new VpnDiagModule(discover, readerBudget), binder -> {
                Multibinder<FactProvider> pb = VpnDiagModule.providers(binder);
                p.forEach(x -> pb.addBinding().toInstance(x));
                Multibinder<FactDeriver> db = VpnDiagModule.derivers(binder);
                d.forEach(x -> db.addBinding().toInstance(x));
                MapBinder<String, String> rb = VpnDiagModule.rules(binder);
                r.forEach((k, v) -> rb.addBinding(k).toInstance(v));
            }).getInstance(DiagnosticEngine.class);
        } catch (com.google.inject.CreationException e) {
            throw unwrap(e, e.getErrorMessages());
        } catch (com.google.inject.ProvisionException e) {
            throw unwrap(e, e.getErrorMessages());
        }
    }

    /** Surfaces a rule compilation error as itself rather than as Guice's wrapper. */
    private static RuntimeException unwrap(RuntimeException e, java.util.Collection<com.google.inject.spi.Message> messages) {
        for (com.google.inject.spi.Message m : messages) {
            if (m.getCause() instanceof IllegalArgumentException iae) {
                return iae;
            }
        }
        return e;
    }
}
