package dev.vpndiag.core.internal;

import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.rule.CauseContradiction;
import dev.vpndiag.api.rule.CauseCircumstance;
import dev.vpndiag.api.rule.CauseRuledOut;
import dev.vpndiag.api.rule.CauseSupport;
import dev.vpndiag.api.rule.EvidenceWanted;
import dev.vpndiag.api.rule.FindingRaised;
import dev.vpndiag.api.rule.LayerFailed;
import dev.vpndiag.api.rule.LayerPassed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that knows Drools. Loads the built-in rules from the executable model generated at
 * build time (listed in {@link #MODEL_LIST}, read directly so it also works from a shaded jar),
 * adds host DRL compiled at run time if any, and runs a fresh session per diagnosis.
 */
public final class DroolsRules {
    private static final Logger LOG = LoggerFactory.getLogger(DroolsRules.class);

    /** Written by kie-maven-plugin: one generated model class per line. */
    static final String MODEL_LIST = "META-INF/kie/dev.vpndiag/vpndiag-sdk-core/drools-model";

    private final KieBase kieBase;
    /** Sessions are reset and reused rather than built per run: a diagnosis runs one per attempt. */
    private final KieSessionsPool sessions;

    /**
     * @param hostRules DRL text by name, compiled into the same rule base; empty for none
     * @throws IllegalArgumentException when host DRL does not compile
     */
    public DroolsRules(Map<String, String> hostRules) {
        long start = System.nanoTime();
        this.kieBase = KieBaseBuilder.createKieBaseFromModel(loadModels(DroolsRules.class.getClassLoader()));
        if (!hostRules.isEmpty()) {
            KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(kieBase);
            hostRules.forEach((name, drl) -> {
                builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                        .setSourcePath(name.endsWith(".drl") ? name : name + ".drl"), ResourceType.DRL);
                if (builder.hasErrors()) {
                    throw new IllegalArgumentException("host rules " + name + " do not compile: " + builder.getErrors());
                }
            });
        }
        this.sessions = kieBase.newKieSessionsPool(1);
        // One empty session loads and links the generated rule classes now, at build time, rather
        // than inside the first diagnosis.
        run(List.of(), Clocks.none());
        LOG.debug("rule base ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static List<Model> loadModels(ClassLoader loader) {
        List<Model> models = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(MODEL_LIST)) {
            if (in == null) {
                throw new IllegalStateException(MODEL_LIST + " is missing: the rules were not compiled at build time");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("Drools-Model-Version:")) {
                    continue;
                }
                models.add((Model) loader.loadClass(line).getConstructor().newInstance());
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the compiled rules", e);
        }
        return models;
    }

    /** Number of rules in the rule base. */
    public int ruleCount() {
        return kieBase.getKiePackages().stream().mapToInt(p -> p.getRules().size()).sum();
    }

    /** The names of every rule in the rule base. */
    public java.util.SortedSet<String> ruleNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> names.add(r.getName())));
        return names;
    }

    /** Runs the rules over the facts and returns what they concluded; rules see the clocks as the global {@code clocks}. */
    public List<Object> run(List<Fact> facts, Clocks clocks) {
        return run(facts, clocks, null);
    }

    /**
     * As {@link #run(List, Clocks)}, telling {@code fired} the name of each rule as it fires (for rule
     * coverage checks; null for none).
     */
    public List<Object> run(List<Fact> facts, Clocks clocks, java.util.function.Consumer<String> fired) {
        KieSession session = sessions.newKieSession();
        FiredRules listener = null;
        if (fired != null) {
            listener = new FiredRules(fired);
            session.addEventListener(listener);
        }
        try {
            session.setGlobal("clocks", clocks);
            for (Fact f : facts) {
                session.insert(f);
            }
            session.fireAllRules();
            return new ArrayList<>(session.getObjects(DroolsRules::isConclusion));
        } finally {
            if (listener != null) {
                session.removeEventListener(listener);
            }
            session.dispose();
        }
    }

    /** Tells a consumer the name of each rule as it fires. */
    private static final class FiredRules extends org.kie.api.event.rule.DefaultAgendaEventListener {
        private final java.util.function.Consumer<String> fired;

        FiredRules(java.util.function.Consumer<String> fired) {
            this.fired = fired;
        }

        @Override
        public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
            fired.accept(event.getMatch().getRule().getName());
        }
    }

    private static boolean isConclusion(Object o) {
        return o instanceof CauseSupport || o instanceof CauseContradiction || o instanceof CauseRuledOut
                || o instanceof LayerPassed || o instanceof LayerFailed || o instanceof EvidenceWanted
                || o instanceof FindingRaised || o instanceof CauseCircumstance;
    }
}
