package io.ccagent.eventsourcing;

import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LookBackWindowTest {

    private static final Duration LOOK_BACK = Duration.ofMillis(50);

    /** Events arrive mostly in time order, some late (behind the newest), some beyond the look-back. */
    @RepeatedTest(200)
    void everyTokenOfAWindowEqualsAxonsTokenAdvancedEventByEvent(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        MongoTrackingToken axons = MongoTrackingToken.of(Instant.ofEpochMilli(1_000), "e0");
        LookBackWindow window = new LookBackWindow(axons.getTrackedEvents(), 1_000, LOOK_BACK.toMillis());
        long clock = 1_000;
        for (int event = 1; event <= 300; event++) {
            clock += random.nextInt(4);
            long millis = random.nextInt(10) == 0 ? clock - random.nextInt(120) : clock;
            String id = "e" + event;
            assertThat(window.contains(id)).isFalse();

            Map<String, Long> known = window.advance(id, millis);
            axons = axons.advanceTo(Instant.ofEpochMilli(millis), id, LOOK_BACK);

            MongoTrackingToken windowed = MongoTrackingToken.of(Instant.ofEpochMilli(window.newest()), known);
            assertThat(windowed).isEqualTo(axons);
            assertThat(List.copyOf(known.keySet())).isEqualTo(List.copyOf(axons.getKnownEventIds()));
            assertThat(window.contains(id)).isEqualTo(axons.getKnownEventIds().contains(id));
        }
    }

    @Test
    void anEarlierTokenStillRemembersWhatItKnewAfterTheWindowMovedOn() {
        LookBackWindow window = new LookBackWindow(Map.of(), Long.MIN_VALUE, LOOK_BACK.toMillis());
        Map<String, Long> first = window.advance("a", 1_000);
        Map<String, Long> second = window.advance("b", 1_030);
        Map<String, Long> third = window.advance("c", 1_100);

        assertThat(first).containsExactly(Map.entry("a", 1_000L));
        assertThat(second).containsExactly(Map.entry("a", 1_000L), Map.entry("b", 1_030L));
        assertThat(third).containsExactly(Map.entry("c", 1_100L));
        assertThat(window.contains("a")).isFalse();
    }

    @Test
    void anIdThatFellOutOfTheWindowAndCameBackIsKnownByTheTokensOfBothTimes() {
        LookBackWindow window = new LookBackWindow(Map.of(), Long.MIN_VALUE, LOOK_BACK.toMillis());
        Map<String, Long> before = window.advance("a", 1_000);
        window.advance("b", 1_100);
        Map<String, Long> again = window.advance("a", 1_101);

        assertThat(before).containsEntry("a", 1_000L).containsKey("a");
        assertThat(again).containsEntry("a", 1_101L).containsKeys("a", "b");
        assertThat(new ArrayList<>(again.keySet())).containsExactly("b", "a");
    }
}
