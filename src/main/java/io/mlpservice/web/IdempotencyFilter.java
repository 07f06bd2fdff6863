package io.mlpservice.web;

import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.ServiceException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on the requests that create something ({@code POST /api/v1/models},
 * {@code POST /api/v1/models/{id}/training-jobs}, {@code POST /api/v1/datasets}): the first
 * request with a key runs and, if it succeeds (2xx), its answer (status, {@code Location},
 * {@code Content-Type}, body) is kept for 24 hours; the same key with the same request (method,
 * path, query, content type, body) within them gets that answer again, marked
 * {@code Idempotent-Replayed: true}, and nothing runs. The same key with another request answers
 * 422; while the first is still being answered, 409. A failed request keeps nothing, so it may be
 * retried with its key. Keys belong to the API key that sent them (when keys are on): two callers
 * never see each other's answers. Runs after the key check, so a refused caller stores nothing.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern PATHS = Pattern.compile("/api/v1/(models|models/[^/]+/training-jobs|datasets)/?");
    /** Visible ASCII, as the IETF draft's examples and Stripe's keys; long enough for a UUID or a hash. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyStore store;
    private final HandlerExceptionResolver resolver;

    public IdempotencyFilter(IdempotencyStore store, HandlerExceptionResolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        byte[] body;
        try {
            if (!KEY.matcher(key).matches()) {
                throw new InvalidInputException(HEADER, HEADER + " must be 1 to 255 visible ASCII characters");
            }
            body = request.getInputStream().readAllBytes();
        } catch (ServiceException refused) {
            resolver.resolveException(request, response, null, refused);
            return;
        }
        Principal caller = request.getUserPrincipal();
        String slot = IdempotencyStore.slot(caller == null ? "" : caller.getName(), key);
        String fingerprint = fingerprint(request, body);

        Optional<IdempotencyStore.Answer> earlier = store.answer(slot);
        if (earlier.isEmpty()) {
            String holder = store.claim(slot, fingerprint);
            if (holder != null) {
                resolver.resolveException(request, response, null, holder.equals(fingerprint)
                        ? new IdempotencyKeyInProgressException(key) : new IdempotencyKeyReusedException(key));
                return;
            }
            earlier = store.answer(slot);                      // answered between the look and the claim
            if (earlier.isPresent()) {
                store.abandon(slot);
            }
        }
        if (earlier.isPresent()) {
            if (!earlier.get().fingerprint().equals(fingerprint)) {
                resolver.resolveException(request, response, null, new IdempotencyKeyReusedException(key));
            } else {
                replay(earlier.get(), response);
            }
            return;
        }
        run(request, response, chain, body, slot, fingerprint);
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body,
                     String slot, String fingerprint) throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new BufferedRequest(request, body), recorded);
            int status = recorded.getStatus();
            if (status >= 200 && status < 300) {
                store.complete(slot, new IdempotencyStore.Answer(slot, fingerprint, store.now(), status,
                        recorded.getContentType(), recorded.getHeader(HttpHeaders.LOCATION),
                        recorded.getContentAsByteArray()));
                stored = true;
            }
        } finally {
            if (!stored) {
                store.abandon(slot);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyStore.Answer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** SHA-256 of what makes two requests the same one. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        MessageDigest digest = IdempotencyStore.sha256();
        String head = request.getMethod() + "\n" + request.getRequestURI() + "\n"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n"
                + (request.getContentType() == null ? "" : request.getContentType()) + "\n";
        digest.update(head.getBytes(StandardCharsets.UTF_8));
        digest.update(body);
        return IdempotencyStore.hex(digest.digest());
    }

    /** The request with its body read already, for the handler to read again. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is read already");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
