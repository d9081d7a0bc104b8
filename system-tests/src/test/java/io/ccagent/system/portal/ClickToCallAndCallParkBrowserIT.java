package io.ccagent.system.portal;

import io.ccagent.local.LocalSystem;
import io.ccagent.system.LocalSystemExtension;
import io.ccagent.system.sip.SippRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ccagent.system.portal.DemoTenant.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Click-to-call and Call Park as an agent does them, with real SIP phones (sipp) registered to the running gateway:
 * the dialog offers only phones registered now, an outside number is answered by the local runtime's demo trunk with
 * its spoken prompt, a colleague's extension rings the colleague's phone without any trunk, and a parked caller is
 * picked up on the agent's phone from the Call Park page. The agents, phones and the park queue are this class's own
 * (extensions 33xx in the demo tenant), so other tests' agents are left alone.
 */
@ExtendWith(LocalSystemExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClickToCallAndCallParkBrowserIT {

    private static final String CALLER = "3301";
    private static final String COLLEAGUE = "3302";
    private static final String PARKER = "3303";
    private static final String PARK_QUEUE = "8301";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Ports of the sipp phones and callers, and where the caller's phone takes its audio. */
    private static final int CALLER_PHONE = 16301;
    private static final int COLLEAGUE_PHONE = 16303;
    private static final int PARKER_PHONE = 16305;
    private static final int PARKED_CALLER = 16307;
    private static final int REGISTRAR_CLIENT = 16308;
    private static final int CALLER_PHONE_RTP = 16310;

    private static LocalSystem system;
    private static DemoTenant tenant;

    @BeforeAll
    static void agentsPhonesAndAParkQueue(LocalSystem running) {
        system = running;
        tenant = new DemoTenant(running);
        SippRun.requireSipp();
        for (String agent : List.of(CALLER, COLLEAGUE, PARKER)) {
            send("PUT", system.url("agent-service") + "/tenants/" + DOMAIN + "/agents/" + agent, """
                    {"name":"Agent %s","email":"%s@%s","devices":["%s"],"timeZone":"UTC"}""".formatted(agent, agent,
                    DOMAIN, agent));
            send("PUT", system.url("telephony-gateway") + "/tenants/" + DOMAIN + "/devices/" + agent, """
                    {"agent":"%s@%s","password":"%s"}""".formatted(agent, DOMAIN, sipPassword(agent)));
            tenant.portalUser(agent, "Agent " + agent, agent + "@" + DOMAIN, portalPassword(agent));
        }
        // a queue is created by POST (a PUT to an unused extension is a 404)
        send("POST", system.url("queue-service") + "/tenants/" + DOMAIN + "/queues", """
                {"extension":"%s","name":"Parking","type":"CALL_PARK","wrapUpSeconds":0,"agentRingTimeoutSeconds":20,
                 "queueRingTimeoutSeconds":600,"unansweredAction":"STAY_IN_QUEUE","timeZone":"UTC"}"""
                .formatted(PARK_QUEUE));
        send("PUT", system.url("queue-service") + "/tenants/" + DOMAIN + "/queues/" + PARK_QUEUE + "/members/" + PARKER,
                """
                {"agent":"%s@%s","priority":1,"order":1,"tier":1}""".formatted(PARKER, DOMAIN));
    }

    @AfterAll
    static void keepTheScreenshotsForTheReadme() {
        Browser.keepScreenshotsForTheDocs(List.of("click-to-call-dialog", "call-park"));
    }

    @Test
    @Order(1) // before any test registers the caller's phone
    void theDialogOffersOnlyRegisteredPhonesAndAnOutsideNumberIsAnsweredByTheDemoTrunksPrompt() throws Exception {
        String outside = "+15559870001";
        aFinishedCallFrom(outside, "EXTERNAL");
        try (Browser browser = new Browser(system.portalUrl());
             DatagramSocket audio = new DatagramSocket(new InetSocketAddress("127.0.0.1", CALLER_PHONE_RTP))) {
            AtomicInteger packets = countRtp(audio);
            browser.signIn(CALLER + "@" + DOMAIN, portalPassword(CALLER));
            openDialFor(browser, outside);
            browser.await(d -> d.findElement(By.id("dial-no-phone")).isDisplayed(), "the dialog says no phone is registered");
            assertThat(browser.find("#dial-go").isEnabled()).as("Call with no registered phone").isFalse();
            assertThat(browser.driver.findElements(By.cssSelector("input[name='dial-device']"))).isEmpty();
            browser.find("#dial-cancel").click();

            SippRun phone = SippRun.start("phone-click-to-call-demo-trunk", CALLER_PHONE, 1, null,
                    List.of("rtp_port", String.valueOf(CALLER_PHONE_RTP)));
            try {
                register(CALLER, CALLER_PHONE);
                openDialFor(browser, outside);
                browser.await(d -> !d.findElements(By.cssSelector("input[name='dial-device'][value='" + CALLER + "']"))
                        .isEmpty(), "the registered phone is offered");
                assertThat(browser.find("#dial-no-phone").isDisplayed()).isFalse();
                browser.screenshot("click-to-call-dialog");
                browser.find("#dial-go").click();
                browser.await(d -> d.findElement(By.id("toast")).getText().contains("Calling " + outside),
                        "the page says it is calling");

                phone.awaitSuccess(WAIT);
                assertThat(packets.get()).as("RTP packets of the demo trunk's prompt heard by the phone in 3 s")
                        .isGreaterThan(50);
            } finally {
                phone.stop();
            }
            browser.resize(1366, 1900);
            browser.await(d -> d.findElements(By.cssSelector("#recent-table tbody tr")).stream()
                    .anyMatch(row -> row.getText().contains("Out") && row.getText().contains(outside)),
                    "the outbound call in Recent Call History");
        }
    }

    @Test
    void clickToCallToAColleaguesExtensionRingsTheirPhoneWithoutATrunk() throws Exception {
        aFinishedCallFrom(COLLEAGUE, "INTERNAL");
        try (Browser browser = new Browser(system.portalUrl())) {
            SippRun phone = SippRun.start("phone-click-to-call", CALLER_PHONE, 1, null, List.of());
            SippRun colleague = SippRun.start("agent-answers", COLLEAGUE_PHONE, 1, null, List.of());
            try {
                register(CALLER, CALLER_PHONE);
                register(COLLEAGUE, COLLEAGUE_PHONE);
                browser.signIn(CALLER + "@" + DOMAIN, portalPassword(CALLER));
                openDialFor(browser, COLLEAGUE);
                browser.await(d -> !d.findElements(By.cssSelector("input[name='dial-device'][value='" + CALLER + "']"))
                        .isEmpty(), "the registered phone is offered");
                browser.find("#dial-go").click();

                phone.awaitSuccess(WAIT);
                colleague.awaitSuccess(WAIT);
            } finally {
                phone.stop();
                colleague.stop();
            }
        }
    }

    @Test
    void anAgentPicksAParkedCallerOnTheirPhoneFromTheCallParkPage() throws Exception {
        SippRun phone = SippRun.start("agent-answers", PARKER_PHONE, 1, null, List.of());
        SippRun caller = null;
        try (Browser browser = new Browser(system.portalUrl())) {
            register(PARKER, PARKER_PHONE);
            browser.signIn(PARKER + "@" + DOMAIN, portalPassword(PARKER));
            browser.awaitMyQueues();
            browser.pickStatus("ONLINE");
            browser.awaitStatusBadge("Online", "Online");
            browser.logIntoEveryQueue();

            browser.open("/call-center/park");
            String park = "section.park[data-queue='" + PARK_QUEUE + "']";
            browser.await(d -> d.findElement(By.cssSelector(park + " .park-availability")).getText()
                    .contains("available to pick up"), "available in the park queue");
            caller = SippRun.start("caller-hangs-up", PARKED_CALLER, 1, "127.0.0.1:" + system.sipPort(),
                    List.of("dial", PARK_QUEUE, "tenant", DOMAIN));
            String row = park + " tbody tr";
            browser.await(d -> d.findElements(By.cssSelector(row)).stream()
                    .anyMatch(r -> r.getText().contains("+15551230000")), "the parked caller is listed");
            browser.screenshot("call-park");
            browser.await(d -> {
                for (WebElement r : d.findElements(By.cssSelector(row))) {
                    if (r.getText().contains("+15551230000")) {
                        r.findElement(By.cssSelector("button.park-pick")).click();
                        return true;
                    }
                }
                return false;
            }, "pick up the parked caller");

            phone.awaitSuccess(WAIT);
            caller.awaitSuccess(WAIT);
            browser.await(d -> d.findElements(By.cssSelector(row)).stream()
                    .noneMatch(r -> r.getText().contains("+15551230000")), "the picked caller leaves the list");
        } finally {
            phone.stop();
            if (caller != null) {
                caller.stop();
            }
        }
    }

    private static void openDialFor(Browser browser, String number) {
        browser.resize(1366, 1900);
        browser.await(d -> {
            d.findElement(By.cssSelector("#recent-table button.dial[data-number='" + number + "']")).click();
            return true;
        }, "click " + number + " in Recent Call History");
        browser.await(d -> d.findElement(By.id("dial-dialog")).isDisplayed(), "the click-to-call dialog");
    }

    /** Registers the agent's phone (device = extension) with its contact at {@code contactPort}. */
    private static void register(String agent, int contactPort) throws InterruptedException {
        SippRun.start("register", REGISTRAR_CLIENT, 1, "127.0.0.1:" + system.sipPort(), List.of("device", agent,
                        "tenant", DOMAIN, "contact_port", String.valueOf(contactPort), "expires", "300"),
                "-au", agent, "-ap", sipPassword(agent), "-auth_uri", DOMAIN)
                .awaitSuccess(WAIT);
    }

    /** A call from {@code number} to {@link #CALLER} that is over, so the number shows in Recent Call History. */
    private static void aFinishedCallFrom(String number, String origin) throws Exception {
        String call = "c2c-" + UUID.randomUUID();
        tenant.callEvent("call.Arrived", """
                {"tenant":"%s","call":"%s","from":"%s","to":"%s","agent":"%s@%s","origin":"%s"}"""
                .formatted(DOMAIN, call, number, CALLER, CALLER, DOMAIN, origin));
        tenant.callEvent("call.Ended", """
                {"tenant":"%s","call":"%s","cause":"CALLER_HANGUP"}""".formatted(DOMAIN, call));
    }

    /** Counts the RTP packets arriving at the phone's audio port, in the background. */
    private static AtomicInteger countRtp(DatagramSocket socket) throws Exception {
        AtomicInteger packets = new AtomicInteger();
        socket.setSoTimeout(200);
        Thread listener = new Thread(() -> {
            byte[] buffer = new byte[2048];
            Instant end = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(end) && !socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    if (packet.getLength() > 12 && (buffer[0] & 0xC0) == 0x80 && (buffer[1] & 0x7F) == 0) {
                        packets.incrementAndGet();
                    }
                } catch (SocketTimeoutException e) {
                    // keep listening until the deadline or the socket closes
                } catch (IOException e) {
                    return;
                }
            }
        }, "rtp-counter");
        listener.setDaemon(true);
        listener.start();
        return packets;
    }

    private static String sipPassword(String agent) {
        return "sip-secret-" + agent;
    }

    private static String portalPassword(String agent) {
        return "portal-pass-" + agent;
    }

    private static void send(String method, String url, String json) {
        HttpResponse<String> answer = tenant.asSystem(method, url, json);
        assertThat(answer.statusCode()).as("%s %s: %s", method, url, answer.body()).isLessThan(300);
    }
}
