package io.mlpservice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The layering the code promises: a plain engine, features that depend one way, thin edges. */
class ArchitectureTests {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mlpservice");

    @Test
    void theEngineIsAPlainJavaLibrary() {
        noClasses().that().resideInAPackage("io.mlpservice.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..",
                        "com.fasterxml..", "io.swagger..", "jakarta..", "org.slf4j..")
                .check(PRODUCTION);
    }

    @Test
    void theEngineKnowsNothingOfTheService() {
        noClasses().that().resideInAPackage("io.mlpservice.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mlpservice.model..", "io.mlpservice.training..",
                        "io.mlpservice.web..", "io.mlpservice.config..")
                .check(PRODUCTION);
    }

    @Test
    void modelsDoNotDependOnTrainingJobs() {
        noClasses().that().resideInAPackage("io.mlpservice.model..")
                .should().dependOnClassesThat().resideInAPackage("io.mlpservice.training..")
                .check(PRODUCTION);
    }

    @Test
    void theWebEdgeKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.mlpservice.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mlpservice.model..", "io.mlpservice.training..")
                .check(PRODUCTION);
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(PRODUCTION);
    }
}
