package io.mlpservice.web;

import io.mlpservice.error.ProblemType;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's last word on a request, in this API's problem+json instead of Tomcat's HTML page. It
 * answers what Tomcat refuses before any filter or servlet of the service sees the request: a
 * request target with a character HTTP does not allow raw ({@code | ^ \ " < > { }}, a space, a
 * character outside ASCII), an escape that is not {@code %} and two hex digits, an encoded NUL or
 * slash, a request line and headers over {@code server.max-http-request-header-size}, a
 * {@code CONNECT}. The detail says what kind of thing is wrong and never repeats the request line;
 * the answer carries the same {@code nosniff} and {@code no-store} as every other.
 */
public final class ProblemReportValve extends ErrorReportValve {

    private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");
    private static final StringManager CONNECTOR = StringManager.getManager("org.apache.catalina.connector");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // the same conditions as Tomcat's own page: an error, nothing written yet, reported once
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if ("CONNECT".equals(request.getMethod())) {
            // Tomcat answers 501; this is no proxy, and CONNECT is a method it refuses like any other
            response.setStatus(405);
        }
        int status = response.getStatus();
        ProblemType type = Problems.typeOf(status);
        String body = "{\"type\":\"" + type.type() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
                + ",\"detail\":\"" + detail(request, status, response.getMessage(), throwable) + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer committed: nothing more can be said
        }
    }

    /** Our own words for each refusal (JSON-safe: no quote, backslash or control character). */
    static String detail(Request request, int status, String message, Throwable throwable) {
        String cause = throwable == null ? "" : String.valueOf(throwable.getMessage());
        if ("CONNECT".equals(request.getMethod())) {
            return "CONNECT is not supported: the service is not a proxy";
        }
        if (status == 400) {
            if (startsWith(cause, HTTP11, "iib.invalidRequestTarget")) {
                return "the URL holds a character that must be percent-encoded: a space, a control character, "
                        + "one of | ^ < > { } ` or a double quote or backslash, or a character outside ASCII";
            }
            if (startsWith(cause, HTTP11, "iib.requestheadertoolarge.error")) {
                return "the request line and headers are over the limit of the server "
                        + "(server.max-http-request-header-size, 8 KB by default)";
            }
            if (startsWith(cause, HTTP11, "iib.invalidmethod") || startsWith(cause, HTTP11, "iib.invalidHttpProtocol")) {
                return "the request line is not HTTP: a method or protocol with a character that is not allowed";
            }
            if (message != null && (message.equals(CONNECTOR.getString("coyoteAdapter.invalidURI"))
                    || startsWith(message, CONNECTOR, "coyoteAdapter.invalidURIWithMessage"))) {
                return "the URL is not valid: an escape that is not % and two hex digits, an encoded NUL (%00) "
                        + "or slash (%2F), or a path that climbs above the root";
            }
            return "the request could not be read as HTTP";
        }
        return "the request could not be handled (status " + status + ")";
    }

    /** Whether Tomcat's message is the one of this key, whatever it was given as its {0}. */
    private static boolean startsWith(String text, StringManager messages, String key) {
        String pattern = messages.getString(key);
        int argument = pattern.indexOf("{0}");
        String prefix = argument < 0 ? pattern : pattern.substring(0, argument);
        if (prefix.endsWith("[")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return text != null && !prefix.isBlank() && text.startsWith(prefix.strip());
    }
}
