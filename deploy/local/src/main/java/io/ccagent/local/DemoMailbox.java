package io.ccagent.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMTP server that keeps every mail the portal sends (password resets), and a page that shows them, so a demo
 * user can follow a reset link without a real mail server. Local runtime only.
 */
final class DemoMailbox implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private final GreenMail smtp;
    private final HttpServer web;

    DemoMailbox(int smtpPort, int webPort) {
        smtp = new GreenMail(new ServerSetup(smtpPort, RuntimeConfig.BIND_ADDRESS, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            web = HttpServer.create(new InetSocketAddress(RuntimeConfig.BIND_ADDRESS, webPort), 0);
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException(e);
        }
        web.createContext("/", this::showMessages);
        web.start();
    }

    /** Every message received so far, newest first. */
    List<MimeMessage> messages() {
        List<MimeMessage> all = Arrays.asList(smtp.getReceivedMessages());
        java.util.Collections.reverse(all);
        return all;
    }

    private void showMessages(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><title>Demo mailbox</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
                article{border:1px solid #d1d5db;border-radius:.5rem;padding:1rem;margin:1rem 0}
                h2{font-size:1rem;margin:0 0 .25rem} .meta{color:#6b7280;font-size:.875rem} pre{white-space:pre-wrap}</style>
                </head><body><h1>Demo mailbox</h1>
                <p class="meta">Every mail the local portal sends lands here (newest first). Not part of a real deployment.</p>
                """);
        List<MimeMessage> messages = messages();
        if (messages.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        for (MimeMessage message : messages) {
            html.append("<article><h2>").append(escape(subject(message))).append("</h2><div class=\"meta\">To: ")
                    .append(escape(recipients(message))).append("</div><pre>")
                    .append(linkify(escape(GreenMailUtil.getBody(message)))).append("</pre></article>");
        }
        html.append("</body></html>");
        byte[] body = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "(unreadable subject)";
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (MessagingException e) {
            return "(unknown)";
        }
    }

    private static String linkify(String text) {
        Matcher matcher = LINK.matcher(text);
        return matcher.replaceAll(match -> "<a href=\"" + match.group() + "\">" + match.group() + "</a>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }
}
