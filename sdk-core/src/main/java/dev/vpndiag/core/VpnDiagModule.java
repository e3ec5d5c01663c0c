package dev.vpndiag.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.spi.FactDeriver;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.core.internal.Catalogue;
import dev.vpndiag.core.internal.DefaultDiagnosticEngine;
import dev.vpndiag.core.internal.DroolsRules;
import dev.vpndiag.core.internal.FactExtractor;
import dev.vpndiag.core.internal.JsonlFactProvider;
import dev.vpndiag.core.internal.RankingData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Guice module that provides a {@link DiagnosticEngine}. Hosts that use Guice install it and may
 * contribute their own providers, derivers and DRL:
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new VpnDiagModule(), binder -> {
 *     VpnDiagModule.providers(binder).addBinding().to(MyVendorLogProvider.class);
 *     VpnDiagModule.rules(binder).addBinding("my-rules").toInstance(drlText);
 * });
 * DiagnosticEngine engine = injector.getInstance(DiagnosticEngine.class);
 * }</pre>
 *
 * Providers and derivers found by {@link ServiceLoader} are added unless discovery is switched off.
 */
public final class VpnDiagModule extends AbstractModule {
    private final boolean discover;
    private final Duration readerBudget;

    /** With ServiceLoader discovery and a 120 s time budget per evidence item. */
    public VpnDiagModule() {
        this(true, Duration.ofSeconds(120));
    }

    /**
     * @param discover     whether to add providers and derivers found by ServiceLoader
     * @param readerBudget how long one provider may read one evidence item before it is abandoned
     */
    public VpnDiagModule(boolean discover, Duration readerBudget) {
        this.discover = discover;
        this.readerBudget = readerBudget;
    }

    /** Where hosts add fact providers. */
    public static Multibinder<FactProvider> providers(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, FactProvider.class);
    }

    /** Where hosts add fact derivers. */
    public static Multibinder<FactDeriver> derivers(com.google.inject.Binder binder) {
        return Multibinder.newSetBinder(binder, FactDeriver.class);
    }

    /** Where hosts add DRL text, by name. */
    public static MapBinder<String, String> rules(com.google.inject.Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, String.class);
    }

    @Override
    protected void configure() {
        providers(binder()).addBinding().to(JsonlFactProvider.class);
        derivers(binder());
        rules(binder());
        bind(DiagnosticEngine.class).to(DefaultDiagnosticEngine.class);
    }

    @Provides
    @Singleton
    Catalogue catalogue() {
        return Catalogue.builtIn();
    }

    @Provides
    @Singleton
    RankingData ranking() {
        return RankingData.builtIn();
    }

    @Provides
    @Singleton
    DroolsRules rules(Map<String, String> hostRules) {
        return new DroolsRules(hostRules);
    }

    @Provides
    @Singleton
    FactExtractor extractor(Set<FactProvider> bound, Set<FactDeriver> boundDerivers) {
        List<FactProvider> providers = new ArrayList<>(bound);
        List<FactDeriver> derivers = new ArrayList<>(boundDerivers);
        if (discover) {
            ClassLoader loader = VpnDiagModule.class.getClassLoader();
            ServiceLoader.load(FactProvider.class, loader).forEach(p -> addIfNew(providers, p));
            ServiceLoader.load(FactDeriver.class, loader).forEach(d -> {
                if (derivers.stream().noneMatch(x -> x.getClass() == d.getClass())) {
                    derivers.add(d);
                }
            });
        }
        // A stable order makes ties in content sniffing resolve the same way every run.
        providers.sort(Comparator.comparing(FactProvider::id));
        derivers.sort(Comparator.comparing(FactDeriver::id));
        return new FactExtractor(providers, derivers, readerBudget);
    }

    private static void addIfNew(List<FactProvider> providers, FactProvider p) {
        if (providers.stream().noneMatch(x -> x.getClass() == p.getClass())) {
            providers.add(p);
        }
    }
}
