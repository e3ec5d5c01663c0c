package dev.vpndiag.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The public API stays free of third-party types; Drools stays behind one adapter. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vpndiag");

    @Test
    void sdkApiDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.vpndiag.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("dev.vpndiag.api..", "java..")
                .check(CLASSES);
    }

    @Test
    void onlyTheAdapterTouchesDrools() {
        noClasses().that().resideInAPackage("dev.vpndiag.core..")
                .and().doNotHaveFullyQualifiedName("dev.vpndiag.core.internal.DroolsRules")
                .and().doNotHaveFullyQualifiedName("dev.vpndiag.core.internal.DroolsRules$FiredRules")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..")
                .check(CLASSES);
    }

    @Test
    void publicCoreApiDoesNotExposeInternals() {
        noClasses().that().resideInAPackage("dev.vpndiag.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.vpndiag.core..")
                .check(CLASSES);
    }
}
