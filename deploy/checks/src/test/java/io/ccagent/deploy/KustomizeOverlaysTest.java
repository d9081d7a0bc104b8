package io.ccagent.deploy;

import static io.ccagent.deploy.Manifests.name;
import static io.ccagent.deploy.Manifests.podLabels;
import static io.ccagent.deploy.Manifests.selects;
import static io.ccagent.deploy.Tree.at;
import static io.ccagent.deploy.Tree.list;
import static io.ccagent.deploy.Tree.map;
import static io.ccagent.deploy.Tree.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ccagent.contracts.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under deploy/k8s/overlays with `kubectl kustomize` and checks what an operator relies on:
 * probes, resources and non-root pods, Services and budgets that find their pods, network policies that let
 * only the portal and the gateway's public listeners take outside traffic, Kafka topics that match the topic
 * catalog, and Kafka clients that use TLS with their own certificate (KafkaAccessTest checks the ACLs).
 */
class KustomizeOverlaysTest {

    private static final Set<String> EXPOSED_SERVICES = Set.of(Services.PORTAL.name, Services.GATEWAY.name);
    private static final String INTERNAL_PORT = "internal";

    static List<String> overlays() throws IOException {
        return Manifests.overlayNames();
    }

    @Test
    void thereAreDevelopmentAndProductionOverlays() throws IOException {
        assertThat(overlays()).contains("dev", "production");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDocumentIsNamedAndInTheOverlaysNamespace(String overlay) {
        Manifests manifests = rendered(overlay);
        String namespace = manifests.namespace();
        manifests.documents.forEach(document -> {
            assertThat(text(document, "apiVersion")).as("apiVersion of %s", document).isNotBlank();
            assertThat(text(document, "kind")).as("kind of %s", document).isNotBlank();
            assertThat(name(document)).as("name of %s", document).isNotBlank();
            if (!"Namespace".equals(text(document, "kind"))) {
                assertThat(text(document, "metadata", "namespace")).as("namespace of %s", name(document)).isEqualTo(namespace);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDocumentMatchesTheKubernetesSchemaOrIsAnOperatorsResource(String overlay) {
        rendered(overlay).documents.forEach(KubernetesSchema::validate);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndRunsAsNonRoot(String overlay) {
        Manifests manifests = rendered(overlay);
        assertThat(manifests.ofKind("Deployment").map(Manifests::name))
                .contains(names(Services.values()));
        manifests.ofKind("Deployment").forEach(deployment -> {
            String name = name(deployment);
            Object pod = map(deployment, "spec", "template", "spec");
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as("%s runs as non-root", name).contains(true);
            assertThat(((Number) at(pod, "securityContext", "runAsUser").orElse(0)).intValue())
                    .as("%s runs with a uid", name).isPositive();
            List<Object> containers = list(pod, "containers");
            assertThat(containers).as("containers of %s", name).isNotEmpty();
            containers.forEach(container -> {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(map(container, probe)).as("%s of %s", probe, name).isNotEmpty();
                }
                for (String bound : List.of("requests", "limits")) {
                    assertThat(map(container, "resources", bound)).as("%s of %s", bound, name).containsKey("memory");
                }
                assertThat(map(container, "resources", "requests")).as("requests of %s", name).containsKey("cpu");
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as("%s escalation", name).contains(false);
                assertThat(text(container, "image")).as("image of %s is tagged", name).matches(".+:[^/]+");
            });
        });
    }

    /**
     * What a service needs besides its heap, from the measured non-heap (metaspace, code cache: up to 223 MB under
     * load), thread stacks, GC structures and malloc arenas: docs/deploy.md, "Memory".
     */
    private static final long NON_HEAP_BUDGET_MIB = 384;

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHeapLeavesTheMeasuredNonHeapBudgetUnderItsMemoryLimit(String overlay) {
        Manifests manifests = rendered(overlay);
        for (Services service : Services.values()) {
            Map<String, Object> container = firstContainer(deployment(manifests, service.name));
            Matcher heap = Pattern.compile("-Xmx(\\d+)m").matcher(environmentValue(container, "JDK_JAVA_OPTIONS"));
            assertThat(heap.find()).as("%s sets its heap in MiB", service.name).isTrue();
            long limit = mebibytes(text(container, "resources", "limits", "memory"));
            assertThat(Long.parseLong(heap.group(1)) + NON_HEAP_BUDGET_MIB).as("heap + non-heap of %s within its limit", service.name)
                    .isLessThanOrEqualTo(limit);
            assertThat(mebibytes(text(container, "resources", "requests", "memory"))).as("%s requests what it may use", service.name)
                    .isEqualTo(limit);
        }
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).as("memory quantity").endsWith("Mi");
        return Long.parseLong(quantity.substring(0, quantity.length() - 2));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void serviceProbesUseActuatorOnTheHttpPort(String overlay) {
        Manifests manifests = rendered(overlay);
        for (Services service : Services.values()) {
            Map<String, Object> container = firstContainer(deployment(manifests, service.name));
            assertThat(text(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(text(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
            assertThat(text(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
            assertThat(list(container, "ports")).anySatisfy(port -> {
                assertThat(text(port, "name")).isEqualTo("http");
                assertThat(text(port, "containerPort")).isEqualTo(String.valueOf(service.port));
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesSelectTheirDeploymentsPodsAndPorts(String overlay) {
        Manifests manifests = rendered(overlay);
        manifests.ofKind("Service").forEach(service -> {
            Map<String, Object> deployment = manifests.ofKind("Deployment")
                    .filter(candidate -> selects(map(service, "spec", "selector"), podLabels(candidate)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("Service " + name(service) + " selects no Deployment's pods"));
            List<Object> containerPorts = list(firstContainer(deployment), "ports");
            list(service, "spec", "ports").forEach(port -> {
                String protocol = text(port, "protocol").isEmpty() ? "TCP" : text(port, "protocol");
                String target = text(port, "targetPort");
                assertThat(containerPorts).as("Service %s port %s reaches a %s container port", name(service), target, protocol)
                        .anySatisfy(containerPort -> {
                            assertThat(target).isIn(text(containerPort, "name"), text(containerPort, "containerPort"));
                            assertThat(text(containerPort, "protocol").isEmpty() ? "TCP" : text(containerPort, "protocol"))
                                    .isEqualTo(protocol);
                        });
            });
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gatewayTakesSipOnUdpAndTcp(String overlay) {
        Map<String, Object> sip = rendered(overlay).find("Service", "telephony-gateway-sip")
                .orElseThrow(() -> new AssertionError("no Service telephony-gateway-sip"));
        assertThat(text(sip, "spec", "type")).isIn("LoadBalancer", "NodePort");
        Set<String> sipPorts = list(sip, "spec", "ports").stream()
                .filter(port -> text(port, "port").equals(String.valueOf(Services.SIP_PORT)))
                .map(port -> text(port, "protocol")).collect(Collectors.toSet());
        assertThat(sipPorts).containsExactlyInAnyOrder("UDP", "TCP");
        assertThat(list(sip, "spec", "ports")).as("the SIP Service exposes SIP and nothing else")
                .allSatisfy(port -> assertThat(text(port, "port")).isEqualTo(String.valueOf(Services.SIP_PORT)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void autoscaledDeploymentsLeaveTheReplicaCountToTheirAutoscaler(String overlay) {
        Manifests manifests = rendered(overlay);
        manifests.ofKind("HorizontalPodAutoscaler").forEach(autoscaler -> {
            Map<String, Object> deployment = manifests.find("Deployment", text(autoscaler, "spec", "scaleTargetRef", "name")).orElseThrow();
            assertThat(map(deployment, "spec")).as("Deployment %s sets replicas: every apply would reset the autoscaler's count",
                    name(deployment)).doesNotContainKey("replicas");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void disruptionBudgetsAndAutoscalersTargetDeployments(String overlay) {
        Manifests manifests = rendered(overlay);
        assertThat(manifests.ofKind("PodDisruptionBudget").map(Manifests::name)).contains(names(Services.values()));
        manifests.ofKind("PodDisruptionBudget").forEach(budget -> assertThat(manifests.ofKind("Deployment"))
                .as("PodDisruptionBudget %s covers a Deployment's pods", name(budget))
                .anySatisfy(deployment -> assertThat(selects(map(budget, "spec", "selector", "matchLabels"), podLabels(deployment))).isTrue()));

        assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isNotEmpty();
        manifests.ofKind("HorizontalPodAutoscaler").forEach(autoscaler -> {
            assertThat(text(autoscaler, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
            assertThat(manifests.find("Deployment", text(autoscaler, "spec", "scaleTargetRef", "name")))
                    .as("HorizontalPodAutoscaler %s scales a Deployment that exists", name(autoscaler)).isPresent();
            assertThat(number(autoscaler, "spec", "minReplicas")).isPositive()
                    .isLessThanOrEqualTo(number(autoscaler, "spec", "maxReplicas"));
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noAutoscalerAddsMoreConsumersThanThereArePartitions(String overlay) {
        Manifests manifests = rendered(overlay);
        int fewestPartitions = manifests.ofKind("KafkaTopic").mapToInt(topic -> number(topic, "spec", "partitions")).min()
                .orElseThrow(() -> new AssertionError("no KafkaTopic"));
        manifests.ofKind("HorizontalPodAutoscaler").forEach(autoscaler ->
                assertThat(number(autoscaler, "spec", "maxReplicas")).as("maxReplicas of %s", name(autoscaler))
                        .isLessThanOrEqualTo(fewestPartitions));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyPortalAndGatewayTakeTrafficFromOutside(String overlay) {
        Manifests manifests = rendered(overlay);
        assertThat(manifests.ofKind("NetworkPolicy")).as("a policy denies all ingress by default").anySatisfy(policy -> {
            assertThat(map(policy, "spec", "podSelector")).isEmpty();
            assertThat(list(policy, "spec", "policyTypes")).contains("Ingress");
            assertThat(list(policy, "spec", "ingress")).isEmpty();
        });
        manifests.ofKind("NetworkPolicy").forEach(policy -> list(policy, "spec", "ingress").stream()
                .filter(rule -> list(rule, "from").isEmpty())
                .forEach(openRule -> {
                    assertThat(text(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))
                            .as("NetworkPolicy %s lets anyone in", name(policy)).isIn(EXPOSED_SERVICES);
                    assertThat(list(openRule, "ports")).as("NetworkPolicy %s lets anyone reach the gateway's internal listener",
                            name(policy)).noneSatisfy(port -> assertThat(text(port, "port")).isIn(INTERNAL_PORT, "8094"));
                }));
        manifests.ofKind("Service")
                .filter(service -> Set.of("LoadBalancer", "NodePort").contains(text(service, "spec", "type")))
                .forEach(service -> assertThat(text(service, "spec", "selector", "app.kubernetes.io/name"))
                        .as("Service %s is reachable from outside", name(service)).isIn(EXPOSED_SERVICES));
        assertThat(manifests.ofKind("Ingress")).as("ingress goes through the Gateway API").isEmpty();
        manifests.ofKind("HTTPRoute").forEach(route -> list(route, "spec", "rules").forEach(rule ->
                list(rule, "backendRefs").forEach(backend -> assertThat(text(backend, "name"))
                        .as("HTTPRoute %s backend", name(route)).isIn(EXPOSED_SERVICES))));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGatewaysInternalListenerAnswersThePortalAndPrometheusOnly(String overlay) {
        Manifests manifests = rendered(overlay);
        List<Object> containerPorts = list(firstContainer(deployment(manifests, Services.GATEWAY.name)), "ports");
        assertThat(containerPorts).anySatisfy(port -> {
            assertThat(text(port, "name")).isEqualTo(INTERNAL_PORT);
            assertThat(text(port, "containerPort")).isEqualTo(String.valueOf(Services.GATEWAY_INTERNAL_PORT));
        });
        List<Object> rulesReachingInternal = manifests.ofKind("NetworkPolicy")
                .filter(policy -> Services.GATEWAY.name.equals(text(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))
                        || map(policy, "spec", "podSelector").isEmpty())
                .flatMap(policy -> list(policy, "spec", "ingress").stream())
                .filter(rule -> list(rule, "ports").stream().anyMatch(port -> INTERNAL_PORT.equals(text(port, "port"))))
                .toList();
        // the portal's pods, and Prometheus's namespace for the gateway's metrics (served on the internal listener only)
        assertThat(rulesReachingInternal).as("rules that open the internal listener").isNotEmpty().allSatisfy(rule ->
                assertThat(list(rule, "from")).singleElement().satisfies(peer -> {
                    assertThat(map(peer)).doesNotContainKey("ipBlock").hasSize(1);
                    if (map(peer).containsKey("podSelector")) {
                        assertThat(map(peer, "podSelector", "matchLabels")).containsExactly(Map.entry("app.kubernetes.io/name", Services.PORTAL.name));
                    } else {
                        assertThat(map(peer, "namespaceSelector", "matchLabels"))
                                .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
                    }
                }));
        assertThat(text(manifests.find("ConfigMap", "cca-portal").orElseThrow(), "data", "GATEWAY_URL"))
                .as("the portal calls the gateway's internal listener")
                .isEqualTo("http://" + Services.GATEWAY.name + ":" + Services.GATEWAY_INTERNAL_PORT);
    }

    @Test
    void productionPublishesTheCallEventApiAndThePortalButNotItsMetricsOrProvisioning() {
        Manifests manifests = rendered("production");
        List<Map<String, Object>> routes = manifests.ofKind("HTTPRoute").toList();
        assertThat(routes).isNotEmpty();
        for (Map<String, Object> route : routes) {
            for (Object rule : list(route, "spec", "rules")) {
                boolean toGateway = list(rule, "backendRefs").stream().anyMatch(backend -> Services.GATEWAY.name.equals(text(backend, "name")));
                if (toGateway) {
                    assertThat(list(rule, "backendRefs")).allSatisfy(backend ->
                            assertThat(text(backend, "port")).isEqualTo(String.valueOf(Services.GATEWAY.port)));
                    assertThat(list(rule, "matches")).as("HTTPRoute %s to the gateway", name(route)).singleElement().satisfies(match -> {
                        assertThat(text(match, "path", "type")).isEqualTo("Exact");
                        assertThat(text(match, "path", "value")).isEqualTo("/api/v1/call-events");
                        assertThat(text(match, "method")).isEqualTo("POST");
                    });
                }
            }
        }
        for (String hidden : List.of("/actuator", "/internal")) {
            assertThat(routes.stream().flatMap(route -> list(route, "spec", "rules").stream()))
                    .as("a rule keeps %s of the portal inside the cluster", hidden).anySatisfy(rule -> {
                        assertThat(list(rule, "matches")).anySatisfy(match -> {
                            assertThat(text(match, "path", "type")).isEqualTo("PathPrefix");
                            assertThat(text(match, "path", "value")).isEqualTo(hidden);
                        });
                        assertThat(list(rule, "backendRefs")).isEmpty();
                        assertThat(list(rule, "filters")).singleElement()
                                .satisfies(filter -> assertThat(text(filter, "type")).isEqualTo("RequestRedirect"));
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicOfTheCatalogIsDeclaredWithItsDeadLetterTopic(String overlay) {
        Manifests manifests = rendered(overlay);
        Map<String, Object> kafka = manifests.ofKind("Kafka").findFirst().orElseThrow(() -> new AssertionError("no Kafka"));
        int brokers = manifests.ofKind("KafkaNodePool")
                .filter(pool -> list(pool, "spec", "roles").contains("broker"))
                .mapToInt(pool -> number(pool, "spec", "replicas")).sum();
        Map<String, Map<String, Object>> topics = manifests.ofKind("KafkaTopic")
                .collect(Collectors.toMap(topic -> text(topic, "spec", "topicName"), topic -> topic));
        for (String source : Topics.ALL) {
            for (String topicName : List.of(source, Topics.deadLetter(source))) {
                Map<String, Object> topic = topics.get(topicName);
                assertThat(topic).as("KafkaTopic %s", topicName).isNotNull();
                assertThat(text(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(name(kafka));
                int replicas = number(topic, "spec", "replicas");
                assertThat(replicas).as("replicas of %s", topicName).isBetween(1, brokers);
                assertThat(number(topic, "spec", "config", "min.insync.replicas"))
                        .as("%s stays writable with one broker down", topicName).isLessThanOrEqualTo(Math.max(1, replicas - 1));
                assertThat(text(topic, "spec", "config", "cleanup.policy"))
                        .as("%s is keyed by tenant: compaction would drop history", topicName).isEqualTo("delete");
            }
            assertThat(number(topics.get(Topics.deadLetter(source)), "spec", "partitions"))
                    .as("the binder dead-letters a record to its source partition")
                    .isEqualTo(number(topics.get(source), "spec", "partitions"));
        }
        assertThat(topics.values().stream().map(topic -> number(topic, "spec", "partitions")).distinct())
                .as("queue-service's router reads partition n of every input topic together (one set of tenants)")
                .hasSize(1);
        for (String eventTopic : List.of(Topics.AGENT_EVENTS, Topics.QUEUE_EVENTS, Topics.CALL_EVENTS)) {
            assertThat(text(topics.get(eventTopic), "spec", "config", "retention.ms"))
                    .as("%s is kept for rebuilds", eventTopic).isEqualTo("-1");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesConnectToTheOperatorsKafkaWithTlsAndTheirOwnCertificateAndToTheirOwnMongoUser(String overlay) {
        Manifests manifests = rendered(overlay);
        Map<String, Object> kafkaCluster = manifests.ofKind("Kafka").findFirst().orElseThrow();
        String kafka = name(kafkaCluster);
        List<Object> listeners = list(kafkaCluster, "spec", "kafka", "listeners");
        assertThat(listeners).as("every listener of %s encrypts and authenticates", kafka).isNotEmpty().allSatisfy(listener -> {
            assertThat(text(listener, "tls")).isEqualTo("true");
            assertThat(text(listener, "authentication", "type")).isEqualTo("tls");
        });
        assertThat(text(kafkaCluster, "spec", "kafka", "authorization", "type")).isEqualTo("simple");
        Map<String, Object> common = manifests.find("ConfigMap", "cca-common").orElseThrow();
        assertThat(text(common, "data", "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka + "-kafka-bootstrap:" + text(listeners.get(0), "port"));
        assertThat(text(common, "data", "SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SSL");
        Set<String> kafkaUsers = manifests.ofKind("KafkaUser").map(Manifests::name).collect(Collectors.toSet());
        for (Services service : Services.values()) {
            Map<String, Object> deployment = deployment(manifests, service.name);
            Map<String, Object> container = firstContainer(deployment);
            String keyStoreSecret = text(environmentVariable(container, "SPRING_KAFKA_SSL_KEY_STORE_PASSWORD"), "valueFrom", "secretKeyRef", "name");
            assertThat(keyStoreSecret).as("%s authenticates to Kafka as its own KafkaUser", service.name)
                    .isEqualTo(service.name).isIn(kafkaUsers);
            String userVolume = list(container, "volumeMounts").stream()
                    .filter(mount -> text(common, "data", "SPRING_KAFKA_SSL_KEY_STORE_LOCATION").startsWith("file:" + text(mount, "mountPath") + "/"))
                    .map(mount -> text(mount, "name")).findFirst()
                    .orElseThrow(() -> new AssertionError(service.name + " mounts no key store where cca-common points"));
            assertThat(list(deployment, "spec", "template", "spec", "volumes")).anySatisfy(volume -> {
                assertThat(text(volume, "name")).isEqualTo(userVolume);
                assertThat(text(volume, "secret", "secretName")).isEqualTo(service.name);
            });
        }

        Map<String, Object> mongo = manifests.ofKind("MongoDBCommunity").findFirst().orElseThrow(() -> new AssertionError("no MongoDBCommunity"));
        for (Services service : Services.values()) {
            Map<String, Object> container = firstContainer(deployment(manifests, service.name));
            assertThat(environmentValue(container, "MONGODB_DATABASE")).isEqualTo(service.database);
            String uriSecret = text(environmentVariable(container, "MONGODB_URI"), "valueFrom", "secretKeyRef", "name");
            Object user = list(mongo, "spec", "users").stream()
                    .filter(candidate -> uriSecret.equals(name(mongo) + "-" + text(candidate, "db") + "-" + text(candidate, "name")))
                    .findFirst().orElseThrow(() -> new AssertionError(service.name + " reads MONGODB_URI from " + uriSecret
                            + ", which the MongoDB operator does not write"));
            assertThat(list(user, "roles")).as("roles of %s's user", service.name).allSatisfy(role -> {
                assertThat(text(role, "db")).isEqualTo(service.database);
                assertThat(text(role, "name")).isEqualTo("readWrite");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceTakesTheOneServiceTokenKeyFromASecretThatIsNotInGit(String overlay) {
        Manifests manifests = rendered(overlay);
        Set<Map.Entry<String, String>> keys = new HashSet<>();
        for (Services service : Services.values()) {
            Map<String, Object> container = firstContainer(deployment(manifests, service.name));
            Object current = environmentVariable(container, "SERVICE_TOKEN_SECRET");
            assertThat(map(current)).as("%s: SERVICE_TOKEN_SECRET is no literal", service.name).doesNotContainKey("value");
            String secret = text(current, "valueFrom", "secretKeyRef", "name");
            String key = text(current, "valueFrom", "secretKeyRef", "key");
            assertThat(secret).as("%s reads SERVICE_TOKEN_SECRET from a Secret", service.name).isNotBlank();
            assertThat(key).as("%s: key of SERVICE_TOKEN_SECRET", service.name).isNotBlank();
            assertThat(at(current, "valueFrom", "secretKeyRef", "optional")).as("%s cannot start without the key", service.name)
                    .isNotEqualTo(Optional.of(true));
            keys.add(Map.entry(secret, key));

            list(container, "env").stream().filter(variable -> "SERVICE_TOKEN_PREVIOUS_SECRET".equals(text(variable, "name")))
                    .forEach(previous -> {
                        assertThat(map(previous)).as("%s: SERVICE_TOKEN_PREVIOUS_SECRET is no literal", service.name)
                                .doesNotContainKey("value");
                        assertThat(text(previous, "valueFrom", "secretKeyRef", "name")).as("%s: previous key", service.name)
                                .isEqualTo(secret);
                        assertThat(at(previous, "valueFrom", "secretKeyRef", "optional"))
                                .as("%s: the previous key exists only during a rotation", service.name).contains(true);
                    });
            list(container, "envFrom").forEach(source -> manifests.find("ConfigMap", text(source, "configMapRef", "name"))
                    .ifPresent(configMap -> assertThat(map(configMap, "data")).as("ConfigMap %s", name(configMap))
                            .doesNotContainKeys("SERVICE_TOKEN_SECRET", "SERVICE_TOKEN_PREVIOUS_SECRET")));
        }
        assertThat(keys).as("the five services sign and verify with the same key").hasSize(1);
        String secret = keys.iterator().next().getKey();
        assertThat(manifests.find("Secret", secret)).as("Secret %s is created by the operator, not rendered from git", secret)
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyReferencedConfigMapAndSecretExistsOrIsDocumented(String overlay) {
        Manifests manifests = rendered(overlay);
        Map<String, Object> mongo = manifests.ofKind("MongoDBCommunity").findFirst().orElseThrow();
        Set<String> writtenByOperators = list(mongo, "spec", "users").stream()
                .map(user -> name(mongo) + "-" + text(user, "db") + "-" + text(user, "name")).collect(Collectors.toSet());
        manifests.ofKind("KafkaUser").forEach(user -> writtenByOperators.add(name(user)));
        manifests.ofKind("Kafka").forEach(kafka -> writtenByOperators.add(name(kafka) + "-cluster-ca-cert"));
        String deployGuide = RepositoryFiles.read(RepositoryFiles.file("docs/deploy.md"));

        List<String> secrets = new ArrayList<>();
        list(mongo, "spec", "users").forEach(user -> secrets.add(text(user, "passwordSecretRef", "name")));
        manifests.ofKind("Gateway").forEach(gateway -> list(gateway, "spec", "listeners").forEach(listener ->
                list(listener, "tls", "certificateRefs").forEach(certificate -> secrets.add(text(certificate, "name")))));
        manifests.ofKind("Deployment").forEach(deployment -> list(deployment, "spec", "template", "spec", "containers").forEach(container -> {
            list(container, "envFrom").forEach(source -> assertThat(manifests.find("ConfigMap", text(source, "configMapRef", "name")))
                    .as("ConfigMap %s of %s", text(source, "configMapRef", "name"), name(deployment)).isPresent());
            list(container, "env").forEach(variable -> at(variable, "valueFrom", "secretKeyRef", "name")
                    .ifPresent(secret -> secrets.add(String.valueOf(secret))));
        }));
        manifests.ofKind("Deployment").forEach(deployment -> list(deployment, "spec", "template", "spec", "volumes")
                .forEach(volume -> at(volume, "secret", "secretName").ifPresent(secret -> secrets.add(String.valueOf(secret)))));
        secrets.stream().filter(secret -> !writtenByOperators.contains(secret)).forEach(secret -> {
            if (manifests.find("Secret", secret).isEmpty()) {
                assertThat(deployGuide).as("Secret %s is neither in the %s overlay nor in docs/deploy.md", secret, overlay)
                        .contains("`" + secret + "`");
            }
        });
    }

    @Test
    void developmentOverlayRunsTheImagesJibBuilds() {
        Manifests manifests = rendered("dev");
        for (Services service : Services.values()) {
            assertThat(text(firstContainer(deployment(manifests, service.name)), "image")).isEqualTo(service.image());
        }
    }

    private static Manifests rendered(String overlay) {
        Optional<String> whyNot = Manifests.whyNotRenderable();
        assumeTrue(whyNot.isEmpty(), () -> "the overlays are not rendered here: " + whyNot.orElseThrow());
        return Manifests.of(overlay);
    }

    private static Map<String, Object> deployment(Manifests manifests, String name) {
        return manifests.find("Deployment", name).orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstContainer(Map<String, Object> deployment) {
        return (Map<String, Object>) list(deployment, "spec", "template", "spec", "containers").get(0);
    }

    private static Object environmentVariable(Map<String, Object> container, String variable) {
        return list(container, "env").stream().filter(entry -> variable.equals(text(entry, "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + variable + " in " + text(container, "name")));
    }

    private static String environmentValue(Map<String, Object> container, String variable) {
        return text(environmentVariable(container, variable), "value");
    }

    private static int number(Object document, String... path) {
        return Integer.parseInt(text(document, path));
    }

    private static String[] names(Services[] services) {
        return java.util.Arrays.stream(services).map(service -> service.name).toArray(String[]::new);
    }
}
