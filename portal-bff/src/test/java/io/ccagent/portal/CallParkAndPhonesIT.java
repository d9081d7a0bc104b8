package io.ccagent.portal;

import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.account.Scope;
import io.ccagent.portal.support.BackendStub;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Call Park pick and the phones the click-to-call dialog offers, against a recording HTTP server in place of the
 * backend services: what reaches queue-service, with whose signed identity, and what is refused before it does.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CallParkAndPhonesIT {

    private static final BackendStub BACKENDS = new BackendStub();
    private static final PortalUser AGENT = new PortalUser("1002@alpha.test", "Dana", "dana@alpha.test", Scope.AGENT, null);
    private static final String PICK = "/tenants/alpha.test/queues/8301/callers/c-1@10.0.0.1/pick";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "portal_park_it");
        for (String service : List.of("agent-service", "queue-service", "stats-service", "gateway")) {
            registry.add("portal.backends." + service, BACKENDS::url);
        }
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stopBackends() {
        BACKENDS.close();
    }

    @BeforeEach
    void anAgentInAParkQueueWithOneRegisteredPhone() {
        BACKENDS.forget();
        BACKENDS.answer("GET /tenants/alpha.test/agents/1002", """
                {"agent":"1002@alpha.test","devices":[{"device":"1002@alpha.test","active":true},
                 {"device":"1002a@alpha.test","active":false}],
                 "queues":[{"queue":"8301@alpha.test","loggedIn":true,"devices":["1002@alpha.test","1002a@alpha.test"]}]}""");
        BACKENDS.answer("GET /tenants/alpha.test/devices", """
                [{"device":"1002@alpha.test","agent":"1002@alpha.test","registered":true},
                 {"device":"1002a@alpha.test","agent":"1002@alpha.test","registered":false},
                 {"device":"1004@alpha.test","agent":"1004@alpha.test","registered":true}]""");
        available(true);
    }

    @Test
    void theCallParkPageRendersForAnAgent() throws Exception {
        mvc.perform(get("/call-center/park").with(user(AGENT))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/js/call-park.js")));
    }

    @Test
    void myPhonesSayWhichOfThemIsRegisteredNow() throws Exception {
        mvc.perform(get("/api/me/phones").with(user(AGENT))).andExpect(status().isOk())
                .andExpect(content().json("""
                        [{"device":"1002","active":true,"registered":true},
                         {"device":"1002a","active":false,"registered":false}]""", true));
    }

    @Test
    void pickingAParkedCallerAsksQueueServiceAsTheSignedInAgent() throws Exception {
        mvc.perform(pick("1002")).andExpect(status().isAccepted());

        assertThat(BACKENDS.requests()).filteredOn(request -> request.method().equals("POST")).singleElement()
                .satisfies(request -> {
                    assertThat(request.path()).isEqualTo(PICK);
                    assertThat(request.actor()).isEqualTo("1002@alpha.test");
                    assertThat(request.role()).isEqualTo("AGENT");
                    assertThat(request.body()).contains("\"agent\":\"1002@alpha.test\"", "\"device\":\"1002@alpha.test\"");
                });
    }

    @Test
    void aPickWhileUnavailableInTheQueueIsRefusedAndNeverReachesQueueService() throws Exception {
        available(false);

        mvc.perform(pick("1002")).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("Logged out of this queue")));
        assertThat(BACKENDS.requests()).noneMatch(request -> request.method().equals("POST"));
    }

    @Test
    void aPickOnAPhoneThatIsNotRegisteredOrNotInTheQueueIsRefused() throws Exception {
        mvc.perform(pick("1002a")).andExpect(status().isConflict());
        mvc.perform(pick("1004")).andExpect(status().isNotFound());
        mvc.perform(post("/api/me/queues/8001/callers/c-1/pick").with(user(AGENT)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"device\":\"1002\"}"))
                .andExpect(status().isNotFound());
        assertThat(BACKENDS.requests()).noneMatch(request -> request.method().equals("POST"));
    }

    private static MockHttpServletRequestBuilder pick(String device) {
        return post("/api/me/queues/8301/callers/c-1@10.0.0.1/pick").with(user(AGENT)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"device\":\"" + device + "\"}");
    }

    private static void available(boolean available) {
        BACKENDS.answer("GET /tenants/alpha.test/agents/1002/availability", """
                [{"agent":"1002@alpha.test","queue":"8301@alpha.test","available":%s,"reason":"%s",
                  "reasonText":"%s"}]""".formatted(available, available ? "NONE" : "LOGGED_OUT",
                available ? "Available" : "Logged out of this queue"));
    }
}
