package io.ccagent.deploy;

import static io.ccagent.deploy.Manifests.name;
import static io.ccagent.deploy.Tree.list;
import static io.ccagent.deploy.Tree.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ccagent.contracts.Topics;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-writer rule of ARCHITECTURE.md as the broker enforces it: the KafkaUsers' ACLs give every topic
 * exactly one writer, its owner, and let a dead-letter topic be written only by consumers of its source.
 */
class KafkaAccessTest {

    /** Who owns (alone writes) each topic. */
    private static final Map<String, String> OWNERS = Map.of(
            "agent.events", Services.AGENT.name,
            "queue.events", Services.QUEUE.name,
            "queue.facts", Services.QUEUE.name,
            "call.events", Services.GATEWAY.name,
            "routing.commands", Services.QUEUE.name);

    static List<String> overlays() throws IOException {
        return Manifests.overlayNames();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicHasExactlyOneWriterItsOwner(String overlay) {
        Manifests manifests = rendered(overlay);
        assertThat(OWNERS).as("every topic of the catalog has an owner here").containsKeys(Topics.ALL.toArray(String[]::new));
        manifests.ofKind("KafkaTopic").map(topic -> text(topic, "spec", "topicName"))
                .filter(topic -> !topic.endsWith(".dlq"))
                .forEach(topic -> assertThat(usersAllowed(manifests, topic, "Write"))
                        .as("writers of %s", topic).containsExactly(OWNERS.get(topic)));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyConsumersOfTheSourceWriteItsDeadLetterTopic(String overlay) {
        Manifests manifests = rendered(overlay);
        manifests.ofKind("KafkaTopic").map(topic -> text(topic, "spec", "topicName"))
                .filter(topic -> topic.endsWith(".dlq"))
                .forEach(deadLetter -> {
                    String source = deadLetter.substring(0, deadLetter.length() - ".dlq".length());
                    assertThat(usersAllowed(manifests, source, "Read")).as("readers of %s", source)
                            .containsAll(usersAllowed(manifests, deadLetter, "Write"));
                });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasItsOwnCertificateUserAndNoOneHasWildcards(String overlay) {
        Manifests manifests = rendered(overlay);
        assertThat(manifests.ofKind("KafkaUser").map(Manifests::name))
                .containsExactlyInAnyOrder(java.util.Arrays.stream(Services.values()).map(service -> service.name).toArray(String[]::new));
        manifests.ofKind("KafkaUser").forEach(user -> {
            assertThat(text(user, "spec", "authentication", "type")).as("authentication of %s", name(user)).isEqualTo("tls");
            list(user, "spec", "authorization", "acls").forEach(acl -> {
                assertThat(text(acl, "resource", "name")).as("ACL of %s", name(user)).isNotIn("*", "");
                assertThat(list(acl, "operations")).as("ACL of %s", name(user)).doesNotContain("All", "Alter", "Create", "Delete");
                if ("topic".equals(text(acl, "resource", "type"))) {
                    assertThat(text(acl, "resource", "patternType")).as("topic ACLs of %s name one topic", name(user)).isEqualTo("literal");
                }
            });
        });
    }

    /** The users an ACL allows the operation on the topic (literal name; topic ACLs here are all literal). */
    private static Set<String> usersAllowed(Manifests manifests, String topic, String operation) {
        return manifests.ofKind("KafkaUser")
                .filter(user -> list(user, "spec", "authorization", "acls").stream().anyMatch(acl ->
                        "topic".equals(text(acl, "resource", "type")) && topic.equals(text(acl, "resource", "name"))
                                && !"deny".equals(text(acl, "type")) && list(acl, "operations").contains(operation)))
                .map(Manifests::name).collect(Collectors.toSet());
    }

    private static Manifests rendered(String overlay) {
        Optional<String> whyNot = Manifests.whyNotRenderable();
        assumeTrue(whyNot.isEmpty(), () -> "the overlays are not rendered here: " + whyNot.orElseThrow());
        return Manifests.of(overlay);
    }
}
