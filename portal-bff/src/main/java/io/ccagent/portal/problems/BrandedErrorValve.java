package io.ccagent.portal.problems;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The page for what Tomcat refuses before the application runs (a request line with characters HTTP does not allow,
 * such as a raw {@code <}): the portal's own look and a way back, instead of Tomcat's page with its version. It names
 * nothing from the request. Errors the application handles never reach it (their page is already written).
 */
public class BrandedErrorValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType("text/html");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(page(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing left to tell anyone
        }
    }

    static String page(int status) {
        String sentence = status < 500
                ? "The portal could not understand this address. Check the link or start again from the portal."
                : "Something went wrong on our side. Try again in a moment.";
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Something went wrong · Call Center Portal</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/portal.css">
                </head><body class="auth"><main id="main" class="auth-card">
                <div class="auth-brand"><span class="brand-mark" aria-hidden="true">☎</span> Call Center Portal</div>
                <h1>Something went wrong</h1><p id="error-status">%d</p><p>%s</p>
                <p class="auth-links"><a href="/">Go to the portal</a></p>
                </main></body></html>
                """.formatted(status, sentence);
    }
}
