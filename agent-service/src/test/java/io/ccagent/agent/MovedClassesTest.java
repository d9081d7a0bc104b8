package io.ccagent.agent;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stored name of a moved service-internal type leads to a class that exists now, so what was stored loads. */
class MovedClassesTest {

    @Test
    void everyMovedStoredTypeNamesAClassThatExists() throws Exception {
        Properties moved = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/cca/moved-classes.properties")) {
            moved.load(in);
        }

        assertThat(moved).isNotEmpty();
        for (String stored : moved.stringPropertyNames()) {
            assertThat(Class.forName(moved.getProperty(stored))).as("class of stored type %s", stored).isNotNull();
        }
    }
}
