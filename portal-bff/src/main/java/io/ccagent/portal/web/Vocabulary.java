package io.ccagent.portal.web;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The words the pages show for the contracts' enums (status labels and tones, why an agent is red, queue types, what
 * an unanswered queue does, where a change came from), made once from the enums and put on every page as the JSON of
 * a {@code <meta name="vocabulary">} that {@code portal.js} reads into {@code Portal.vocabulary}. No script or style
 * sheet lists statuses, reasons or types itself, so a new constant shows on every page from its enum alone.
 */
@ControllerAdvice(basePackages = "io.ccagent.portal.web")
class Vocabulary {

    /** What the page shows of one status; {@code tone} is the badge colour the style sheet knows. */
    record Status(String label, boolean takesQueueCalls, String tone) {

        static Status of(AgentStatus status) {
            return new Status(status.label(), status.takesQueueCalls(), toneOf(status));
        }
    }

    record Source(String label, String howChanged) {
    }

    record Words(Map<String, Status> statuses, Map<String, String> reasons, Map<String, String> queueTypes,
                 Map<String, String> unansweredActions, Map<String, Source> changeSources) {
    }

    static final Words WORDS = new Words(
            byName(AgentStatus.values(), Status::of),
            byName(UnavailableReason.values(), UnavailableReason::description),
            byName(QueueType.values(), QueueType::label),
            byName(UnansweredAction.values(), UnansweredAction::label),
            byName(ChangeSource.values(), source -> new Source(source.label(), source.howChanged())));

    private final String json = JsonMapper.builder().build().writeValueAsString(WORDS);

    @ModelAttribute("vocabulary")
    String vocabulary() {
        return json;
    }

    /**
     * Green for the statuses that take queue calls, grey for Offline, amber for every other: derived, so a new status
     * gets its colour without a line of CSS.
     */
    static String toneOf(AgentStatus status) {
        if (status.takesQueueCalls()) {
            return "ready";
        }
        return status == AgentStatus.OFFLINE ? "off" : "away";
    }

    /** In the enum's order, which is the order pages list them in. */
    private static <E extends Enum<E>, V> Map<String, V> byName(E[] constants, Function<E, V> word) {
        Map<String, V> words = new LinkedHashMap<>();
        for (E constant : constants) {
            words.put(constant.name(), word.apply(constant));
        }
        return Collections.unmodifiableMap(words);
    }
}
