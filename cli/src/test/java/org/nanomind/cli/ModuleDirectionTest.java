package org.nanomind.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.nanomind.sim.Simulation;
import org.nanomind.sim.archfixture.ReachesUpstream;

/**
 * Dependencies between modules point one way, following the data flow:
 * sim-core &lt;- power-model &lt;- soc-model (also &lt;- kernels) &lt;- scenarios &lt;- reports &lt;- cli, and
 * firmware-bridge &lt;- cli. The bridge may read scenarios (to build policy artifacts) but not reports.
 * The cli module sees every module on its test class path, so the whole project is checked here.
 */
class ModuleDirectionTest {

    @Test
    void modulesOnlyReachDownTheDataFlow() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nanomind");
        assertTrue(classes.contain(Simulation.class) && classes.contain(Nanomind.class),
                "the whole project is on the class path: " + classes.size() + " classes");
        rule().check(classes);
    }

    /** Inside soc-model, computing for real (soc.functional) sits on the timing runtime, never under it. */
    @Test
    void theRuntimeDoesNotReachIntoFunctionalMode() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nanomind.soc");
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideInAnyPackage("org.nanomind.soc", "org.nanomind.soc.cost",
                        "org.nanomind.soc.graph", "org.nanomind.soc.governor")
                .should().dependOnClassesThat().resideInAPackage("org.nanomind.soc.functional").check(classes);
    }

    @Test
    void aClassThatReachesUpstreamFailsTheRule() {
        JavaClasses classes = new ClassFileImporter().importClasses(ReachesUpstream.class, Nanomind.class);
        AssertionError e = assertThrows(AssertionError.class, () -> rule().check(classes));
        assertTrue(e.getMessage().contains("ReachesUpstream"), e.getMessage());
    }

    private static ArchRule rule() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("sim-core").definedBy("org.nanomind.sim..")
                .layer("power-model").definedBy("org.nanomind.power..")
                .layer("kernels").definedBy("org.nanomind.kernels..")
                .layer("soc-model").definedBy("org.nanomind.soc..")
                .layer("scenarios").definedBy("org.nanomind.scenarios..")
                .layer("reports").definedBy("org.nanomind.reports..")
                .layer("firmware-bridge").definedBy("org.nanomind.bridge..")
                .layer("cli").definedBy("org.nanomind.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("reports").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("firmware-bridge").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("scenarios").mayOnlyBeAccessedByLayers("reports", "firmware-bridge", "cli")
                .whereLayer("soc-model").mayOnlyBeAccessedByLayers("scenarios", "reports", "firmware-bridge", "cli")
                .whereLayer("kernels").mayOnlyBeAccessedByLayers("soc-model", "scenarios", "reports", "firmware-bridge", "cli")
                .whereLayer("power-model").mayOnlyBeAccessedByLayers("soc-model", "scenarios", "reports", "firmware-bridge", "cli")
                .whereLayer("sim-core").mayOnlyBeAccessedByLayers("power-model", "soc-model", "scenarios", "reports",
                        "firmware-bridge", "cli");
    }
}
