package io.ccagent.system.portal;

import io.ccagent.local.LocalSystem;
import io.ccagent.system.LocalSystemExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.ccagent.system.portal.DemoTenant.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal as people use it: headless Chromium against the whole running system (real Kafka, the five services,
 * the demo tenant). Every check waits for what a person would see on the page; nothing is read from the services
 * behind the browser's back. Screenshots land in {@code target/screenshots}.
 */
@ExtendWith(LocalSystemExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT {

    private static final String SALES = "8001@" + DOMAIN;

    private static LocalSystem system;
    private static DemoTenant tenant;

    @BeforeAll
    static void phonesAreRegistered(LocalSystem running) {
        system = running;
        tenant = new DemoTenant(running);
        // a one-second, one-call-a-minute simulator run registers the tenant's virtual phones (agents need one to be green)
        tenant.startSimulator(1, 1);
    }

    @AfterAll
    static void keepAFewScreenshotsForTheReadme() {
        Browser.keepScreenshotsForTheDocs(List.of("sign-in", "call-center-green", "queue-logged-out", "callers-list",
                "statistics-after-calls", "wallboard-live", "queue-edit", "call-center-phone"));
    }

    @Test
    void anAgentSignsInWithAnyCaseOfTheDomainAndSeesEverySectionOfTheCallCenterPage() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.open("/login");
            browser.screenshot("sign-in");
            browser.signIn("1003@XYZCorporation.com", "demo-1003");
            browser.await(d -> d.getCurrentUrl().endsWith("/call-center"), "lands on the Call Center page");
            browser.awaitMyQueues();
            for (String section : List.of("My Queues", "Active Phones", "My Statistics", "My Graphs",
                    "Recent Call History")) {
                assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains(section);
            }
            browser.await(d -> !d.findElements(By.cssSelector("#chart-hourly svg")).isEmpty(), "the hourly chart");
            browser.awaitLive();
            browser.screenshot("call-center");
        }
    }

    @Test
    void statusChangesShowOnThePageIncludingOnesMadeElsewhere() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1004@" + DOMAIN, "demo-1004");
            browser.pickStatus("LUNCH");
            browser.awaitStatusBadge("Lunch", "badge shows Lunch");
            browser.pickStatus("ONLINE");
            browser.awaitStatusBadge("Online", "badge shows Online");

            // the same agent changes status in a second browser: the first page follows
            try (Browser elsewhere = new Browser(system.portalUrl())) {
                elsewhere.signIn("1004@" + DOMAIN, "demo-1004");
                elsewhere.pickStatus("MEETING");
            }
            browser.awaitStatusBadge("Meeting", "the first page shows Meeting without a reload");
            assertThat(new Select(browser.find("#status-select")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("MEETING");

        }
    }

    @Test
    void signingOutInOneTabEndsTheLiveStreamOfTheOtherAndThatTabSaysSo() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1003@" + DOMAIN, "demo-1003");
            browser.awaitLive();
            String firstTab = browser.driver.getWindowHandle();

            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.open("/call-center");
            browser.awaitLive();
            browser.find("#sign-out").click();
            browser.await(d -> d.getCurrentUrl().contains("/login?signedOut"), "the second tab is signed out");

            browser.driver.switchTo().window(firstTab);
            browser.await(d -> "Signed out".equals(d.findElement(By.cssSelector("#live-indicator .live-text"))
                    .getText()), "the first tab's live indicator says Signed out");
            assertThat(browser.textOf("#signed-out-notice")).contains("You are signed out");
            browser.screenshot("signed-out-elsewhere");
        }
    }

    @Test
    void aStarCodeDialedOnThePhoneShowsAsTheNewStatus() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1006@" + DOMAIN, "demo-1006");
            browser.pickStatus("ONLINE");
            browser.awaitStatusBadge("Online", "badge shows Online");
            // *52 on the agent's phone, reported by an external PBX through the gateway's call-event API
            String call = "star-" + UUID.randomUUID();
            tenant.callEvent("call.StarCodeDialed", """
                    {"tenant":"%s","call":"%s","device":"1006@%s","agent":"1006@%s","code":"*52"}"""
                    .formatted(DOMAIN, call, DOMAIN, DOMAIN));
            browser.awaitStatusBadge("Offline", "the page shows Offline after *52");
            assertThat(browser.textOf("#status-source")).contains("star code");
        }
    }

    @Test
    void loggingOutOfOneQueueTurnsOnlyThatQueueRedWithTheReason() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1002@" + DOMAIN, "demo-1002");
            makeGreenEverywhere(browser);
            browser.screenshot("call-center-green");

            browser.clickWhenStable("tr[data-queue='" + SALES + "'] button.door");
            browser.await(d -> "false".equals(availability(browser, SALES).getAttribute("data-available")),
                    "Sales turns red");
            assertThat(availability(browser, SALES).getText()).contains("Logged out of this queue");
            assertThat(availability(browser, SALES).getAttribute("title")).contains("Logged out of this queue");
            assertThat(otherRows(browser, SALES)).isNotEmpty()
                    .allSatisfy(row -> assertThat(row.findElement(By.cssSelector(".avail")).getAttribute("data-available"))
                            .as("other queues stay green").isEqualTo("true"));
            browser.screenshot("queue-logged-out");

            browser.clickWhenStable("tr[data-queue='" + SALES + "'] button.door");
            browser.await(d -> "true".equals(availability(browser, SALES).getAttribute("data-available")),
                    "Sales turns green again after logging back in");
        }
    }

    @Test
    void aWrapUpThatRunsOutTurnsItsRowGreenAgain() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1002@" + DOMAIN, "demo-1002");
            makeGreenEverywhere(browser);
            // Sales' wrap-up is 15 s; no fact says when it is over (the router publishes none), the page draws it
            tenant.queueCallAnsweredAndEnded("1002", SALES);
            // the row is drawn again on every fact, so it is read inside the wait (which retries a replaced element)
            browser.await(d -> "WRAP_UP".equals(availability(browser, SALES).getAttribute("data-reason"))
                    && availability(browser, SALES).getText().contains("In wrap-up until"), "Sales red for the wrap-up");

            browser.await(d -> "true".equals(availability(browser, SALES).getAttribute("data-available")),
                    "Sales green again when the wrap-up is over");
        }
    }

    @Test
    void switchingAPhoneOffSticks() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1002@" + DOMAIN, "demo-1002");
            WebElement phone = browser.await(d -> d.findElement(By.cssSelector("#phones input[data-device='1002a']")),
                    "phone 1002a listed");
            boolean before = phone.isSelected();
            phone.click();
            browser.await(d -> d.findElement(By.cssSelector("#phones input[data-device='1002a']")).isSelected() != before,
                    "checkbox changed");
            browser.open("/call-center");
            browser.await(d -> d.findElement(By.cssSelector("#phones input[data-device='1002a']")).isSelected() != before,
                    "the change is still there after a reload");
            browser.find("#phones input[data-device='1002a']").click();
            browser.await(d -> d.findElement(By.cssSelector("#phones input[data-device='1002a']")).isSelected() == before,
                    "switched back");
        }
    }

    @Test
    void forgottenPasswordIsResetThroughTheEmailedLinkInTheDemoMailbox() throws Exception {
        String ext = String.valueOf(1900 + (int) (Instant.now().getEpochSecond() % 90));
        String email = "reset-" + ext + "@" + DOMAIN;
        tenant.portalUser(ext, "Reset Tester", email, "first-pass-" + ext);
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.open("/login");
            browser.find("#forgot-link").click();
            browser.find("#login").sendKeys(ext + "@" + DOMAIN.toUpperCase());
            browser.find("#send-link").click();
            WebElement sent = browser.await(d -> d.findElements(By.cssSelector("#reset-sent")).stream().findFirst()
                    .orElse(null), "the page after asking for a reset link");
            assertThat(sent.getText()).contains("If that login exists");

            browser.open(system.mailboxUrl());
            WebElement link = browser.await(d -> {
                d.navigate().refresh();
                return d.findElements(By.xpath("//article[contains(., '" + email + "')]//a[contains(@href, 'reset-password')]"))
                        .stream().findFirst().orElse(null);
            }, "the reset mail in the demo mailbox");
            link.click();
            browser.find("#password").sendKeys("second-pass-" + ext);
            browser.find("#confirm").sendKeys("second-pass-" + ext);
            browser.find("#save-password").click();
            browser.await(d -> d.getCurrentUrl().contains("/login?reset"), "back at sign-in");

            browser.signIn(ext + "@" + DOMAIN, "second-pass-" + ext);
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("/login");
        }
    }

    @Test
    void aSupervisorChangesWrapUpAndTheAgentsPageFollowsLive() {
        try (Browser agent = new Browser(system.portalUrl()); Browser supervisor = new Browser(system.portalUrl())) {
            agent.signIn("1002@" + DOMAIN, "demo-1002");
            agent.await(d -> !d.findElements(By.cssSelector("tr[data-queue='" + SALES + "'] .cell-wrapup")).isEmpty(),
                    "Sales row on the agent's page");

            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/queues/8001");
            WebElement wrapUp = supervisor.await(d -> {
                WebElement field = d.findElement(By.id("q-wrapup"));
                return field.getAttribute("value").isEmpty() ? null : field;
            }, "queue settings loaded");
            int next = Integer.parseInt(wrapUp.getAttribute("value")) == 45 ? 50 : 45;
            wrapUp.clear();
            wrapUp.sendKeys(String.valueOf(next));
            supervisor.screenshot("queue-edit");
            supervisor.find("#save-settings").click();
            supervisor.await(d -> d.findElement(By.id("toast")).getText().contains("Settings saved"), "saved");

            agent.await(d -> d.findElement(By.cssSelector("tr[data-queue='" + SALES + "'] .cell-wrapup")).getText()
                    .equals(next + "s"), "the agent's page shows the new wrap-up time without a reload");

            supervisor.open("/supervisor/wallboard");
            supervisor.await(d -> !d.findElements(By.cssSelector("#queue-cards .queue-card")).isEmpty(), "wallboard");
            supervisor.await(d -> !d.findElements(By.cssSelector("#agents-table tbody tr")).isEmpty(), "agents listed");
            supervisor.screenshot("wallboard");
        }
    }

    @Test
    void aSupervisorOpeningAnUnusedQueueExtensionSeesNoSuchQueueAndNoForm() {
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/queues/9999");
            supervisor.await(d -> d.findElement(By.id("page-error")).isDisplayed(), "the page says why");
            assertThat(supervisor.textOf("#page-error")).isEqualTo("There is no queue 9999.");
            assertThat(supervisor.textOf("h1")).isEqualTo("No such queue");
            assertThat(supervisor.driver.findElement(By.id("settings-form")).isDisplayed())
                    .as("no form that could create the queue").isFalse();
        }
    }

    @Test
    void myStatisticsShowTheTimeSpentInEachStatus() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1006@" + DOMAIN, "demo-1006");
            WebElement offline = browser.await(d -> d.findElements(By.cssSelector("#stats [data-stat='status-OFFLINE']"))
                    .stream().findFirst().orElse(null), "time Offline in My Statistics");
            assertThat(offline.getText()).startsWith("Time Offline");
            assertThat(browser.driver.findElements(By.cssSelector("#stats [data-stat='logged-in']"))).hasSize(1);
        }
    }

    @Test
    void whileMyPhoneRingsForASalesCallTheSalesRowSaysSoAndOnlyTheOthersSayAnotherCall() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1004@" + DOMAIN, "demo-1004");
            makeGreenEverywhere(browser);
            String call = "ringing-" + UUID.randomUUID();
            tenant.callEvent("call.Ringing", """
                    {"tenant":"%s","call":"%s","device":"1004@%s","agent":"1004@%s","queue":"%s"}"""
                    .formatted(DOMAIN, call, DOMAIN, DOMAIN, SALES));
            browser.await(d -> availability(browser, SALES).getText().contains("Ringing for a caller of this queue"),
                    "the Sales row says the phone rings for its caller");
            assertThat(otherRows(browser, SALES)).isNotEmpty().allSatisfy(row ->
                    assertThat(row.findElement(By.cssSelector(".avail")).getText()).contains("Ringing for another call"));
            tenant.callEvent("call.Abandoned", """
                    {"tenant":"%s","call":"%s","queue":"%s"}""".formatted(DOMAIN, call, SALES));
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // its direct call, ended through the PBX API, was still shown afterwards in one run
    void theWallboardShowsAnAgentOnACallAsOnACall() throws Exception {
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/wallboard");
            String row = "#agents-table tr[data-agent='1004@" + DOMAIN + "'] .badge";
            supervisor.await(d -> !d.findElements(By.cssSelector(row)).isEmpty(), "agent 1004 on the wallboard");
            // one page (50 agents) holds this tenant: the page's rows are every agent the server counts
            Matcher counts = Pattern.compile("(\\d+) agents?, (\\d+) online")
                    .matcher(supervisor.textOf("#agent-counts"));
            assertThat(counts.matches()).as("'N agents, M online': %s", supervisor.textOf("#agent-counts")).isTrue();
            assertThat(supervisor.driver.findElements(By.cssSelector("#agents-table tbody tr")))
                    .hasSize(Integer.parseInt(counts.group(1)));
            assertThat(supervisor.textOf("#page-of")).startsWith("Page 1 of 1");
            assertThat(supervisor.driver.findElement(By.id("page-next")).isEnabled()).isFalse();
            new Select(supervisor.driver.findElement(By.id("queue-filter"))).selectByValue("8001");
            supervisor.await(d -> d.findElement(By.id("agent-counts")).getText().contains(" in Sales, "),
                    "the agents of Sales only");
            Matcher sales = Pattern.compile("(\\d+) agents? in Sales, \\d+ online")
                    .matcher(supervisor.textOf("#agent-counts"));
            assertThat(sales.matches()).isTrue();
            assertThat(supervisor.driver.findElements(By.cssSelector("#agents-table tbody tr")))
                    .hasSize(Integer.parseInt(sales.group(1)));
            new Select(supervisor.driver.findElement(By.id("queue-filter"))).selectByValue("");
            supervisor.await(d -> !d.findElement(By.id("agent-counts")).getText().contains(" in "), "every agent");
            supervisor.await(d -> !d.findElements(By.cssSelector(row)).isEmpty(), "agent 1004 on the wallboard again");
            String call = "direct-" + UUID.randomUUID();
            tenant.callEvent("call.Arrived", """
                    {"tenant":"%s","call":"%s","from":"+15550142","fromName":"Pat","to":"1004","agent":"1004@%s",                    "origin":"EXTERNAL"}""".formatted(DOMAIN, call, DOMAIN));
            tenant.callEvent("call.Answered", """
                    {"tenant":"%s","call":"%s","device":"1004@%s","agent":"1004@%s"}"""
                    .formatted(DOMAIN, call, DOMAIN, DOMAIN));
            supervisor.await(d -> d.findElement(By.cssSelector(row)).getText().startsWith("On a call"),
                    "the wallboard says On a call, not only the status");
            tenant.callEvent("call.Ended", """
                    {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, call));
        }
    }

    @Test
    void anAgentCannotOpenSupervisorPages() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1005@" + DOMAIN, "demo-1005");
            assertThat(browser.driver.findElements(By.linkText("Wallboard"))).isEmpty();
            for (String page : List.of("/supervisor/wallboard", "/supervisor/queues", "/supervisor/queues/8001")) {
                browser.open(page);
                assertThat(browser.textOf("h1")).as(page).isEqualTo("Not allowed");
            }
            browser.open("/api/tenants/" + DOMAIN + "/wallboard");
            assertThat(browser.driver.getPageSource()).as("the wallboard API answers a 403 problem detail")
                    .contains("\"status\":403").contains("Your scope does not allow this.");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void simulatedCallsShowLiveAsCallersWaitingAndThenInTheStatistics() throws Exception {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.signIn("1005@" + DOMAIN, "demo-1005");
            browser.awaitMyQueues();
            browser.await(d -> !d.findElements(By.cssSelector("#stats .tile")).isEmpty(), "My Statistics");
            browser.pickStatus("OFFLINE");
            browser.awaitStatusBadge("Offline", "Offline");
            int callsBefore = callsInStatistics(browser);

            tenant.startSimulator(120, 15);
            browser.await(d -> d.findElements(By.cssSelector("#queues-table button.callers")).stream()
                    .anyMatch(count -> Integer.parseInt(count.getText().trim()) > 0), "callers waiting appear live");
            browser.screenshot("callers-waiting");
            browser.clickWhenStable("#queues-table button.callers.waiting");
            browser.await(d -> !d.findElements(By.cssSelector("#callers-body tr")).isEmpty(), "the waiting callers list");
            browser.screenshot("callers-list");
            browser.find("#callers-close").click();

            browser.pickStatus("ONLINE");
            browser.logIntoEveryQueue();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofMinutes(4))
                    .withMessage("My Statistics count the offered calls")
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> callsInStatistics(browser) > callsBefore);
            browser.resize(1366, 1900);
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofMinutes(4))
                    .withMessage("the finished call in Recent Call History")
                    .until(d -> !d.findElements(By.cssSelector("#recent-table tbody tr")).isEmpty());
            browser.screenshot("statistics-after-calls");
        }
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.await(d -> !d.findElements(By.cssSelector("#agents-table tbody tr")).isEmpty(), "wallboard");
            supervisor.screenshot("wallboard-live");
        }
    }

    @Test
    void theCallCenterPageWorksAtPhoneWidth() {
        try (Browser browser = new Browser(system.portalUrl())) {
            browser.resize(390, 1400);
            browser.signIn("1006@" + DOMAIN, "demo-1006");
            browser.awaitMyQueues();
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth > window.innerWidth + 1;");
            assertThat(overflow).as("no sideways scrolling of the page").isEqualTo(false);
            browser.screenshot("call-center-phone");
        }
    }

    /** Queue calls answered plus offers missed, as the My Statistics tiles show them. */
    private static int callsInStatistics(Browser browser) {
        return Integer.parseInt(browser.textOf("#stats [data-stat='answered'] dd").trim())
                + Integer.parseInt(browser.textOf("#stats [data-stat='missed'] dd").trim());
    }

    private static void makeGreenEverywhere(Browser browser) {
        browser.awaitMyQueues();
        browser.pickStatus("ONLINE");
        browser.awaitStatusBadge("Online", "Online");
        browser.clickEachUntilNone("#phones input[type=checkbox]:not(:checked)", "every phone on for queue calls");
        browser.logIntoEveryQueue();
        browser.await(d -> d.findElements(By.cssSelector("#queues-table .avail")).stream()
                .allMatch(a -> "true".equals(a.getAttribute("data-available"))),
                "every queue green; now: " + reasons(browser));
    }

    private static String reasons(Browser browser) {
        return browser.driver.findElements(By.cssSelector("#queues-table .avail")).stream()
                .map(WebElement::getText).collect(Collectors.joining(", "));
    }

    private static WebElement availability(Browser browser, String queue) {
        return browser.find("tr[data-queue='" + queue + "'] .avail");
    }

    private static List<WebElement> otherRows(Browser browser, String queue) {
        return browser.driver.findElements(By.cssSelector("#queues-table tbody tr")).stream()
                .filter(row -> !queue.equals(row.getAttribute("data-queue"))).toList();
    }
}
