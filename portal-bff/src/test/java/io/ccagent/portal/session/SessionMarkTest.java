package io.ccagent.portal.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionMarkTest {

    @Test
    void aSessionAlwaysHasTheSameMarkAndAnotherSessionAnotherOne() {
        assertThat(SessionMark.of("a1b2-c3")).isEqualTo(SessionMark.of("a1b2-c3"))
                .isNotEqualTo(SessionMark.of("a1b2-c4"));
    }

    @Test
    void theMarkDoesNotRevealTheSessionId() {
        String id = "0123456789abcdef";
        assertThat(SessionMark.of(id)).hasSize(16).doesNotContain(id.substring(0, 6));
    }
}
