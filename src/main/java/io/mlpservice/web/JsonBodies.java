package io.mlpservice.web;

import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.ServiceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body and writes an answer in JSON straight from and to the servlet streams,
 * with readers and writers made once per type, for the endpoints where Spring MVC's generic
 * message conversion (content negotiation, a reader per request, a validation pass) costs more
 * than the work itself: predictions. The rules and the problems are those of every other body,
 * from the same strict {@link JsonMapper}; the mapping's {@code consumes} and {@code produces}
 * still answer 415 and 406, and the request-size limit still applies to the stream.
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A reader of one type of body, from the application's mapper, to keep in a field. */
    public static <T> Reader<T> reader(JsonMapper json, Class<T> type) {
        return new Reader<>(json.readerFor(type));
    }

    /** A writer of one type of answer, from the application's mapper, to keep in a field. */
    public static <T> Writer<T> writer(JsonMapper json, Class<T> type) {
        return new Writer<>(json.writerFor(type));
    }

    /** Reads bodies of one type. */
    public static final class Reader<T> {
        private final ObjectReader reader;

        Reader(ObjectReader reader) {
            this.reader = reader;
        }

        /**
         * The request's body.
         *
         * @throws ServiceException a problem naming what is wrong, as for any other body
         */
        public T read(HttpServletRequest request) throws IOException {
            PushbackInputStream in = new PushbackInputStream(request.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                throw new InvalidInputException("", "the request body is missing; send a JSON object");
            }
            in.unread(first);
            try {
                return reader.readValue((InputStream) in);
            } catch (JacksonException e) {
                for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                    if (cause instanceof ServiceException problem) {
                        throw problem;
                    }
                }
                throw JsonProblems.describe(e);
            }
        }
    }

    /** Writes answers of one type, as {@code application/json}. */
    public static final class Writer<T> {
        private final ObjectWriter writer;

        Writer(ObjectWriter writer) {
            this.writer = writer;
        }

        public void write(T answer, HttpServletResponse response) throws IOException {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            writer.writeValue(response.getOutputStream(), answer);
        }
    }
}
