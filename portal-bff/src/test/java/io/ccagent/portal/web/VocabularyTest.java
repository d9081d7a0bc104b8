package io.ccagent.portal.web;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyTest {

    private static final Path STATIC = Path.of("src", "main", "resources", "static");

    private final JsonNode words = JsonMapper.builder().build().readTree(new Vocabulary().vocabulary());

    @Test
    void everyStatusComesWithItsLabelWhetherItTakesQueueCallsAndATone() {
        for (AgentStatus status : AgentStatus.values()) {
            JsonNode shown = words.path("statuses").path(status.name());
            assertThat(shown.path("label").asString()).as(status.name()).isEqualTo(status.label());
            assertThat(shown.path("takesQueueCalls").asBoolean()).as(status.name()).isEqualTo(status.takesQueueCalls());
            assertThat(shown.path("tone").asString()).as(status.name()).isEqualTo(Vocabulary.toneOf(status));
        }
        assertThat(words.path("statuses").properties()).hasSize(AgentStatus.values().length);
    }

    @Test
    void onlyTheStatusesThatTakeQueueCallsAreGreenAndOfflineIsGrey() {
        assertThat(Vocabulary.toneOf(AgentStatus.ONLINE)).isEqualTo("ready");
        assertThat(Vocabulary.toneOf(AgentStatus.SINGLE_CALL)).isEqualTo("ready");
        assertThat(Vocabulary.toneOf(AgentStatus.OFFLINE)).isEqualTo("off");
        assertThat(Vocabulary.toneOf(AgentStatus.LUNCH)).isEqualTo("away");
    }

    @Test
    void reasonsQueueTypesUnansweredActionsAndSourcesAreTheEnumsWords() {
        for (UnavailableReason reason : UnavailableReason.values()) {
            assertThat(words.path("reasons").path(reason.name()).asString()).isEqualTo(reason.description());
        }
        for (QueueType type : QueueType.values()) {
            assertThat(words.path("queueTypes").path(type.name()).asString()).isEqualTo(type.label());
        }
        for (UnansweredAction action : UnansweredAction.values()) {
            assertThat(words.path("unansweredActions").path(action.name()).asString()).isEqualTo(action.label());
        }
        for (ChangeSource source : ChangeSource.values()) {
            assertThat(words.path("changeSources").path(source.name()).path("label").asString()).isEqualTo(source.label());
            assertThat(words.path("changeSources").path(source.name()).path("howChanged").asString())
                    .isEqualTo(source.howChanged());
        }
    }

    @Test
    void theStyleSheetColoursEveryToneAndNamesNoStatus() throws IOException {
        String css = Files.readString(STATIC.resolve("css/portal.css"));
        for (AgentStatus status : AgentStatus.values()) {
            assertThat(css).as("a badge colour for %s", status).contains("[data-tone=\"" + Vocabulary.toneOf(status) + "\"]");
        }
        assertThat(css).doesNotContain("data-status");
    }

    /** A status named in a script is a copy of the enum that a new status would miss. */
    @Test
    void noScriptNamesAStatus() throws IOException {
        String names = String.join("|", Arrays.stream(AgentStatus.values()).map(Enum::name).toList());
        Pattern named = Pattern.compile("['\"](" + names + ")['\"]|\\b(" + names + ")\\s*:");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(STATIC.resolve("js"))) {
            scripts = files.filter(file -> file.toString().endsWith(".js")).toList();
        }
        assertThat(scripts).isNotEmpty();
        for (Path script : scripts) {
            assertThat(named.matcher(Files.readString(script)).find()).as("%s names a status", script.getFileName())
                    .isFalse();
        }
    }
}
