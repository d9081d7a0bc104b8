package io.ccagent.contracts.wire;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/events.md honest: every registered wire type must be documented there. */
class EventCatalogDocTest {

    @Test
    void everyEventTypeIsInTheCatalogDocument() throws IOException {
        String catalog = Files.readString(Path.of("../docs/events.md"));

        assertThat(EventTypes.all()).allSatisfy(registration ->
                assertThat(catalog).as("docs/events.md documents %s", registration.name())
                        .contains("`" + registration.name() + "`"));
    }
}
