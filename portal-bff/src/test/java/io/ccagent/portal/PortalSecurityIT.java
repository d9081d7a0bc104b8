package io.ccagent.portal;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.account.Scope;
import io.ccagent.portal.support.BackendStub;
import io.ccagent.testkit.MutableClock;
import io.ccagent.testkit.SpringInfrastructure;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Accounts and access rules on real MongoDB and Kafka (test kit), a real SMTP server (GreenMail) and a recording
 * HTTP server in place of the backend services.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PortalSecurityIT {

    private static final String TOKEN = "test-provisioning-token";
    private static final BackendStub BACKENDS = new BackendStub();
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(18525, "127.0.0.1", "smtp"))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    private static final PortalUser AGENT = new PortalUser("1002@alpha.test", "Dana", "dana@alpha.test", Scope.AGENT, null);
    private static final PortalUser SUPERVISOR =
            new PortalUser("1100@alpha.test", "Sam", "sam@alpha.test", Scope.SUPERVISOR, null);
    private static final PortalUser OFFICE_MANAGER =
            new PortalUser("1001@alpha.test", "Olivia", "olivia@alpha.test", Scope.OFFICE_MANAGER, null);
    private static final PortalUser OFFICE_MANAGER_OF_BETA =
            new PortalUser("1001@beta.test", "Olivia", "olivia@beta.test", Scope.OFFICE_MANAGER, null);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "portal_security_it");
        for (String service : List.of("agent-service", "queue-service", "stats-service", "gateway")) {
            registry.add("portal.backends." + service, BACKENDS::url);
        }
        registry.add("portal.provisioning-token", () -> TOKEN);
        registry.add("portal.demo-mailbox-url", () -> "http://localhost:18025");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> 18525);
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void stopBackends() {
        BACKENDS.close();
    }

    @BeforeEach
    void forgetBackendCalls() {
        BACKENDS.forget();
    }

    @Test
    void provisioningNeedsTheTokenAndIsIdempotent() throws Exception {
        mvc.perform(provision("alpha.test", "1201", "Ann", "ann@alpha.test", "first-pass-1", null))
                .andExpect(status().isUnauthorized());
        mvc.perform(provision("alpha.test", "1201", "Ann", "ann@alpha.test", "first-pass-1", "wrong"))
                .andExpect(status().isUnauthorized());
        mvc.perform(formLogin().user("1201@alpha.test").password("first-pass-1")).andExpect(unauthenticated());

        mvc.perform(provision("alpha.test", "1201", "Ann", "ann@alpha.test", "first-pass-1", TOKEN))
                .andExpect(status().isOk());
        mvc.perform(provision("Alpha.TEST", "1201", "Ann", "ann@alpha.test", "first-pass-1", TOKEN))
                .andExpect(status().isOk());
        mvc.perform(formLogin().user("1201@ALPHA.test").password("first-pass-1"))
                .andExpect(authenticated().withUsername("1201@alpha.test"));
        mvc.perform(provision("alpha.test", "12 01", "Ann", "ann@alpha.test", "first-pass-1", TOKEN))
                .andExpect(status().isBadRequest());
    }

    @Test
    void signInAcceptsAnyCaseOfTheDomainAndRejectsAWrongPassword() throws Exception {
        provisionOk("alpha.test", "1202", "bob@alpha.test", "bob-pass-123", Scope.AGENT);
        mvc.perform(formLogin().user("1202@Alpha.Test").password("bob-pass-123"))
                .andExpect(authenticated().withAuthentication(authentication -> assertThat(
                        ((PortalUser) authentication.getPrincipal()).passwordHash())
                        .as("the session keeps no password hash").isNull()))
                .andExpect(redirectedUrl("/"));
        mvc.perform(formLogin().user("1202@alpha.test").password("not-it"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").param("username", "1202@alpha.test").param("password", "bob-pass-123"))
                .andExpect(status().isForbidden());
    }

    @Test
    void repeatedFailuresDelayTheLoginButNeverLockTheRealUserOut() throws Exception {
        provisionOk("alpha.test", "1203", "cy@alpha.test", "cy-pass-1234", Scope.AGENT);
        for (int i = 0; i < 5; i++) {
            mvc.perform(signInFrom("198.51.100." + i, "1203@alpha.test", "guess-" + i))
                    .andExpect(unauthenticated());
        }
        mvc.perform(signInFrom("198.51.100.77", "1203@ALPHA.TEST", "cy-pass-1234"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?throttled=login&wait=15"));
        CLOCK.advance(Duration.ofSeconds(15));
        mvc.perform(signInFrom("198.51.100.77", "1203@alpha.test", "cy-pass-1234"))
                .andExpect(authenticated());
    }

    @Test
    void oneAddressGetsThirtySignInAttemptsAMinuteWhateverTheLogins() throws Exception {
        for (int i = 0; i < 30; i++) {
            mvc.perform(signInFrom("203.0.113.9", "77" + i + "@alpha.test", "x"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signInFrom("203.0.113.9", "7799@alpha.test", "x"))
                .andExpect(redirectedUrl("/login?throttled=address&wait=2"));
        mvc.perform(signInFrom("203.0.113.10", "7799@alpha.test", "x"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aRoleChangeEndsEverySessionOfThatUser() throws Exception {
        provisionOk("alpha.test", "1206", "fay@alpha.test", "fay-pass-123", Scope.AGENT);
        Cookie laptop = signIn("1206@alpha.test", "fay-pass-123");
        Cookie phone = signIn("1206@alpha.test", "fay-pass-123");
        mvc.perform(get("/api/me").cookie(laptop)).andExpect(status().isOk());
        mvc.perform(get("/api/me").cookie(phone)).andExpect(status().isOk());

        provisionOk("alpha.test", "1206", "fay@alpha.test", "fay-pass-123", Scope.SUPERVISOR);

        mvc.perform(get("/api/me").cookie(laptop)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").cookie(phone)).andExpect(status().isUnauthorized());
        Cookie again = signIn("1206@alpha.test", "fay-pass-123");
        assertThat(mvc.perform(get("/api/me").cookie(again)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("SUPERVISOR");
    }

    @Test
    void provisioningTheSameUserAgainKeepsItsSessions() throws Exception {
        provisionOk("alpha.test", "1207", "gus@alpha.test", "gus-pass-123", Scope.AGENT);
        Cookie session = signIn("1207@alpha.test", "gus-pass-123");
        provisionOk("alpha.test", "1207", "gus@alpha.test", "gus-pass-123", Scope.AGENT);
        mvc.perform(get("/api/me").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void statePostsWithoutCsrfTokenAreRefusedAndReachNoService() throws Exception {
        mvc.perform(post("/api/me/status").with(user(AGENT)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"ONLINE\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/me/queues/8001/login").with(user(AGENT)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"loggedIn\":false}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/tenants/alpha.test/queues/8001").with(user(SUPERVISOR))
                .contentType(MediaType.APPLICATION_JSON).content(queueSettings(30)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(user(AGENT))).andExpect(status().isForbidden());
        assertThat(BACKENDS.requests()).isEmpty();
    }

    @Test
    void signingOutWithTheTokenEndsTheSession() throws Exception {
        mvc.perform(post("/logout").with(user(AGENT)).with(csrf())).andExpect(redirectedUrl("/login?signedOut"));
    }

    @Test
    void anAgentActsOnlyAsThemselvesAndTheServiceIsToldWho() throws Exception {
        mvc.perform(post("/api/me/status").with(user(AGENT)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"LUNCH\"}")).andExpect(status().isOk());
        assertThat(BACKENDS.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/tenants/alpha.test/agents/1002/status");
            assertThat(request.actor()).isEqualTo("1002@alpha.test");
            assertThat(request.role()).isEqualTo("AGENT");
            assertThat(request.body()).contains("\"LUNCH\"");
        });
        mvc.perform(post("/api/me/status").with(user(AGENT)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"status\":\"NAPPING\"}")).andExpect(status().isBadRequest());
        assertThat(BACKENDS.requests()).hasSize(1);
    }

    @Test
    void agentsCannotOpenSupervisorPagesOrApis() throws Exception {
        mvc.perform(get("/supervisor/wallboard").with(user(AGENT))).andExpect(status().isForbidden());
        mvc.perform(get("/supervisor/queues/8001").with(user(AGENT))).andExpect(status().isForbidden());
        for (MockHttpServletRequestBuilder request : supervisorApiCalls("alpha.test")) {
            mvc.perform(request.with(user(AGENT)).with(csrf())).andExpect(status().isForbidden());
        }
        assertThat(BACKENDS.requests()).isEmpty();
    }

    @Test
    void aSupervisorsChangeToAnAgentReachesAgentServiceAsTheSupervisor() throws Exception {
        BACKENDS.answer("POST /tenants/alpha.test/agents/1002/status",
                "{\"agent\":\"1002@alpha.test\",\"status\":\"OFFLINE\",\"events\":[]}");
        mvc.perform(post("/api/tenants/alpha.test/agents/1002/status").with(user(SUPERVISOR)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"OFFLINE\"}"))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("\"status\":\"OFFLINE\"").doesNotContain("events"));
        assertThat(BACKENDS.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/tenants/alpha.test/agents/1002/status");
            assertThat(request.actor()).isEqualTo("1100@alpha.test");
            assertThat(request.role()).isEqualTo("SUPERVISOR");
            assertThat(request.body()).contains("\"status\":\"OFFLINE\"");
        });
    }

    @Test
    void theWallboardAsksForOnePageOfAgentsAndCountsEachQueuesAgentsOnTheServer() throws Exception {
        BACKENDS.answer("GET /tenants/alpha.test/queues", "[{\"queue\":\"8001@alpha.test\",\"name\":\"Sales\","
                + "\"callersWaiting\":2}]");
        BACKENDS.answer("GET /tenants/alpha.test/queues/statistics", "[{\"queue\":\"8001@alpha.test\","
                + "\"agentsByState\":{\"AVAILABLE\":2,\"ON_CALL\":1,\"STATUS\":3}}]");
        BACKENDS.answer("GET /tenants/alpha.test/agents/page", "{\"page\":1,\"size\":2,\"total\":5,\"online\":3,"
                + "\"items\":[{\"agent\":\"1003@alpha.test\"},{\"agent\":\"1004@alpha.test\"}]}");
        BACKENDS.answer("GET /tenants/alpha.test/agent-statuses",
                "[{\"agent\":\"1003@alpha.test\",\"status\":\"ONLINE\"}]");
        BACKENDS.answer("GET /tenants/alpha.test/availability", "[{\"agent\":\"1004@alpha.test\",\"available\":true}]");

        String board = page(get("/api/tenants/alpha.test/wallboard?page=1&size=2&queue=8001").with(user(SUPERVISOR)));
        assertThat(board).contains("\"queueAgents\":[{\"queue\":\"8001@alpha.test\",\"members\":6,"
                        + "\"available\":2,\"onCall\":1}]")
                .contains("\"total\":5", "\"online\":3", "\"callersWaiting\":2",
                        "1003@alpha.test\",\"status\":\"ONLINE");
        assertThat(BACKENDS.requests()).extracting(request -> request.path() + "?" + request.query())
                .as("a queue card needs no member list: none is asked for")
                .containsExactlyInAnyOrder("/tenants/alpha.test/queues?members=false",
                        "/tenants/alpha.test/queues/statistics?serviceLevelSeconds=20",
                        "/tenants/alpha.test/agents/page?page=1&size=2&queue=8001",
                        "/tenants/alpha.test/agent-statuses?agents=1003,1004",
                        "/tenants/alpha.test/availability?agents=1003,1004");
        assertThat(BACKENDS.requests()).allSatisfy(request -> assertThat(request.role()).isEqualTo("SUPERVISOR"));

        BACKENDS.forget();
        page(get("/api/tenants/alpha.test/wallboard").with(user(SUPERVISOR)));
        assertThat(BACKENDS.requests()).extracting(request -> request.path() + "?" + request.query())
                .contains("/tenants/alpha.test/agents/page?page=0&size=" + 50);

        BACKENDS.forget();
        for (String refused : List.of("?size=0", "?size=201", "?page=-1", "?queue=80!1")) {
            mvc.perform(get("/api/tenants/alpha.test/wallboard" + refused).with(user(SUPERVISOR)))
                    .andExpect(status().isBadRequest());
        }
        assertThat(BACKENDS.requests()).as("bad paging asks no service").isEmpty();
    }

    @Test
    void aSupervisorCannotReachAnotherTenant() throws Exception {
        for (MockHttpServletRequestBuilder request : supervisorApiCalls("alpha.test")) {
            mvc.perform(request.with(user(OFFICE_MANAGER_OF_BETA)).with(csrf())).andExpect(status().isForbidden());
        }
        mvc.perform(put("/api/tenants/beta.test/queues/8001/members/1002").with(user(OFFICE_MANAGER_OF_BETA))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\":\"1002@alpha.test\",\"priority\":1,\"order\":1,\"tier\":1}"))
                .andExpect(status().isForbidden());
        assertThat(BACKENDS.requests()).isEmpty();

        mvc.perform(put("/api/tenants/beta.test/queues/8001").with(user(OFFICE_MANAGER_OF_BETA)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(queueSettings(45))).andExpect(status().isOk());
        assertThat(BACKENDS.requests()).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/tenants/beta.test/queues/8001");
            assertThat(request.role()).isEqualTo("OFFICE_MANAGER");
            assertThat(request.body()).contains("\"wrapUpSeconds\":45");
        });
    }

    @Test
    void onlyAnOfficeManagerCreatesOrDeletesQueuesAndOnlyTheyGetTheButtons() throws Exception {
        String newQueue = "{\"extension\":\"8009\",\"settings\":" + queueSettings(30) + "}";
        mvc.perform(post("/api/tenants/alpha.test/queues").with(user(SUPERVISOR)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(newQueue))
                .andExpect(status().isForbidden())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("Only an office manager may create or delete queues."));
        mvc.perform(delete("/api/tenants/alpha.test/queues/8001").with(user(SUPERVISOR)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(BACKENDS.requests()).isEmpty();

        BACKENDS.answer("POST /tenants/alpha.test/queues", "{\"queue\":\"8009@alpha.test\",\"extension\":\"8009\"}");
        mvc.perform(post("/api/tenants/alpha.test/queues").with(user(OFFICE_MANAGER)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(newQueue)).andExpect(status().isCreated());
        mvc.perform(delete("/api/tenants/alpha.test/queues/8009").with(user(OFFICE_MANAGER)).with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(BACKENDS.requests()).extracting(request -> request.method() + " " + request.path() + " " + request.role())
                .containsExactly("POST /tenants/alpha.test/queues OFFICE_MANAGER",
                        "DELETE /tenants/alpha.test/queues/8009 OFFICE_MANAGER");

        assertThat(page(get("/supervisor/queues").with(user(SUPERVISOR)))).doesNotContain("new-queue", "create-form");
        assertThat(page(get("/supervisor/queues/8001").with(user(SUPERVISOR)))).doesNotContain("delete-queue");
        assertThat(page(get("/supervisor/queues").with(user(OFFICE_MANAGER)))).contains("id=\"new-queue\"",
                "id=\"create-form\"", "id=\"q-extension\"", "Wrap-up time");
        assertThat(page(get("/supervisor/queues/8001").with(user(OFFICE_MANAGER)))).contains("id=\"delete-queue\"");
    }

    @Test
    void anAgentSeesCallersOnlyOfTheirOwnQueues() throws Exception {
        BACKENDS.answer("GET /tenants/alpha.test/agents/1002",
                "{\"agent\":\"1002@alpha.test\",\"queues\":[{\"queue\":\"8001@alpha.test\"}],\"devices\":[]}");
        BACKENDS.answer("GET /tenants/alpha.test/queues/8001/callers", "[{\"callerNumber\":\"+15550100\"}]");
        mvc.perform(get("/api/me/queues/8002/callers").with(user(AGENT))).andExpect(status().isNotFound());
        assertThat(BACKENDS.requests()).extracting(BackendStub.Request::path)
                .doesNotContain("/tenants/alpha.test/queues/8002/callers");
        mvc.perform(get("/api/me/queues/8001/callers").with(user(AGENT))).andExpect(status().isOk());
    }

    @Test
    void everyPageRendersForTheScopesAllowedToSeeIt() throws Exception {
        assertThat(page(get("/login"))).contains("Forgot password?");
        assertThat(page(get("/forgot-password"))).contains("Send reset link");
        assertThat(page(get("/call-center").with(user(AGENT)))).contains("My Queues", "Active Phones",
                "My Statistics", "My Graphs", "Recent Call History", "Single-Call Mode", "Go Online");
        assertThat(page(get("/supervisor/wallboard").with(user(SUPERVISOR)))).as("the vocabulary from the enums")
                .contains("<meta name=\"vocabulary\"", "&quot;SINGLE_CALL&quot;:{&quot;label&quot;:&quot;Single-Call&quot;");
        assertThat(page(get("/supervisor/wallboard").with(user(SUPERVISOR)))).contains("Wallboard");
        assertThat(page(get("/supervisor/queues").with(user(SUPERVISOR)))).contains("Queues");
        assertThat(page(get("/supervisor/queues/8001").with(user(SUPERVISOR)))).contains("Wrap-up time", "Tier");
        assertThat(page(get("/api/me").with(user(AGENT)))).contains("\"tenant\":\"alpha.test\"");
        assertThat(page(get("/v3/api-docs").with(user(AGENT)))).contains("/api/me/status", "/api/tenants/{tenant}/wallboard");
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void unauthenticatedApiCallsGet401AndPagesRedirectToSignIn() throws Exception {
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
        mvc.perform(get("/call-center").accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void forgotPasswordAnswersTheSameForUnknownLoginsAndTheEmailedLinkWorksOnce() throws Exception {
        provisionOk("alpha.test", "1204", "dee@alpha.test", "dee-old-pass", Scope.AGENT);
        String unknown = forgot("9999@alpha.test");
        String known = forgot("1204@ALPHA.test");
        assertThat(withoutCsrf(known)).isEqualTo(withoutCsrf(unknown)).contains("If that login exists");

        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("dee@alpha.test");
        String token = tokenIn(GreenMailUtil.getBody(received[0]));

        Cookie signedInElsewhere = signIn("1204@alpha.test", "dee-old-pass");
        mvc.perform(get("/api/me").cookie(signedInElsewhere)).andExpect(status().isOk());
        mvc.perform(post("/reset-password").with(csrf()).param("token", token)
                        .param("password", "dee-new-pass").param("confirm", "dee-new-pass"))
                .andExpect(redirectedUrl("/login?reset"));
        mvc.perform(get("/api/me").cookie(signedInElsewhere)).andExpect(status().isUnauthorized());
        String again = mvc.perform(post("/reset-password").with(csrf()).param("token", token)
                        .param("password", "evil-pass-99").param("confirm", "evil-pass-99"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(again).as("a used link says it was used").contains("already used").doesNotContain("expired");

        mvc.perform(formLogin().user("1204@alpha.test").password("evil-pass-99")).andExpect(unauthenticated());
        mvc.perform(formLogin().user("1204@alpha.test").password("dee-old-pass")).andExpect(unauthenticated());
        mvc.perform(formLogin().user("1204@alpha.test").password("dee-new-pass")).andExpect(authenticated());
    }

    @Test
    void signingInWithoutTheDomainSaysToUseExtensionAtDomain() throws Exception {
        provisionOk("alpha.test", "1206", "fay@alpha.test", "fay-pass-1234", Scope.AGENT);
        mvc.perform(formLogin().user("1206").password("fay-pass-1234"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error=format"));
        String page = mvc.perform(get("/login").param("error", "format"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("extension@domain").doesNotContain("do not match");
        mvc.perform(formLogin().user("1206@alpha.test").password("wrong-pass-1"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void anUnknownResetLinkIsNeitherUsedNorExpired() throws Exception {
        String page = mvc.perform(get("/reset-password").param("token", "no-such-token"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("not valid").doesNotContain("already used").doesNotContain("has expired");
    }

    @Test
    void theForgotPasswordPageLinksTheDemoMailboxWhenThereIsOne() throws Exception {
        String page = mvc.perform(get("/forgot-password")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"demo-mailbox\"").contains("http://localhost:18025");
    }

    @Test
    void aResetLinkExpiresAfterThirtyMinutes() throws Exception {
        provisionOk("alpha.test", "1205", "eve@alpha.test", "eve-old-pass", Scope.AGENT);
        forgot("1205@alpha.test");
        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        String token = tokenIn(GreenMailUtil.getBody(MAIL.getReceivedMessages()[0]));

        CLOCK.advance(Duration.ofMinutes(31));
        String page = mvc.perform(get("/reset-password").param("token", token))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).as("an expired link says it expired").contains("has expired").doesNotContain("already used");
        mvc.perform(post("/reset-password").with(csrf()).param("token", token)
                        .param("password", "eve-new-pass").param("confirm", "eve-new-pass"))
                .andExpect(status().isOk());
        mvc.perform(formLogin().user("1205@alpha.test").password("eve-new-pass")).andExpect(unauthenticated());
        mvc.perform(formLogin().user("1205@alpha.test").password("eve-old-pass")).andExpect(authenticated());
    }

    private List<MockHttpServletRequestBuilder> supervisorApiCalls(String tenant) {
        String base = "/api/tenants/" + tenant;
        return List.of(
                get(base + "/queues"),
                get(base + "/queues/8001"),
                get(base + "/agents"),
                get(base + "/wallboard"),
                put(base + "/queues/8001").contentType(MediaType.APPLICATION_JSON).content(queueSettings(30)),
                put(base + "/queues/8001/members/1002").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"agent\":\"1002@" + tenant + "\",\"priority\":1,\"order\":1,\"tier\":1}"),
                delete(base + "/queues/8001/members/1002"),
                post(base + "/agents/1002/status").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"OFFLINE\"}"),
                post(base + "/agents/1002/queues/8001/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"loggedIn\":false}"),
                post(base + "/agents/1002/wrap-up/end"),
                get(base + "/agents/1002/history"),
                get(base + "/calls-in-progress"));
    }

    private static String queueSettings(int wrapUpSeconds) {
        return "{\"name\":\"Sales\",\"type\":\"ROUND_ROBIN\",\"wrapUpSeconds\":" + wrapUpSeconds
                + ",\"agentRingTimeoutSeconds\":20,\"queueRingTimeoutSeconds\":300,"
                + "\"unansweredAction\":\"STAY_IN_QUEUE\",\"timeZone\":\"America/New_York\"}";
    }

    /** Signs in through the form and returns the session cookie (sessions live in MongoDB). */
    private Cookie signIn(String login, String password) throws Exception {
        Cookie session = mvc.perform(formLogin().user(login).password(password)).andExpect(authenticated())
                .andReturn().getResponse().getCookie("PORTAL_SESSION");
        assertThat(session).as("session cookie after signing in as %s", login).isNotNull();
        return session;
    }

    /** The sign-in form posted from this client address. */
    private static MockHttpServletRequestBuilder signInFrom(String address, String login, String password) {
        return post("/login").param("username", login).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private String forgot(String login) throws Exception {
        MvcResult result = mvc.perform(post("/forgot-password").with(csrf()).param("login", login))
                .andExpect(status().isOk()).andReturn();
        return result.getResponse().getContentAsString();
    }

    private static String withoutCsrf(String html) {
        return html.replaceAll("content=\"[^\"]*\"", "").replaceAll("value=\"[^\"]*\"", "");
    }

    private static String tokenIn(String mailBody) {
        Matcher matcher = Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]+)").matcher(mailBody);
        assertThat(matcher.find()).as("reset link in: %s", mailBody).isTrue();
        return matcher.group(1);
    }

    private void provisionOk(String tenant, String ext, String email, String password, Scope scope) throws Exception {
        mvc.perform(provision(tenant, ext, "User " + ext, email, password, TOKEN, scope)).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder provision(String tenant, String ext, String name, String email,
                                                           String password, String token) {
        return provision(tenant, ext, name, email, password, token, Scope.AGENT);
    }

    private static MockHttpServletRequestBuilder provision(String tenant, String ext, String name, String email,
                                                           String password, String token, Scope scope) {
        MockHttpServletRequestBuilder request = put("/internal/tenants/" + tenant + "/users/" + ext)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"password\":\"" + password
                        + "\",\"scope\":\"" + scope + "\"}");
        return token == null ? request : request.header("X-Provisioning-Token", token);
    }
}
