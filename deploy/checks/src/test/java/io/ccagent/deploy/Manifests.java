package io.ccagent.deploy;

import static io.ccagent.deploy.Tree.map;
import static io.ccagent.deploy.Tree.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The documents one kustomize overlay renders to, rendered by `kubectl kustomize` once per test run. */
final class Manifests {

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    final String overlay;
    final List<Map<String, Object>> documents;

    private Manifests(String overlay, List<Map<String, Object>> documents) {
        this.overlay = overlay;
        this.documents = documents;
    }

    static Path overlaysDirectory() {
        return RepositoryFiles.file("deploy/k8s/overlays");
    }

    static List<String> overlayNames() throws IOException {
        try (Stream<Path> entries = Files.list(overlaysDirectory())) {
            return entries.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Why the overlays cannot be rendered here, or empty when they can: kubectl must be on the PATH and bring
     * kustomize 5 or newer (older ones, like the kubectl 1.20 of some distributions, lack fields the overlays use).
     */
    static Optional<String> whyNotRenderable() {
        try {
            Commands.Result version = Commands.run(Path.of(""), "kubectl", "version", "--client");
            Matcher kustomize = Pattern.compile("Kustomize Version: v(\\d+)").matcher(version.output());
            if (version.exitCode() != 0 || !kustomize.find()) {
                return Optional.of("kubectl on the PATH reports no kustomize version:\n" + version.output());
            }
            if (Integer.parseInt(kustomize.group(1)) < 5) {
                return Optional.of("kubectl's kustomize is older than v5:\n" + version.output());
            }
            return Optional.empty();
        } catch (IOException notInstalled) {
            return Optional.of("kubectl is not on the PATH (Debian package kubectl)");
        }
    }

    static Manifests of(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Manifests::render);
    }

    private static Manifests render(String overlay) {
        try {
            Commands.Result result = Commands.run(overlaysDirectory(), "kubectl", "kustomize", overlay);
            if (result.exitCode() != 0) {
                throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + result.output());
            }
            return new Manifests(overlay, RepositoryFiles.yamlDocuments(result.output()));
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + overlay + " could not run", e);
        }
    }

    Stream<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(document -> kind.equals(text(document, "kind")));
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).filter(document -> name.equals(name(document))).findFirst();
    }

    /** The namespace the overlay's Namespace document declares. */
    String namespace() {
        return ofKind("Namespace").map(Manifests::name).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " declares no Namespace"));
    }

    static String name(Map<String, Object> document) {
        return text(document, "metadata", "name");
    }

    /** The labels of the pods a Deployment creates. */
    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return map(deployment, "spec", "template", "metadata", "labels");
    }

    /** Whether every label of the selector is on the pods (a matchLabels or plain selector). */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }
}
