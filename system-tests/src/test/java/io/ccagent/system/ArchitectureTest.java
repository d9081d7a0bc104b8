package io.ccagent.system;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries the architecture promises: services share only {@code contracts} (and the event-sourcing
 * library and test kit), never each other's code; contracts stay free of infrastructure.
 */
class ArchitectureTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICE_PACKAGES = List.of(
            "io.ccagent.agent", "io.ccagent.queue", "io.ccagent.stats", "io.ccagent.gateway", "io.ccagent.portal");
    private static final List<String> MODULES = List.of("contracts", "event-sourcing", "agent-service",
            "queue-service", "stats-service", "telephony-gateway", "portal-bff");

    private static JavaClasses classes;

    @BeforeAll
    static void importCompiledModules() {
        List<Path> compiled = MODULES.stream().map(m -> ROOT.resolve(m).resolve("target/classes")).toList();
        assertThat(compiled).allSatisfy(dir -> assertThat(Files.isDirectory(dir))
                .as("compiled classes of %s (run the reactor build)", dir).isTrue());
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(compiled);
    }

    @Test
    void servicesNeverDependOnEachOther() {
        for (String service : SERVICE_PACKAGES) {
            String[] others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(service)).map(p -> p + "..")
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .as(service + " uses no other service's code");
            rule.check(classes);
        }
    }

    @Test
    void contractsCarryNoInfrastructure() {
        noClasses().that().resideInAPackage("io.ccagent.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.bson..", "org.axonframework..", "org.apache.kafka..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void sharedLibrariesDoNotReachIntoServices() {
        noClasses().that().resideInAnyPackage("io.ccagent.contracts..", "io.ccagent.eventsourcing..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICE_PACKAGES.stream().map(p -> p + "..")
                        .toArray(String[]::new))
                .check(classes);
    }
}
