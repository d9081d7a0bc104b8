package io.ccagent.system.portal;

import io.ccagent.local.LocalSystem;
import io.ccagent.system.LocalSystemExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating and deleting queues in headless Chromium against the whole running system: the office manager's New queue
 * form (refusals in the server's words, with the field's label) and the Delete confirmation that says where the
 * queue's phones and waiting callers go; a supervisor who is not an office manager has neither, and the API refuses
 * them too.
 */
@ExtendWith(LocalSystemExtension.class)
class QueueAdminBrowserIT {

    private static final String DOMAIN = "xyzcorporation.com";

    private static LocalSystem system;

    @BeforeAll
    static void start(LocalSystem running) {
        system = running;
    }

    @AfterAll
    static void keepScreenshotsForTheDocs() throws Exception {
        Path docs = Path.of("..", "docs", "screenshots");
        Files.createDirectories(docs);
        for (String name : List.of("queue-create", "queue-delete")) {
            Path shot = Browser.SCREENSHOTS.resolve(name + ".png");
            if (Files.exists(shot)) {
                Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void anOfficeManagerCreatesAQueueWithTheFormSeesItListedThenDeletesItAndItIsGone() {
        String overflow = "8050@" + DOMAIN;
        try (Browser manager = new Browser(system.portalUrl())) {
            manager.signIn("1001@" + DOMAIN, "demo-1001");
            manager.open("/supervisor/queues");
            manager.await(d -> !d.findElements(By.cssSelector("#queue-list tbody tr")).isEmpty(), "the queue list");
            manager.find("#new-queue").click();
            manager.await(d -> d.findElement(By.id("create-dialog")).isDisplayed(), "the New queue form");
            assertThat(manager.find("#q-zone").getAttribute("value")).as("the tenant's zone by default")
                    .isEqualTo("America/New_York");

            // the browser's own checks are what a person meets first; the server's answers are the ones tested
            manager.driver.executeScript("document.getElementById('create-form').setAttribute('novalidate', '')");
            type(manager, "#q-extension", "8050");
            type(manager, "#q-name", "Overflow");
            new Select(manager.find("#q-type")).selectByValue("RING_ALL");
            type(manager, "#q-wrapup", "-5");
            new Select(manager.find("#q-unanswered")).selectByValue("FORWARD");
            type(manager, "#q-target", "1001");
            manager.find("#create-queue").click();
            manager.await(d -> d.findElement(By.id("create-error")).isDisplayed(), "the form says what is wrong");
            assertThat(manager.textOf("#create-error")).as("the field's label, not the API's name for it")
                    .contains("Wrap-up time (seconds)").contains("greater than or equal to 0").doesNotContain("settings.");
            assertThat(manager.find("#q-wrapup").getAttribute("aria-invalid")).isEqualTo("true");
            manager.screenshot("queue-create");

            type(manager, "#q-wrapup", "20");
            type(manager, "#q-extension", "8001");
            manager.find("#create-queue").click();
            manager.await(d -> d.findElement(By.id("create-error")).getText().startsWith("Extension 8001"),
                    "an extension in use is refused in words");
            assertThat(manager.textOf("#create-error")).isEqualTo("Extension 8001 is a queue already: pick an unused one.");

            type(manager, "#q-extension", "8050");
            manager.find("#create-queue").click();
            manager.await(d -> !d.findElement(By.id("create-dialog")).isDisplayed(), "the form closes");
            assertThat(manager.textOf("#page-notice")).startsWith("Queue Overflow (8050) created.");
            String row = "#queue-list tr[data-queue='" + overflow + "']";
            manager.await(d -> !d.findElements(By.cssSelector(row)).isEmpty(), "the new queue in the list");
            assertThat(manager.textOf(row)).contains("Overflow").contains("Ring all").contains("Forward to a number → 1001");

            // a phone in it, so deleting it has a member to remove
            manager.find("#page-notice a").click();
            manager.await(d -> d.getCurrentUrl().endsWith("/supervisor/queues/8050"), "the new queue's page");
            manager.await(d -> !d.findElements(By.cssSelector("#add-device option[value='1006']")).isEmpty(),
                    "phone 1006 to add");
            new Select(manager.find("#add-device")).selectByValue("1006");
            manager.find("#add-member button").click();
            manager.await(d -> !d.findElements(By.cssSelector("#members-table tr[data-device='1006']")).isEmpty(),
                    "1006 is a member");

            manager.find("#delete-queue").click();
            manager.await(d -> d.findElement(By.id("delete-dialog")).isDisplayed(), "the confirmation");
            assertThat(manager.textOf("#delete-name")).isEqualTo("Overflow (8050)");
            assertThat(manager.textOf("#delete-consequences"))
                    .contains("1 phone leaves the queue: Mia Moreau 1006 is no longer in it.")
                    .contains("forwarded to 1001")
                    .contains("This cannot be undone");
            manager.screenshot("queue-delete");
            manager.find("#delete-cancel").click();
            assertThat(manager.find("#delete-dialog").isDisplayed()).as("Keep it keeps it").isFalse();

            manager.find("#delete-queue").click();
            manager.await(d -> d.findElement(By.id("delete-dialog")).isDisplayed(), "the confirmation again");
            manager.find("#delete-confirm").click();
            manager.await(d -> d.getCurrentUrl().endsWith("/supervisor/queues"), "back at the list");
            assertThat(manager.textOf("#page-notice")).startsWith("Queue 8050 deleted");
            manager.await(d -> !d.findElements(By.cssSelector("#queue-list tbody tr")).isEmpty()
                    && d.findElements(By.cssSelector(row)).isEmpty(), "the deleted queue is gone from the list");

            manager.open("/supervisor/queues/8050");
            manager.await(d -> d.findElement(By.id("page-error")).isDisplayed(), "the page says why");
            assertThat(manager.textOf("#page-error")).isEqualTo("There is no queue 8050.");
        }
    }

    @Test
    void aSupervisorWhoIsNoOfficeManagerSeesNoCreateOrDeleteAndTheApiRefusesBoth() {
        try (Browser supervisor = new Browser(system.portalUrl())) {
            supervisor.signIn("1100@" + DOMAIN, "demo-1100");
            supervisor.open("/supervisor/queues");
            supervisor.await(d -> !d.findElements(By.cssSelector("#queue-list tbody tr")).isEmpty(), "the queue list");
            assertThat(supervisor.driver.findElements(By.id("new-queue"))).isEmpty();
            assertThat(supervisor.driver.findElements(By.id("create-dialog"))).isEmpty();

            supervisor.open("/supervisor/queues/8003");
            supervisor.await(d -> !d.findElement(By.id("q-wrapup")).getAttribute("value").isEmpty(), "Billing loaded");
            assertThat(supervisor.find("#settings-form").isDisplayed()).as("a supervisor still edits the queue").isTrue();
            assertThat(supervisor.driver.findElements(By.id("delete-queue"))).isEmpty();
            assertThat(supervisor.driver.findElements(By.id("delete-dialog"))).isEmpty();

            // asked anyway, through the page's own API client (session cookie and CSRF token): refused in words
            // (queue-service refuses a supervisor too: QueueServiceIT)
            String base = "/api/tenants/" + DOMAIN + "/queues";
            assertThat(callApi(supervisor, "POST", base, """
                    {"extension":"8051","settings":{"name":"Sneaky","type":"RING_ALL","wrapUpSeconds":10,
                     "agentRingTimeoutSeconds":10,"queueRingTimeoutSeconds":60,"unansweredAction":"VOICEMAIL",
                     "timeZone":"America/New_York"}}"""))
                    .isEqualTo("403 Only an office manager may create or delete queues.");
            assertThat(callApi(supervisor, "DELETE", base + "/8003", null))
                    .isEqualTo("403 Only an office manager may create or delete queues.");
            assertThat(callApi(supervisor, "GET", base + "/8003", null)).as("Billing is still there")
                    .startsWith("200 ");
            assertThat(callApi(supervisor, "GET", base + "/8051", null)).as("no queue was created")
                    .startsWith("404 ");
        }
    }

    private static void type(Browser browser, String css, String text) {
        WebElement field = browser.find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** "status detail" of one call made with the page's {@code Portal.api}, as the page's own scripts make them. */
    private static String callApi(Browser browser, String method, String url, String json) {
        return String.valueOf(browser.driver.executeAsyncScript("""
                const [method, url, json, done] = arguments;
                Portal.api(method, url, json === null ? undefined : JSON.parse(json))
                  .then(answer => done('200 ' + JSON.stringify(answer)), error => done(error.status + ' ' + error.message));
                """, method, url, json));
    }
}
