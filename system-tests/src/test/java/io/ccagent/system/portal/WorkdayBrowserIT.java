package io.ccagent.system.portal;

import io.ccagent.local.LocalSystem;
import io.ccagent.system.LocalSystemExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ccagent.system.portal.DemoTenant.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What agents and supervisors of a real call center expect beyond the spec, and the edges of issue 16, seen in headless
 * Chromium against the whole running system: the incoming-call banner, a callers list that stays live, the agent's
 * time zone on every time, wrap-up ended early, the state history, supervisors acting on agents (recorded with them as
 * actor), pages for people who are not agents, signed-out tabs, sign-in hints, refusals in words, and phone width.
 * Calls are reported through the gateway's PBX call-event API, as an external PBX would.
 */
@ExtendWith(LocalSystemExtension.class)
class WorkdayBrowserIT {

    private static LocalSystem system;
    private static DemoTenant tenant;

    @BeforeAll
    static void start(LocalSystem running) {
        system = running;
        tenant = new DemoTenant(running);
    }

    @AfterAll
    static void keepScreenshotsForTheDocs() {
        Browser.keepScreenshotsForTheDocs(List.of("incoming-call", "supervisor-agents", "state-history", "queues-phone"));
    }

    @Test
    void anIncomingCallShowsAsABannerWithCallerAndQueueFromFirstRingToItsEnd() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1003@" + DOMAIN, "demo-1003");
            browser.awaitLive();

            String direct = "banner-" + UUID.randomUUID();
            tenant.callEvent("call.Arrived", """
                    {"tenant":"%s","call":"%s","from":"+15550100","fromName":"Pat Caller","to":"1003",
                     "agent":"1003@%s","origin":"EXTERNAL"}""".formatted(DOMAIN, direct, DOMAIN));
            tenant.callEvent("call.Ringing", """
                    {"tenant":"%s","call":"%s","device":"1003@%s","agent":"1003@%s"}"""
                    .formatted(DOMAIN, direct, DOMAIN, DOMAIN));
            browser.await(d -> d.findElement(By.id("call-banner")).isDisplayed()
                    && "RINGING".equals(browser.textOf("#call-state")), "the banner says Ringing");
            assertThat(browser.textOf("#call-number")).isEqualTo("+15550100");
            assertThat(browser.textOf("#call-name")).isEqualTo("Pat Caller");
            assertThat(browser.textOf("#call-queue")).isEqualTo("Direct call");
            browser.screenshot("incoming-call");

            tenant.callEvent("call.Answered", """
                    {"tenant":"%s","call":"%s","device":"1003@%s","agent":"1003@%s"}"""
                    .formatted(DOMAIN, direct, DOMAIN, DOMAIN));
            browser.await(d -> "ANSWERED".equals(browser.textOf("#call-state")), "the banner says Answered");
            tenant.callEvent("call.Ended", """
                    {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, direct));
            browser.await(d -> !d.findElement(By.id("call-banner")).isDisplayed(), "the banner goes when the call ends");

            // no call.Arrived: the real router would offer a waiting caller to a phone the gateway does not hold, and
            // the gateway's CallEnded(FAILED) for that unknown call would end the ring before it is looked at
            String queued = "banner-" + UUID.randomUUID();
            tenant.callEvent("call.Ringing", """
                    {"tenant":"%s","call":"%s","device":"1003@%s","agent":"1003@%s","queue":"8003@%s"}"""
                    .formatted(DOMAIN, queued, DOMAIN, DOMAIN, DOMAIN));
            browser.await(d -> d.findElement(By.id("call-banner")).isDisplayed()
                    && "Queue Billing (8003)".equals(browser.textOf("#call-queue")), "the banner names the queue");
            tenant.callEvent("call.Abandoned", """
                    {"tenant":"%s","call":"%s","queue":"8003@%s"}""".formatted(DOMAIN, queued, DOMAIN));
            browser.await(d -> !d.findElement(By.id("call-banner")).isDisplayed(),
                    "the banner goes when the caller hangs up");
        }
    }

    @Test
    void theCallersListCountsWaitsUpAndDropsACallerWhoLeft() throws Exception {
        try (Browser supervisor = new Browser(system.portalUrl()); Browser agent = new Browser(system.portalUrl())) {
            // nobody of Billing may take the caller while we watch it wait
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/agents");
            for (String member : List.of("1003", "1005", "1006")) {
                supervisor.setStatusOf(member + "@" + DOMAIN, "OFFLINE");
            }
            agent.signIn("1006@" + DOMAIN, "demo-1006");
            agent.awaitLive();
            String billing = "8003@" + DOMAIN;
            agent.await(d -> !d.findElements(By.cssSelector("tr[data-queue='" + billing + "'] button.callers")).isEmpty(),
                    "Billing row");
            int before = Integer.parseInt(agent.textOf("tr[data-queue='" + billing + "'] button.callers").trim());

            String call = "wait-" + UUID.randomUUID();
            tenant.callEvent("call.Arrived", """
                    {"tenant":"%s","call":"%s","from":"+15550142","fromName":"Wait Tester","to":"8003",
                     "queue":"%s","origin":"EXTERNAL"}""".formatted(DOMAIN, call, billing));
            agent.await(d -> Integer.parseInt(d.findElement(By.cssSelector("tr[data-queue='" + billing
                    + "'] button.callers")).getText().trim()) > before, "the waiting count goes up");
            agent.clickWhenStable("tr[data-queue='" + billing + "'] button.callers");
            WebElement waited = agent.await(d -> d.findElement(By.cssSelector("#callers-body tr[data-call='" + call
                    + "'] td.waited")), "the caller in the list");
            String first = waited.getText();
            agent.await(d -> !d.findElement(By.cssSelector("#callers-body tr[data-call='" + call + "'] td.waited"))
                    .getText().equals(first), "the wait counts up while the list is open");

            tenant.callEvent("call.Abandoned", """
                    {"tenant":"%s","call":"%s","queue":"%s"}""".formatted(DOMAIN, call, billing));
            agent.await(d -> d.findElements(By.cssSelector("#callers-body tr[data-call='" + call + "']")).isEmpty(),
                    "the caller who hung up leaves the open list");
        }
    }

    @Test
    void aSupervisorChangesAnAgentsStatusAndQueueLoginAndTheAgentSeesWhoDidIt() {
        try (Browser supervisor = new Browser(system.portalUrl()); Browser agent = new Browser(system.portalUrl())) {
            agent.signIn("1004@" + DOMAIN, "demo-1004");
            agent.awaitLive();
            String support = "8002@" + DOMAIN;
            agent.await(d -> !d.findElements(By.cssSelector("tr[data-queue='" + support + "'] button.door")).isEmpty(),
                    "Support row on the agent's page");
            if (agent.find("tr[data-queue='" + support + "'] button.door").getAttribute("class").contains("out")) {
                agent.clickWhenStable("tr[data-queue='" + support + "'] button.door");
                agent.await(d -> d.findElement(By.cssSelector("tr[data-queue='" + support + "'] button.door"))
                        .getAttribute("class").contains(" in"), "logged into Support first");
            }
            agent.pickStatus("ONLINE");
            agent.awaitStatusBadge("Online", "Online");

            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/agents");
            supervisor.setStatusOf("1004@" + DOMAIN, "BREAK");
            agent.awaitStatusBadge("Break", "the agent's page shows Break without a reload");
            assertThat(agent.textOf("#status-source")).contains("by a supervisor").contains("1100@" + DOMAIN);

            String logout = "tr[data-agent='1004@" + DOMAIN + "'] button.queue-login[data-queue='" + support + "']";
            supervisor.await(d -> "Log out".equals(d.findElement(By.cssSelector(logout)).getText()), "Support logged in");
            supervisor.clickWhenStable(logout);
            supervisor.await(d -> "Log in".equals(d.findElement(By.cssSelector(logout)).getText()),
                    "the supervisor's page shows 1004 logged out of Support");
            agent.await(d -> d.findElement(By.cssSelector("tr[data-queue='" + support + "'] button.door"))
                    .getAttribute("class").contains("out"), "the agent's door shows logged out");
            supervisor.screenshot("supervisor-agents");

            supervisor.open("/supervisor/agents/1004/history");
            supervisor.await(d -> d.findElements(By.cssSelector("#history-table tbody tr")).stream().anyMatch(row ->
                    row.getText().contains("Break") && row.getText().contains("Supervisor")
                            && row.getText().contains("1100@" + DOMAIN)), "the change in the history, by the supervisor");
        }
    }

    @Test
    void aSupervisorSeesTheCallsInProgressPerQueue() throws Exception {
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/agents");
            supervisor.awaitLive();
            String support = "8002@" + DOMAIN;
            String call = "talk-" + UUID.randomUUID();
            tenant.callEvent("call.Answered", """
                    {"tenant":"%s","call":"%s","device":"1004a@%s","agent":"1004@%s","queue":"%s"}"""
                    .formatted(DOMAIN, call, DOMAIN, DOMAIN, support));
            String onCall = "#calls-in-progress li[data-queue='" + support + "'] .call-agent[data-agent='1004@" + DOMAIN + "']";
            supervisor.await(d -> !d.findElements(By.cssSelector(onCall)).isEmpty(), "1004 on a Support call, live");
            assertThat(supervisor.textOf("#calls-in-progress li[data-queue='" + support + "'] strong"))
                    .startsWith("Support (8002): ");
            assertThat(supervisor.textOf(onCall)).contains("Kim Kowalski").contains("on 1004a");

            supervisor.open("/supervisor/queues");
            supervisor.await(d -> Integer.parseInt(d.findElement(By.cssSelector("#queue-list tr[data-queue='" + support
                    + "'] .cell-talking")).getText().trim()) >= 1, "the queue list counts the call");

            supervisor.open("/supervisor/agents");
            supervisor.await(d -> !d.findElements(By.cssSelector(onCall)).isEmpty(), "the agents page again");
            tenant.callEvent("call.Ended", """
                    {"tenant":"%s","call":"%s","cause":"AGENT_HANGUP"}""".formatted(DOMAIN, call));
            supervisor.await(d -> !d.findElement(By.id("calls-count")).getText().isEmpty()
                    && d.findElements(By.cssSelector(onCall)).isEmpty(), "the call is gone when it ends");
        }
    }

    @Test
    void theAgentsOwnHistoryExplainsEachChangeInTheAgentsTimeZone() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1005@" + DOMAIN, "demo-1005");
            browser.awaitLive();
            browser.await(d -> browser.textOf("#time-zone").contains("America/New_York"),
                    "the page says which zone its times are in");
            browser.pickStatus("MEETING");
            browser.awaitStatusBadge("Meeting", "Meeting");
            browser.find("#history-link").click();
            browser.await(d -> d.getCurrentUrl().endsWith("/call-center/history"), "the history page");
            browser.await(d -> browser.textOf("#history-zone").contains("America/New_York"),
                    "the history page says which zone its times are in"); // its script fills it in after load
            long[] lastShow = {System.nanoTime()};
            browser.await(d -> {
                if (d.findElements(By.cssSelector("#history-table tbody tr")).stream().anyMatch(row ->
                        row.getText().contains("Meeting") && row.getText().contains("Portal"))) {
                    return true;
                }
                if (System.nanoTime() - lastShow[0] > 3_000_000_000L) { // history is written a moment after the change
                    browser.find("#history-form button").click();
                    lastShow[0] = System.nanoTime();
                }
                return false;
            }, "my change to Meeting, made in the portal");
            browser.screenshot("state-history");
        }
    }

    @Test
    void theWallboardAndTheAgentsPageShowEachAgentsTimesInThatAgentsOwnZone() throws Exception {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        provisionAgent("1961", "Tokyo Tester", "Asia/Tokyo");
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/agents");
            String row = "#agent-admin tr[data-agent='1961@" + DOMAIN + "']";
            awaitReloading(supervisor, d -> !d.findElements(By.cssSelector(row)).isEmpty(),
                    "the new agent on the Agents page");
            assertThat(supervisor.textOf(row + " .agent-zone")).isEqualTo("· times in Asia/Tokyo");
            assertThat(supervisor.textOf("#agent-admin tr[data-agent='1002@" + DOMAIN + "'] .agent-zone"))
                    .isEqualTo("· times in America/New_York");

            Instant changedFrom = Instant.now();
            supervisor.setStatusOf("1961@" + DOMAIN, "BREAK");
            Instant changedTo = Instant.now().plusSeconds(5); // queue-service's status row may stamp it a moment later
            supervisor.open("/supervisor/wallboard");
            String since = "#agents-table tr[data-agent='1961@" + DOMAIN + "'] td.since";
            String badge = "#agents-table tr[data-agent='1961@" + DOMAIN + "'] .badge";
            awaitReloading(supervisor, d -> !d.findElements(By.cssSelector(badge)).isEmpty()
                    && d.findElement(By.cssSelector(badge)).getText().contains("Break")
                    && !d.findElement(By.cssSelector(since)).getText().isEmpty(), "1961 on Break on the wallboard");
            assertThat(supervisor.textOf(since)).endsWith("Asia/Tokyo");
            assertThat(shownClockTime(supervisor.textOf(since), tokyo, changedFrom, changedTo, ChronoUnit.MINUTES))
                    .as("'%s' is the change's time in Tokyo", supervisor.textOf(since)).isTrue();
            assertThat(supervisor.textOf("#agents-table tr[data-agent='1002@" + DOMAIN + "'] td.since"))
                    .endsWith("America/New_York");

            // a Support call (30 s wrap-up) answered and ended: the wrap-up's end in the agent's zone
            String call = "zone-" + UUID.randomUUID();
            tenant.callEvent("call.Answered", """
                    {"tenant":"%s","call":"%s","device":"1961@%s","agent":"1961@%s","queue":"8002@%s"}"""
                    .formatted(DOMAIN, call, DOMAIN, DOMAIN, DOMAIN));
            Instant endedFrom = Instant.now();
            tenant.callEvent("call.Ended", """
                    {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, call));
            Instant endedTo = Instant.now();
            supervisor.open("/supervisor/agents");
            String endWrapUp = row + " button.end-wrap-up";
            awaitReloading(supervisor, d -> !d.findElements(By.cssSelector(endWrapUp)).isEmpty(),
                    "1961 in wrap-up on the Agents page");
            assertThat(shownClockTime(supervisor.textOf(endWrapUp), tokyo, endedFrom.plusSeconds(30),
                    endedTo.plusSeconds(30), ChronoUnit.SECONDS))
                    .as("'%s' is the wrap-up's end in Tokyo", supervisor.textOf(endWrapUp)).isTrue();
        }
    }

    /**
     * Whether the clock time in {@code text} ("10:32", "07:32 PM", "Nov 27, 10:32:15") is what a clock in
     * {@code zone} showed at some instant from {@code from} to {@code to}, to the {@code unit}.
     */
    private static boolean shownClockTime(String text, ZoneId zone, Instant from, Instant to, ChronoUnit unit) {
        Matcher clock = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?[\\s\u202f]*([AP]M)?").matcher(text);
        assertThat(clock.find()).as("a clock time in '%s'", text).isTrue();
        int hour = Integer.parseInt(clock.group(1));
        if ("PM".equals(clock.group(4)) && hour < 12) {
            hour += 12;
        } else if ("AM".equals(clock.group(4)) && hour == 12) {
            hour = 0;
        }
        LocalTime shown = LocalTime.of(hour, Integer.parseInt(clock.group(2)),
                clock.group(3) == null ? 0 : Integer.parseInt(clock.group(3)));
        for (Instant at = from.truncatedTo(unit); !at.isAfter(to); at = at.plus(1, unit)) {
            if (LocalTime.ofInstant(at, zone).truncatedTo(unit).equals(shown.truncatedTo(unit))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aShortWrapUpShowsToTheSecondCountsDownAndEndsOnRequest() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1002@" + DOMAIN, "demo-1002");
            browser.awaitLive();
            // Support's wrap-up is 30 s: a call answered on 1002 and ended puts the agent in wrap-up
            tenant.queueCallAnsweredAndEnded("1002", "8002@" + DOMAIN);
            browser.await(d -> d.findElement(By.id("wrap-up")).isDisplayed(), "the wrap-up line");
            String first = browser.textOf("#wrap-up-text");
            assertThat(first).matches("In wrap-up until .*\\d{1,2}:\\d{2}:\\d{2}.* · \\d+s left");
            browser.await(d -> !browser.textOf("#wrap-up-text").equals(first), "the countdown moves");
            browser.find("#end-wrap-up").click();
            browser.await(d -> !d.findElement(By.id("wrap-up")).isDisplayed(), "wrap-up ended on request");
        }
    }

    @Test
    void aSupervisorWhoIsNoAgentGetsAWorkingPageNotAnEndlessLoading() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1001@" + DOMAIN, "demo-1001");
            browser.open("/call-center");
            browser.await(d -> d.findElement(By.id("not-agent")).isDisplayed(), "the not-an-agent notice");
            assertThat(browser.textOf("#agent-summary")).doesNotContain("Loading");
            assertThat(browser.find("#agent-sections").isDisplayed()).as("no empty cards").isFalse();
            assertThat(browser.driver.findElements(By.linkText("API"))).as("API is in the office manager's menu")
                    .isNotEmpty();
        }
    }

    @Test
    void anAgentsMainMenuHasNoApiItemButTheFooterLinksIt() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1006@" + DOMAIN, "demo-1006");
            assertThat(browser.driver.findElements(By.cssSelector("nav.nav a[href='/swagger-ui.html']"))).isEmpty();
            assertThat(browser.find("#api-link").getAttribute("href")).endsWith("/swagger-ui.html");
        }
    }

    @Test
    void aTabLeftOpenAfterSigningOutAndInAgainElsewhereSaysSignedOutAndOffersSignIn() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1006@" + DOMAIN, "demo-1006");
            browser.awaitLive();
            String firstTab = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.open("/call-center");
            browser.find("#sign-out").click();
            browser.await(d -> d.getCurrentUrl().contains("/login?signedOut"), "signed out in the second tab");
            browser.signIn("1006@" + DOMAIN, "demo-1006");

            browser.driver.switchTo().window(firstTab);
            browser.await(d -> "Signed out".equals(browser.textOf("#live-indicator .live-text")),
                    "the first tab says Signed out, not Live");
            browser.pickStatus("LUNCH");
            browser.await(d -> !d.findElements(By.id("sign-in-again")).isEmpty(), "it offers sign-in");
            assertThat(browser.driver.findElement(By.tagName("body")).getText()).doesNotContain("CSRF");
        }
    }

    @Test
    void signInWithoutTheDomainSaysToUseExtensionAtDomain() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.open("/login");
            browser.find("#username").sendKeys("1002");
            browser.find("#password").sendKeys("demo-1002");
            browser.find("#sign-in").click();
            browser.await(d -> !d.findElements(By.id("login-format")).isEmpty(), "the format hint");
            assertThat(browser.textOf("#login-format")).contains("extension@domain");
            browser.open("/forgot-password");
            assertThat(browser.find("#demo-mailbox").getAttribute("href")).startsWith(system.mailboxUrl());
        }
    }

    @Test
    void aRefusalShowsTheServersSentenceNotAStatusCode() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1100@" + DOMAIN, "demo-1100");
            browser.open("/supervisor/queues/8003");
            WebElement wrapUp = browser.await(d -> {
                WebElement field = d.findElement(By.id("q-wrapup"));
                return field.getAttribute("value").isEmpty() ? null : field;
            }, "queue settings loaded");
            // the browser's own min/max check is what a person meets first; the server's answer is the one tested
            browser.driver.executeScript("arguments[0].removeAttribute('min'); document.getElementById('settings-form')"
                    + ".setAttribute('novalidate', '')", wrapUp);
            wrapUp.clear();
            wrapUp.sendKeys("-5");
            browser.find("#save-settings").click();
            browser.await(d -> d.findElement(By.id("toast")).getText().contains("wrapUpSeconds must be greater than"),
                    "the toast says what is wrong");
            assertThat(browser.textOf("#toast")).doesNotContain("Request failed");
        }
    }

    @Test
    void recentCallHistoryIsUsableAtPhoneWidthWithoutSidewaysScrolling() throws Exception {
        String call = "recent-" + UUID.randomUUID();
        tenant.callEvent("call.Arrived", """
                {"tenant":"%s","call":"%s","from":"+15550177","fromName":"Phone Width","to":"1003",
                 "agent":"1003@%s","origin":"EXTERNAL"}""".formatted(DOMAIN, call, DOMAIN));
        tenant.callEvent("call.Answered", """
                {"tenant":"%s","call":"%s","device":"1003@%s","agent":"1003@%s"}"""
                .formatted(DOMAIN, call, DOMAIN, DOMAIN));
        tenant.callEvent("call.Ended", """
                {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, call));
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.resize(390, 1400);
            browser.signIn("1003@" + DOMAIN, "demo-1003");
            long[] lastLoad = {System.nanoTime()};
            browser.await(d -> {
                if (!d.findElements(By.cssSelector("#recent-table button.dial[data-number='+15550177']")).isEmpty()) {
                    return true;
                }
                if (System.nanoTime() - lastLoad[0] > 4_000_000_000L) { // stats may count it after the page loaded
                    d.navigate().refresh();
                    lastLoad[0] = System.nanoTime();
                }
                return false;
            }, "the call in Recent Call History");
            assertButtonsOnScreen(browser, "#recent-table button.dial");
        }
    }

    @Test
    void theSupervisorsListsAreUsableAtPhoneWidthWithoutSidewaysScrolling() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.resize(390, 1400);
            browser.signIn("1100@" + DOMAIN, "demo-1100");
            browser.open("/supervisor/queues");
            browser.await(d -> !d.findElements(By.cssSelector("#queue-list tbody tr")).isEmpty(), "queue list");
            assertButtonsOnScreen(browser, "#queue-list a.btn");
            browser.screenshot("queues-phone");
            browser.open("/supervisor/queues/8001");
            browser.await(d -> !d.findElements(By.cssSelector("#members-table tbody tr")).isEmpty(), "members");
            assertButtonsOnScreen(browser, "#members-table button");
            browser.open("/supervisor/agents");
            browser.await(d -> !d.findElements(By.cssSelector("#agent-admin tbody tr")).isEmpty(), "agents");
            assertButtonsOnScreen(browser, "#agent-admin button, #agent-admin a.btn");
        }
    }

    @Test
    void theGraphsLabelTheNewestHourKeepTheDailyAxisInsideAndSayNoCallsYetWhenEmpty() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1004@" + DOMAIN, "demo-1004");
            browser.await(d -> !d.findElements(By.cssSelector("#chart-daily svg text")).isEmpty(), "the charts");
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> graphs = (java.util.Map<String, Object>) browser.driver.executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/me/graphs').then(r => r.json()).then(done);");
            @SuppressWarnings("unchecked")
            List<java.util.Map<String, Object>> hourly = (List<java.util.Map<String, Object>>) graphs.get("hourly");
            String newest = String.valueOf(hourly.get(hourly.size() - 1).get("label"));
            browser.await(d -> d.findElements(By.cssSelector("#chart-hourly svg text")).stream()
                    .anyMatch(text -> newest.equals(text.getAttribute("textContent"))),
                    "the newest hour " + newest + " is labelled");
            Object clipped = browser.driver.executeScript("""
                    const box = document.querySelector('#chart-daily svg').getBoundingClientRect();
                    return [...document.querySelectorAll('#chart-daily svg text')].filter(t => {
                      const r = t.getBoundingClientRect();
                      return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1);
                    }).length;""");
            assertThat(clipped).as("daily labels cut off at the chart's edge").isEqualTo(0L);
            assertThat(browser.textOf(".chart-zone")).contains("America/New_York");
            boolean noOrigins = ((List<?>) graphs.get("origins")).isEmpty();
            browser.await(d -> d.findElements(By.cssSelector("#chart-origins svg text")).stream()
                            .anyMatch(text -> "No calls yet".equals(text.getAttribute("textContent"))) == noOrigins,
                    "the donut says No calls yet exactly when there are none");
        }
    }

    private static void assertButtonsOnScreen(Browser browser, String css) {
        Object offScreen = browser.driver.executeScript("""
                return [...document.querySelectorAll(arguments[0])].filter(b => {
                  const r = b.getBoundingClientRect();
                  return r.right > window.innerWidth + 1 || r.left < -1; }).length;""", css);
        assertThat(offScreen).as("buttons of %s off screen at phone width", css).isEqualTo(0L);
        assertThat(browser.driver.findElements(By.cssSelector(css))).isNotEmpty();
    }

    /** Waits for {@code shown}, reloading now and then: agent lists follow the agents' events a moment later. */
    private static void awaitReloading(Browser browser, Function<WebDriver, Boolean> shown, String what) {
        long[] lastLoad = {System.nanoTime()};
        browser.await(d -> {
            if (shown.apply(d)) {
                return true;
            }
            if (System.nanoTime() - lastLoad[0] > 4_000_000_000L) {
                d.navigate().refresh();
                lastLoad[0] = System.nanoTime();
            }
            return false;
        }, what);
    }

    /** An agent with a phone of the same name, as provisioning tools add one (agent-service, system identity). */
    private static void provisionAgent(String ext, String name, String timeZone) {
        HttpResponse<String> answer = tenant.asSystem("PUT", system.url("agent-service") + "/tenants/" + DOMAIN
                + "/agents/" + ext, """
                {"name":"%s","email":"%s@%s","devices":["%s"],"timeZone":"%s"}"""
                .formatted(name, ext, DOMAIN, ext, timeZone));
        assertThat(answer.statusCode()).as("provision %s: %s", ext, answer.body()).isEqualTo(200);
    }
}
