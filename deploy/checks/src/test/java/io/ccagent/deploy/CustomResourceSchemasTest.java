package io.ccagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRD check refuses what the API server would refuse, so a passing overlay means something. */
class CustomResourceSchemasTest {

    private final CustomResourceSchemas schemas = CustomResourceSchemas.vendored();

    @Test
    void everyOperatorTheDocsNameIsVendoredAtItsVersion() {
        assertThat(schemas.release("kafka.strimzi.io", "Kafka")).contains("strimzi-1.2.0");
        assertThat(schemas.release("kafka.strimzi.io", "KafkaUser")).contains("strimzi-1.2.0");
        assertThat(schemas.release("mongodbcommunity.mongodb.com", "MongoDBCommunity")).contains("mongodb-kubernetes-1.10.0");
        assertThat(schemas.release("gateway.networking.k8s.io", "HTTPRoute")).contains("gateway-api-v1.6.1");
        assertThat(schemas.release("monitoring.coreos.com", "PrometheusRule")).contains("prometheus-operator-v0.93.0");
        String guide = RepositoryFiles.read(RepositoryFiles.file("docs/deploy.md"));
        assertThat(guide).contains("Strimzi 1.2.0", "MongoDB Controllers for Kubernetes 1.10.0", "Gateway API v1.6.1",
                "Prometheus Operator v0.93.0");
    }

    @Test
    void refusesAVersionTheOperatorNoLongerServes() {
        assertThat(schemas.violations(kafka("kafka.strimzi.io/v1beta2", Map.of())))
                .singleElement().asString().contains("version v1beta2 not served");
    }

    @Test
    void refusesUnknownFieldsWrongTypesEnumsAndMissingRequiredFields() {
        assertThat(schemas.violations(kafka("kafka.strimzi.io/v1", Map.of("replicas", 3)))).anySatisfy(violation ->
                assertThat(violation).contains(".spec.kafka.replicas: unknown field"));
        assertThat(schemas.violations(kafka("kafka.strimzi.io/v1", Map.of("version", 4)))).anySatisfy(violation ->
                assertThat(violation).contains(".spec.kafka.version: must be of type string"));
        Map<String, Object> badListener = Map.of("name", "plain", "port", 9092, "type", "internalish", "tls", false);
        assertThat(schemas.violations(document("kafka.strimzi.io/v1", "Kafka",
                Map.of("kafka", Map.of("listeners", List.of(badListener)))))).anySatisfy(violation ->
                assertThat(violation).contains("internalish is not one of"));
        assertThat(schemas.violations(document("kafka.strimzi.io/v1", "Kafka", Map.of())))
                .anySatisfy(violation -> assertThat(violation).contains("required field kafka is missing"));
    }

    @Test
    void acceptsAMinimalValidResourceAndPreservedUnknownConfig() {
        assertThat(schemas.violations(kafka("kafka.strimzi.io/v1", Map.of("config", Map.of("any.broker.setting", 1)))))
                .isEmpty();
    }

    private static Map<String, Object> kafka(String apiVersion, Map<String, Object> extra) {
        Map<String, Object> listener = Map.of("name", "tls", "port", 9093, "type", "internal", "tls", true);
        Map<String, Object> kafka = new java.util.HashMap<>(Map.of("listeners", List.of(listener)));
        kafka.putAll(extra);
        return document(apiVersion, "Kafka", Map.of("kafka", kafka));
    }

    private static Map<String, Object> document(String apiVersion, String kind, Map<String, Object> spec) {
        return Map.of("apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", "x"), "spec", spec);
    }
}
