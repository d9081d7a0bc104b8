package io.ccagent.deploy;

import static io.ccagent.deploy.Tree.list;
import static io.ccagent.deploy.Tree.map;
import static io.ccagent.deploy.Tree.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ccagent.contracts.Topics;
import io.ccagent.identity.ServiceTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The structure of docker-compose.yml, checked without Docker (and with `docker compose config` where it exists). */
class ComposeFileTest {

    private static final String LOOPBACK = "127.0.0.1:";
    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml(RepositoryFiles.file("docker-compose.yml"));
    private static final Map<String, Object> SERVICES = map(COMPOSE, "services");

    @Test
    void everyLongRunningContainerHasAnImageAndAHealthcheck() {
        assertThat(SERVICES).isNotEmpty();
        SERVICES.forEach((name, service) -> {
            assertThat(text(service, "image")).as("image of %s", name).isNotBlank();
            if (!isOneShot(name)) {
                assertThat(list(service, "healthcheck", "test")).as("healthcheck of %s", name).isNotEmpty();
            }
        });
    }

    @Test
    void everyDependencyWaitsUntilItIsHealthyOrHasFinished() {
        SERVICES.forEach((name, service) -> map(service, "depends_on").forEach((dependency, how) -> {
            assertThat(SERVICES).as("%s depends on a service that exists", name).containsKey(dependency);
            String condition = text(how, "condition");
            if (isOneShot(dependency)) {
                assertThat(condition).as("%s waits for the job %s", name, dependency)
                        .isEqualTo("service_completed_successfully");
            } else {
                assertThat(condition).as("%s waits for %s", name, dependency).isEqualTo("service_healthy");
                assertThat(list(SERVICES.get(dependency), "healthcheck", "test"))
                        .as("%s has a healthcheck to wait for", dependency).isNotEmpty();
            }
        }));
    }

    @ParameterizedTest
    @EnumSource(Services.class)
    void serviceRunsItsImageOnceKafkaTopicsAndMongoAreReady(Services service) {
        Object container = SERVICES.get(service.name);
        assertThat(container).as(service.name).isNotNull();
        assertThat(text(container, "image")).isEqualTo(service.image());
        assertThat(map(container, "depends_on")).containsKeys("kafka", "kafka-topics", "mongo");
        assertThat(text(container, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
        assertThat(text(container, "depends_on", "mongo", "condition")).isEqualTo("service_healthy");
    }

    @ParameterizedTest
    @EnumSource(Services.class)
    void serviceGetsItsConnectionSettingsAndPort(Services service) {
        Map<String, Object> environment = map(SERVICES.get(service.name), "environment");
        assertThat(environment).containsKeys(Services.COMMON_ENVIRONMENT.toArray(String[]::new));
        Services.COMMON_ENVIRONMENT.forEach(variable ->
                assertThat(String.valueOf(environment.get(variable))).as(variable).isNotBlank());
        assertThat(text(environment, "PORT")).isEqualTo(String.valueOf(service.port));
        assertThat(text(environment, "MONGODB_DATABASE")).isEqualTo(service.database);
        assertThat(text(environment, "KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafkaInternalAddress());
        assertThat(text(environment, "MONGODB_URI")).as("MongoDB with a user whose password compose requires")
                .startsWith("mongodb://cca:${MONGO_PASSWORD:?").contains("@mongo:27017/")
                .contains("replicaSet=" + mongoReplicaSet(), "authSource=admin");
        assertThat(list(SERVICES.get(service.name), "ports")).contains(LOOPBACK + service.port + ":" + service.port);
        assertThat(String.join(" ", strings(list(SERVICES.get(service.name), "healthcheck", "test"))))
                .contains("/" + service.port + " ", "/actuator/health/readiness");
    }

    @ParameterizedTest
    @EnumSource(Services.class)
    void serviceGetsTheServiceTokenKeyThatComposeRequires(Services service) {
        Map<String, Object> environment = map(SERVICES.get(service.name), "environment");
        assertThat(text(environment, "SERVICE_TOKEN_SECRET")).as("no default service token key")
                .isEqualTo("${SERVICE_TOKEN_SECRET:?run deploy/compose/init-env.sh first}");
        assertThat(text(environment, "SERVICE_TOKEN_PREVIOUS_SECRET")).as("the previous key only during a rotation")
                .isEqualTo("${SERVICE_TOKEN_PREVIOUS_SECRET:-}");
    }

    @Test
    void portalReachesEveryBackendAndTheMailCatcher() {
        Map<String, Object> environment = map(SERVICES.get(Services.PORTAL.name), "environment");
        assertThat(environment).containsKeys(Services.PORTAL_ENVIRONMENT.toArray(String[]::new));
        assertThat(environment).containsEntry("AGENT_SERVICE_URL", url(Services.AGENT))
                .containsEntry("QUEUE_SERVICE_URL", url(Services.QUEUE))
                .containsEntry("STATS_SERVICE_URL", url(Services.STATS))
                .containsEntry("GATEWAY_URL", "http://" + Services.GATEWAY.name + ":" + Services.GATEWAY_INTERNAL_PORT);
        assertThat(text(environment, "PROVISIONING_TOKEN")).as("no default provisioning token")
                .startsWith("${PROVISIONING_TOKEN:?");
        String mailHost = text(environment, "SPRING_MAIL_HOST");
        assertThat(SERVICES).as("the SMTP catcher runs in compose").containsKey(mailHost);
        assertThat(list(SERVICES.get(mailHost), "ports")).anySatisfy(port ->
                assertThat(String.valueOf(port)).endsWith(":" + text(environment, "SPRING_MAIL_PORT")));
        assertThat(map(SERVICES.get(Services.PORTAL.name), "depends_on")).containsKey(mailHost);
    }

    @Test
    void gatewayPublishesSipOnUdpAndTcpOnAnAddressTheOperatorChooses() {
        String sipAddress = "${SIP_PUBLISH_ADDRESS:-127.0.0.1}:";
        assertThat(strings(list(SERVICES.get(Services.GATEWAY.name), "ports")))
                .contains(sipAddress + Services.SIP_PORT + ":" + Services.SIP_PORT + "/udp",
                        sipAddress + Services.SIP_PORT + ":" + Services.SIP_PORT + "/tcp");
        assertThat(text(SERVICES.get(Services.GATEWAY.name), "environment", "SIP_ADVERTISED_HOST"))
                .isEqualTo("${SIP_ADVERTISED_HOST:-127.0.0.1}");
    }

    @Test
    void everyPortIsPublishedOnLoopbackOnlyAndKafkaAndMongoNotAtAll() {
        assertThat(map(SERVICES.get("kafka"))).doesNotContainKey("ports");
        assertThat(map(SERVICES.get("mongo"))).doesNotContainKey("ports");
        SERVICES.forEach((name, service) -> strings(list(service, "ports")).stream()
                .filter(port -> !port.startsWith("${SIP_PUBLISH_ADDRESS:-127.0.0.1}:" + Services.SIP_PORT + ":"))
                .forEach(port -> assertThat(port).as("port of %s", name).startsWith(LOOPBACK)));
    }

    @Test
    void secretsHaveNoDefaultsAndTheInitScriptGeneratesThem() {
        String compose = RepositoryFiles.read(RepositoryFiles.file("docker-compose.yml"));
        String script = RepositoryFiles.read(RepositoryFiles.file("deploy/compose/init-env.sh"));
        for (String secret : List.of("MONGO_PASSWORD", "PROVISIONING_TOKEN", "GRAFANA_ADMIN_PASSWORD")) {
            assertThat(compose).as("%s is required", secret).contains("${" + secret + ":?")
                    .doesNotContain("${" + secret + ":-");
            assertThat(script).as("init-env.sh generates %s", secret).contains(secret + "=$(secret)");
        }
        assertThat(compose).as("SERVICE_TOKEN_SECRET is required").contains("${SERVICE_TOKEN_SECRET:?")
                .doesNotContain("${SERVICE_TOKEN_SECRET:-");
        assertThat(text(SERVICES.get("mongo"), "environment", "MONGO_INITDB_ROOT_PASSWORD")).startsWith("${MONGO_PASSWORD:?");
    }

    @Test
    void theInitScriptWritesAServiceTokenKeyTheServicesAcceptAndAddsItToAnOlderEnvFile(@TempDir Path checkout) throws Exception {
        Path script = checkout.resolve("deploy/compose/init-env.sh");
        Files.createDirectories(script.getParent());
        Files.copy(RepositoryFiles.file("deploy/compose/init-env.sh"), script);
        Path envFile = checkout.resolve(".env");

        runInitScript(script);
        Map<String, String> generated = variables(envFile);
        assertThat(generated).containsKeys("MONGO_PASSWORD", "PROVISIONING_TOKEN", "GRAFANA_ADMIN_PASSWORD");
        assertThat(ServiceTokens.decodeSecret(generated.get("SERVICE_TOKEN_SECRET"))).as("decoded key").hasSize(32);
        runInitScript(script);
        assertThat(variables(envFile)).as("a second run keeps every secret").isEqualTo(generated);

        // a .env of before service tokens (no final newline): the key is added on its own line, the rest kept
        Files.writeString(envFile, "MONGO_PASSWORD=kept\nPROVISIONING_TOKEN=kept-too");
        runInitScript(script);
        Map<String, String> upgraded = variables(envFile);
        assertThat(upgraded).containsEntry("MONGO_PASSWORD", "kept").containsEntry("PROVISIONING_TOKEN", "kept-too")
                .containsOnlyKeys("MONGO_PASSWORD", "PROVISIONING_TOKEN", "SERVICE_TOKEN_SECRET");
        assertThat(ServiceTokens.decodeSecret(upgraded.get("SERVICE_TOKEN_SECRET"))).hasSize(32);
        assertThat(upgraded.get("SERVICE_TOKEN_SECRET")).as("a fresh key each time")
                .isNotEqualTo(generated.get("SERVICE_TOKEN_SECRET"));
    }

    @Test
    void kafkaIsOneKraftNodeAndEveryTopicIsCreatedWithItsDeadLetterTopic() {
        Object kafka = SERVICES.get("kafka");
        assertThat(text(kafka, "image")).startsWith("apache/kafka:");
        assertThat(text(kafka, "environment", "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(text(kafka, "environment", "KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");

        Set<String> words = Stream.of(String.join("\n", strings(list(SERVICES.get("kafka-topics"), "command"))).split("[\\s;]+"))
                .collect(Collectors.toSet());
        for (String topic : Topics.ALL) {
            assertThat(words).as("topics created").contains(topic, Topics.deadLetter(topic));
        }
        assertThat(text(SERVICES.get("kafka-topics"), "environment", "PARTITIONS")).matches("[1-9][0-9]*");
    }

    @Test
    void mongoIsTheOfficialImageRunningAReplicaSet() {
        Object mongo = SERVICES.get("mongo");
        assertThat(text(mongo, "image")).startsWith("mongo:");
        assertThat(mongoReplicaSet()).isNotBlank();
        assertThat(String.join(" ", strings(list(mongo, "healthcheck", "test")))).contains("rs.initiate", mongoReplicaSet());
    }

    @Test
    void prometheusAndGrafanaMountFilesThatExist() {
        for (String name : List.of("prometheus", "grafana")) {
            List<String> mounts = strings(list(SERVICES.get(name), "volumes")).stream()
                    .filter(volume -> volume.startsWith("./")).toList();
            assertThat(mounts).as("%s mounts files from the repository", name).isNotEmpty();
            mounts.forEach(volume -> assertThat(RepositoryFiles.file(volume.substring(2, volume.indexOf(':'))))
                    .as(volume).exists());
        }
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        assumeTrue(Commands.succeeds("docker", "compose", "version"),
                "docker compose is not installed here; the structure is checked by the other tests");
        // the secrets init-env.sh would write to .env; without them compose refuses the file, as it should
        Map<String, String> secrets = Map.of("MONGO_PASSWORD", "x", "PROVISIONING_TOKEN", "x", "GRAFANA_ADMIN_PASSWORD", "x",
                "SERVICE_TOKEN_SECRET", ServiceTokens.newSecret());
        Commands.Result result = Commands.run(Duration.ofMinutes(2), RepositoryFiles.root(), secrets,
                "docker", "compose", "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();

        Map<String, String> withoutServiceTokenKey = new HashMap<>(secrets);
        withoutServiceTokenKey.remove("SERVICE_TOKEN_SECRET");
        Commands.Result refused = Commands.run(Duration.ofMinutes(2), RepositoryFiles.root(), withoutServiceTokenKey,
                "docker", "compose", "-f", "docker-compose.yml", "config", "-q");
        assertThat(refused.exitCode()).as("compose without SERVICE_TOKEN_SECRET: %s", refused.output()).isNotZero();
        assertThat(refused.output()).contains("init-env.sh");
    }

    private static void runInitScript(Path script) throws Exception {
        Commands.Result result = Commands.run(script.getParent(), "bash", script.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The variables of a .env file (comments and blank lines skipped). */
    private static Map<String, String> variables(Path envFile) throws Exception {
        Map<String, String> variables = new HashMap<>();
        for (String line : Files.readAllLines(envFile)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as(".env line").contains("=");
                variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return variables;
    }

    private static boolean isOneShot(String service) {
        return "no".equals(text(SERVICES.get(service), "restart")) && list(SERVICES.get(service), "healthcheck", "test").isEmpty();
    }

    private static String kafkaInternalAddress() {
        String advertised = text(SERVICES.get("kafka"), "environment", "KAFKA_ADVERTISED_LISTENERS");
        String internalListener = text(SERVICES.get("kafka"), "environment", "KAFKA_INTER_BROKER_LISTENER_NAME");
        return Stream.of(advertised.split(","))
                .filter(listener -> listener.startsWith(internalListener + "://"))
                .map(listener -> listener.substring(internalListener.length() + 3))
                .findFirst().orElseThrow(() -> new AssertionError("no advertised listener " + internalListener));
    }

    private static String mongoReplicaSet() {
        Matcher replicaSet = Pattern.compile("--replSet (\\S+)").matcher(String.join(" ", strings(list(SERVICES.get("mongo"), "command"))));
        return replicaSet.find() ? replicaSet.group(1) : "";
    }

    private static String url(Services service) {
        return "http://" + service.name + ":" + service.port;
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }
}
