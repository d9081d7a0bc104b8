package io.ccagent.portal;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events read from the real Kafka broker reach a signed-in browser's Server-Sent Events stream, and only the
 * events of that user's tenant. Signs in over real HTTP (CSRF token, session cookie) like a browser does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveStreamIT {

    private static final String TOKEN = "live-it-token";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "portal_live_it");
        registry.add("portal.provisioning-token", () -> TOKEN);
        registry.add("portal.live.session-check", () -> "300ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Test
    void aRoleChangeEndsTheUsersStreamsInEveryBrowserAndTheyAreToldSo() throws Exception {
        provision("live.test", "1003", "lee-pass-12", "AGENT");
        HttpClient laptop = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpClient phone = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(laptop, "1003@live.test", "lee-pass-12");
        signIn(phone, "1003@live.test", "lee-pass-12");
        BlockingQueue<String> laptopLines = openStream(laptop);
        BlockingQueue<String> phoneLines = openStream(phone);

        provision("live.test", "1003", "lee-pass-12", "SUPERVISOR");

        assertThat(awaitLine(laptopLines, "event:signed-out", 10)).as("laptop told it is signed out").isTrue();
        assertThat(awaitLine(phoneLines, "event:signed-out", 10)).as("phone told it is signed out").isTrue();
        assertThat(awaitLine(laptopLines, "(stream closed)", 10)).isTrue();
        assertThat(laptop.send(HttpRequest.newBuilder(url("/api/me")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionEndedByAnotherInstanceClosesItsStreamHere() throws Exception {
        provision("live.test", "1004", "kim-pass-12", "AGENT");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser, "1004@live.test", "kim-pass-12");
        BlockingQueue<String> lines = openStream(browser);

        // what another portal instance does on sign-out: the session document goes, this instance is not told
        sessions.findByPrincipalName("1004@live.test").keySet().forEach(sessions::deleteById);

        assertThat(awaitLine(lines, "event:signed-out", 10)).as("the sweep notices the ended session").isTrue();
        assertThat(awaitLine(lines, "(stream closed)", 10)).isTrue();
    }

    /** Opens {@code /api/live}; its lines (and "(stream closed)" at the end) arrive in the returned queue. */
    private BlockingQueue<String> openStream(HttpClient browser) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = browser.send(HttpRequest.newBuilder(url("/api/live"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            stream.body().forEach(lines::add);
            lines.add("(stream closed)");
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static boolean awaitLine(BlockingQueue<String> lines, String wanted, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.replace(" ", "").equals(wanted.replace(" ", ""))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aSignedInAgentReceivesTheirOwnTenantsEventsAndNoOtherTenants() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        provision("live.test", "1002", "dana-pass-1");
        signIn(browser, "1002@LIVE.test", "dana-pass-1");

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<java.util.stream.Stream<String>> stream = browser.send(HttpRequest.newBuilder(url("/api/live"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        AgentId me = AgentId.of("1002", Tenant.of("live.test"));
        AgentId sameExtensionElsewhere = AgentId.of("1002", Tenant.of("elsewhere.test"));
        List<String> seen = new ArrayList<>();
        try (EventSender sender = new EventSender(SharedInfrastructure.get())) {
            // the anonymous consumer starts at "latest": repeat until its partitions are assigned and one arrives
            String firstData = null;
            for (int attempt = 0; attempt < 60 && firstData == null; attempt++) {
                sender.send(status(sameExtensionElsewhere, AgentStatus.LUNCH));
                sender.send(status(me, AgentStatus.ONLINE));
                firstData = awaitData(lines, seen, 1);
            }
            assertThat(firstData).as("an event of my tenant arrives").isNotNull();
            sender.send(status(sameExtensionElsewhere, AgentStatus.MEETING));
            sender.send(status(me, AgentStatus.BREAK));
            String marker = null;
            for (int i = 0; i < 30 && (marker == null || !marker.contains("\"BREAK\"")); i++) {
                marker = awaitData(lines, seen, 1);
            }
            assertThat(marker).contains("\"to\":\"BREAK\"");
        } finally {
            reader.interrupt();
        }
        assertThat(seen).isNotEmpty().allSatisfy(data -> assertThat(data).contains("\"tenant\":\"live.test\"")
                .doesNotContain("elsewhere.test"));
    }

    private static AgentStatusChanged status(AgentId agent, AgentStatus to) {
        return new AgentStatusChanged(agent, AgentStatus.OFFLINE, to, ChangeSource.STAR_CODE, agent.toString());
    }

    /** Next {@code data:} line of a {@code cca} event within the given seconds, or null. */
    private static String awaitData(BlockingQueue<String> lines, List<String> seen, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String event = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "cca".equals(event)) {
                String data = line.substring(5).trim();
                seen.add(data);
                return data;
            }
        }
        return null;
    }

    private void provision(String tenant, String ext, String password) throws Exception {
        provision(tenant, ext, password, "AGENT");
    }

    private void provision(String tenant, String ext, String password, String scope) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        url("/internal/tenants/" + tenant + "/users/" + ext))
                .header("X-Provisioning-Token", TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Dana\",\"email\":\"dana@" + tenant
                        + "\",\"password\":\"" + password + "\",\"scope\":\"" + scope + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private void signIn(HttpClient browser, String login, String password) throws Exception {
        String page = browser.send(HttpRequest.newBuilder(url("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("PORTAL_SESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
