package io.ccagent.local;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The demo tenant as written in {@code demo-tenant.yaml}. */
public record DemoTenant(String domain, String timeZone, String apiKey, List<User> users, List<Queue> queues) {

    public record User(String extension, String name, String email, String scope, String password, List<Device> devices) {

        public User {
            devices = devices == null ? List.of() : List.copyOf(devices);
        }

        public boolean isAgent() {
            return "AGENT".equals(scope);
        }

        public String login(String domain) {
            return extension + "@" + domain;
        }
    }

    public record Device(String name, String password) {
    }

    public record Queue(String extension, String name, String type, int wrapUpSeconds, int agentRingTimeoutSeconds,
                 int queueRingTimeoutSeconds, String unansweredAction, String unansweredTarget, List<Member> members) {
    }

    public record Member(String device, String agent, int priority, int order, int tier) {
    }

    public static DemoTenant load() {
        try (InputStream yaml = DemoTenant.class.getResourceAsStream("/demo-tenant.yaml")) {
            return YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(yaml, DemoTenant.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
