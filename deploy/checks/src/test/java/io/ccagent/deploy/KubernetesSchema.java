package io.ccagent.deploy;

import static io.ccagent.deploy.Tree.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Checks a rendered document against the Kubernetes API schema (the official Java client's models, whose JSON
 * readers reject unknown fields, missing required fields and wrong types), or, for the operators' custom
 * resources, against the CRD schemas the operators' releases ship (CustomResourceSchemas).
 */
final class KubernetesSchema {

    @FunctionalInterface
    private interface Reader {
        Object read(String json) throws IOException;
    }

    private static final Map<String, Reader> BUILT_IN = Map.of(
            "v1/Namespace", V1Namespace::fromJson,
            "v1/ConfigMap", V1ConfigMap::fromJson,
            "v1/Secret", V1Secret::fromJson,
            "v1/Service", V1Service::fromJson,
            "apps/v1/Deployment", V1Deployment::fromJson,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::fromJson,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::fromJson,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::fromJson,
            "networking.k8s.io/v1/Ingress", V1Ingress::fromJson);

    private static final Gson GSON = new Gson();

    private KubernetesSchema() {
    }

    static void validate(Map<String, Object> document) {
        String type = text(document, "apiVersion") + "/" + text(document, "kind");
        String name = text(document, "metadata", "name");
        Reader reader = BUILT_IN.get(type);
        if (reader != null) {
            try {
                reader.read(GSON.toJson(document));
            } catch (IOException | IllegalArgumentException e) {
                throw new AssertionError(type + " " + name + " does not match the Kubernetes schema: " + e.getMessage(), e);
            }
            return;
        }
        List<String> violations = CustomResourceSchemas.vendored().violations(document);
        assertThat(violations).as("%s %s against the operator's CRD", type, name).isEmpty();
    }
}
