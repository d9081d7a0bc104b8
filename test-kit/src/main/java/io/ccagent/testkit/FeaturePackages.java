package io.ccagent.testkit;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A service's feature packages and which of them each may use, checked against its compiled classes (ArchUnit) and its
 * sources: a feature uses only the features it declares (so none reaches into another unannounced), the features form
 * no cycle, every package is declared, and each says what it owns in a {@code package-info.java}. The service's root
 * package (application class, settings record) is open to all. The table in each service's {@code ModularityTest} is
 * the map of the service.
 */
public final class FeaturePackages {

    private final String root;
    private final Map<String, Set<String>> allowed = new LinkedHashMap<>();

    private FeaturePackages(String root) {
        this.root = root;
    }

    public static FeaturePackages of(String rootPackage) {
        return new FeaturePackages(rootPackage);
    }

    /** Declares a feature package (relative to the root) and the other features it may use. */
    public FeaturePackages feature(String name, String... uses) {
        allowed.put(name, Set.of(uses));
        return this;
    }

    /** Runs every check; {@code sources} is the module's {@code src/main/java}. */
    public void check(Path sources) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        check(!classes.isEmpty(), "no compiled classes of " + root);
        List<String> undeclared = undeclaredUses(classes);
        check(undeclared.isEmpty(), "uses of a feature its user does not declare: " + undeclared);
        SlicesRuleDefinition.slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
        Set<String> found = featuresIn(sources);
        check(found.equals(allowed.keySet()), "feature packages in " + sources + " are " + found + ", declared "
                + allowed.keySet());
        List<String> undescribed = allowed.keySet().stream()
                .filter(feature -> !Files.exists(packageDir(sources, feature).resolve("package-info.java"))).toList();
        check(undescribed.isEmpty(), "feature packages without a package-info.java saying what they own: "
                + undescribed);
    }

    private static void check(boolean holds, String failure) {
        if (!holds) {
            throw new AssertionError(failure);
        }
    }

    private List<String> undeclaredUses(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        for (JavaClass origin : classes) {
            String from = feature(origin.getPackageName());
            if (from == null) {
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = feature(dependency.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
                    found.add(from + " -> " + to + " (" + dependency.getDescription() + ")");
                }
            }
        }
        return List.copyOf(found);
    }

    /** The feature a package belongs to, or null for the root package and packages outside the service. */
    private String feature(String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private Set<String> featuresIn(Path sources) {
        Path base = packageDir(sources, "");
        try (Stream<Path> dirs = Files.list(base)) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path packageDir(Path sources, String feature) {
        Path dir = sources.resolve(root.replace('.', '/'));
        return feature.isEmpty() ? dir : dir.resolve(feature);
    }
}
