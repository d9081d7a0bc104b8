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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every refusal reaches the person as a sentence: problem details with a readable {@code detail} for the JSON API
 * (the pages show exactly that text), and the portal's own page for what Tomcat refuses before the application runs.
 * A refused request never reaches a service (the recording stub proves it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class ApiRefusalsIT {

    private static final BackendStub BACKENDS = new BackendStub();
    private static final PortalUser AGENT = new PortalUser("1002@alpha.test", "Dana", "dana@alpha.test", Scope.AGENT, null);
    private static final PortalUser SUPERVISOR =
            new PortalUser("1100@alpha.test", "Sam", "sam@alpha.test", Scope.SUPERVISOR, null);
    private static final String SETTINGS = """
            {"name":"%s","type":"ROUND_ROBIN","wrapUpSeconds":%s,"agentRingTimeoutSeconds":20,
             "queueRingTimeoutSeconds":300,"unansweredAction":"STAY_IN_QUEUE","timeZone":"UTC"}""";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "portal_refusals_it");
        for (String service : List.of("agent-service", "queue-service", "stats-service", "gateway")) {
            registry.add("portal.backends." + service, BACKENDS::url);
        }
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @AfterAll
    static void stopBackends() {
        BACKENDS.close();
    }

    @BeforeEach
    void forgetBackendCalls() {
        BACKENDS.forget();
    }

    @Test
    void aValueOutOfRangeIsRefusedWithWhichFieldAndWhy() throws Exception {
        refused(put("/api/tenants/alpha.test/queues/8001").with(user(SUPERVISOR)),
                SETTINGS.formatted("Sales", "-5"), 400, "wrapUpSeconds must be greater than or equal to 0");
        refused(put("/api/tenants/alpha.test/queues/8001/members/1002a").with(user(SUPERVISOR)),
                "{\"agent\":\"1002@alpha.test\",\"priority\":0,\"order\":1,\"tier\":1}", 400,
                "priority must be greater than or equal to 1");
        assertThat(BACKENDS.requests()).isEmpty();
    }

    @Test
    void anUnknownStatusIsRefusedListingTheValidOnes() throws Exception {
        refused(post("/api/me/status").with(user(AGENT)), "{\"status\":\"DANCING\"}", 400,
                "status: 'DANCING' is not one of ONLINE, SINGLE_CALL");
        assertThat(BACKENDS.requests()).isEmpty();
    }

    @Test
    void aFractionIsRefusedNotTruncated() throws Exception {
        refused(put("/api/tenants/alpha.test/queues/8001/members/1002a").with(user(SUPERVISOR)),
                "{\"agent\":\"1002@alpha.test\",\"priority\":1.5,\"order\":1,\"tier\":1}", 400,
                "priority: '1.5' is not a whole number");
        assertThat(BACKENDS.requests()).isEmpty();
    }

    @Test
    void controlCharactersAndDirectionOverridesAreRefusedInNames() throws Exception {
        for (String name : List.of("Sales\\u202Egnp", "Sa\\u0007les", "Sales\\u200Fx")) {
            refused(put("/api/tenants/alpha.test/queues/8001").with(user(SUPERVISOR)), SETTINGS.formatted(name, "10"),
                    400, "name must not contain control characters or text-direction overrides");
        }
        assertThat(BACKENDS.requests()).isEmpty();
        mvc.perform(put("/api/tenants/alpha.test/queues/8001").with(user(SUPERVISOR)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(SETTINGS.formatted("Ventes · Über", "10")))
                .andExpect(status().isOk());
    }

    @Test
    void thePortalsOwnRefusalsCarryTheirSentence() throws Exception {
        BACKENDS.answer("GET /tenants/alpha.test/agents/1002", """
                {"agent":"1002@alpha.test","devices":[{"device":"1002a@alpha.test","active":true},
                 {"device":"1002b@alpha.test","active":true}],"queues":[{"queue":"8001@alpha.test"}]}""");
        refused(post("/api/me/calls").with(user(AGENT)), "{\"to\":\"1004\"}", 400, "Pick the phone to call from.");
        refused(get("/api/me/queues/9999/callers").with(user(AGENT)), null, 404, "You are not in queue 9999");
        refused(get("/api/me/queues/<x>/callers").with(user(AGENT)), null, 400, "is not an extension");
    }

    @Test
    void aServicesRefusalIsPassedOnWithItsSentence() throws Exception {
        BACKENDS.refuse("GET /tenants/alpha.test/queues/9999", 404,
                "{\"title\":\"Unknown queue\",\"status\":404,\"detail\":\"no queue 9999@alpha.test\"}");
        refused(get("/api/tenants/alpha.test/queues/9999").with(user(SUPERVISOR)), null, 404,
                "no queue 9999@alpha.test");
    }

    @Test
    void aRequestTomcatRefusesGetsThePortalsBrandedPage() throws IOException {
        for (String target : List.of("/call-center?q=<script>", "/<script>")) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("Call Center Portal")
                    .contains("Go to the portal").doesNotContainIgnoringCase("tomcat").doesNotContain("<script>");
        }
        String encoded = raw("GET /reset-password?token=%3Cscript%3E HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept: text/html\r\nConnection: close\r\n\r\n");
        assertThat(encoded).startsWith("HTTP/1.1 200").contains("Call Center Portal").contains("not valid")
                .doesNotContain("<script>");
    }

    private void refused(MockHttpServletRequestBuilder request, String body, int status, String detail)
            throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        ResultActions result = mvc.perform(request.with(csrf()));
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(detail)));
    }

    /** What a client that sends bytes as they are typed gets back (an HTTP library would refuse to send them). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
