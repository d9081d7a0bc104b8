package io.ccagent.badinput.http;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A body that does not read as the request says which field holds which wrong value, and what it should be. */
class UnreadableBodyTest {

    enum Status { ONLINE, OFFLINE }

    record Change(Status status, int priority) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build();

    @Test
    void anUnknownEnumValueListsTheValidOnes() {
        assertThat(sentenceFor("{\"status\":\"DANCING\",\"priority\":1}"))
                .isEqualTo("status: 'DANCING' is not one of ONLINE, OFFLINE");
    }

    @Test
    void aFractionForAWholeNumberIsNamed() {
        assertThat(sentenceFor("{\"status\":\"ONLINE\",\"priority\":1.5}")).startsWith("priority: ")
                .contains("whole number");
    }

    @Test
    void textThatIsNotJsonSaysSo() {
        assertThat(sentenceFor("not json")).isEqualTo("the request body is not the expected JSON");
    }

    private static String sentenceFor(String body) {
        return ProblemAdvice.unreadable(catchThrowable(() -> JSON.readValue(body, Change.class)));
    }
}
