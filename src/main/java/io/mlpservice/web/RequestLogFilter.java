package io.mlpservice.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id and logs one line per request. The id is the client's
 * {@code X-Request-Id} when it is short and printable, else a new one; it is sent back as
 * {@code X-Request-Id} and kept in the logging context ({@code requestId}) while the request is
 * served, so that every log line the request causes carries it. The line says the method, the path
 * with the names of the query parameters but not their values, the status, the time taken and the
 * name of the API key if one was accepted; never a body, a header or a key. Lines go to the
 * logger of this class at INFO (mute it with {@code logging.level.io.mlpservice.web.RequestLogFilter=warn}).
 */
public final class RequestLogFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Request attribute: the name of the accepted API key, for the log line. */
    public static final String CLIENT_ATTRIBUTE = RequestLogFilter.class.getName() + ".client";

    private static final String ID_ATTRIBUTE = RequestLogFilter.class.getName() + ".id";
    private static final String START_ATTRIBUTE = RequestLogFilter.class.getName() + ".start";
    private static final String LOGGED_ATTRIBUTE = RequestLogFilter.class.getName() + ".logged";
    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_PATH_LENGTH = 256;

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ID_ATTRIBUTE);
        if (id == null) {
            id = acceptable(request.getHeader(HEADER)) ? request.getHeader(HEADER) : newId();
            request.setAttribute(ID_ATTRIBUTE, id);
            request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        }
        if (!response.isCommitted()) {
            response.setHeader(HEADER, id);
        }
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new LogOnCompletion(id));
            } else if (request.getDispatcherType() != DispatcherType.ASYNC) {
                logOnce(request, response, failed);
            }
            if (outer == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, outer);
            }
        }
    }

    /** Up to 128 visible ASCII characters: nothing that could break a log line or a header. */
    static boolean acceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String newId() {
        // an id tells requests apart in the logs; it guards nothing, so a fast generator will do
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static void logOnce(HttpServletRequest request, HttpServletResponse response, boolean failed) {
        if (request.getAttribute(LOGGED_ATTRIBUTE) != null || !log.isInfoEnabled()) {
            return;
        }
        request.setAttribute(LOGGED_ATTRIBUTE, Boolean.TRUE);
        Object start = request.getAttribute(START_ATTRIBUTE);
        long micros = start instanceof Long nanos ? (System.nanoTime() - nanos) / 1_000 : 0;
        // a request the container refused before any filter ran reaches here as its error page
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = request.getDispatcherType() == DispatcherType.ERROR && original instanceof String path
                ? path : request.getRequestURI();
        Object client = request.getAttribute(CLIENT_ATTRIBUTE);
        log.info("{} {} {} {} ms{}", request.getMethod(), describe(uri, request.getQueryString()),
                failed ? 500 : response.getStatus(), milliseconds(micros), client == null ? "" : " key=" + client);
    }

    /**
     * {@code 12.345}: milliseconds with three decimals, from microseconds. Not String.format, whose
     * parsing of the pattern was a third of this filter's own cost on every request (JFR).
     */
    static String milliseconds(long micros) {
        long fraction = micros % 1000;
        return (micros / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /** The path and the query's parameter names ({@code ?modelId&status}), at most 256 characters. */
    static String describe(String uri, String query) {
        StringBuilder line = new StringBuilder(uri);
        if (query != null && !query.isEmpty()) {
            char separator = '?';
            for (String parameter : query.split("&")) {
                int equals = parameter.indexOf('=');
                line.append(separator).append(equals < 0 ? parameter : parameter.substring(0, equals));
                separator = '&';
            }
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20 || line.charAt(i) == 0x7f) {
                line.setCharAt(i, '?');
            }
        }
        if (line.length() > MAX_PATH_LENGTH) {
            int length = line.length();
            line.setLength(MAX_PATH_LENGTH);
            line.append("… (").append(length).append(" characters)");
        }
        return line.toString();
    }

    /** An asynchronous answer (a stream of events) is logged when it ends, with its id. */
    private static final class LogOnCompletion implements AsyncListener {
        private final String id;

        LogOnCompletion(String id) {
            this.id = id;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            MDC.put(MDC_KEY, id);
            try {
                logOnce((HttpServletRequest) event.getSuppliedRequest(),
                        (HttpServletResponse) event.getSuppliedResponse(), false);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
        }

        @Override
        public void onError(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
