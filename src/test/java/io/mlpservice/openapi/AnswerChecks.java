package io.mlpservice.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlpservice.web.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every answer to a fuzz request must be, whatever the request: below 500; a refusal in
 * problem+json, valid against the document's {@code Problem}, without a stack trace, a class name
 * or more than a short excerpt of a long value sent; a 405 naming exactly the methods the document
 * gives the path; and, when the request reached the operation it was made for, a status the
 * operation lists with a body its schema accepts.
 */
final class AnswerChecks {

    /** A problem is a few hundred bytes; twenty violations with excerpts stay well under this. */
    private static final int MAX_PROBLEM_BYTES = 8192;
    private static final String[] LEAKS = {"Exception", "\tat ", "tools.jackson", "com.fasterxml", "io.mlpservice",
        "java.", "org.springframework", "org.apache", "<html", "<!doctype"};

    private final ApiDocument document;
    private final AnswerValidator validator;
    private final JsonMapper json;
    private final String context;

    AnswerChecks(ApiDocument document, AnswerValidator validator, JsonMapper json, String context) {
        this.document = document;
        this.validator = validator;
        this.json = json;
        this.context = context;
    }

    void check(FuzzCases.FuzzCase fuzz, RawHttp.Response answer) {
        String as = context + "\nanswered " + answer.status() + " " + answer.headers() + "\n" + shorten(answer.body());
        assertThat(answer.status()).as(as).isLessThan(500);
        boolean head = "HEAD".equals(fuzz.method());
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as(as).startsWith("application/problem+json");
            if (!head) {
                checkProblem(fuzz, answer, as);
            }
        }
        String path = path(fuzz.target());
        Optional<String> template = document.template(path);
        if (answer.status() == 405 && template.isPresent()) {
            Set<String> allowed = new LinkedHashSet<>(Arrays.stream(answer.header("Allow").split(","))
                    .map(String::strip).sorted().toList());
            assertThat(allowed).as(as + "\nAllow of " + template.get()).isEqualTo(document.methods(template.get()));
        }
        boolean reached = template.isPresent() && template.get().equals(fuzz.intended().path())
                && fuzz.method().equalsIgnoreCase(fuzz.intended().method());
        boolean unknownPath = answer.status() == 404 && !head
                && json.readTree(answer.body()).path("type").asString().endsWith(":not-found");
        if (reached && !unknownPath) {
            assertThat(validator.check(fuzz.intended(), answer.status(), answer.header("Content-Type"),
                    head ? "" : answer.body())).as(as).isEmpty();
        }
    }

    private void checkProblem(FuzzCases.FuzzCase fuzz, RawHttp.Response answer, String as) {
        assertThat(answer.body().length()).as(as).isLessThan(MAX_PROBLEM_BYTES);
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.path("type").asString()).as(as).startsWith("urn:mlp-service:problem:");
        assertThat(problem.path("status").asInt()).as(as).isEqualTo(answer.status());
        assertThat(problem.path("title").asString()).as(as).isNotBlank();
        assertThat(problem.path("detail").asString()).as(as).isNotBlank();
        assertThat(answer.body()).as(as).doesNotContain(LEAKS);
        assertThat(validator.check(AnswerValidator.PROBLEM, problem)).as(as).isEmpty();
        for (String value : fuzz.longValues()) {
            int middle = value.length() / 2;
            assertThat(answer.body()).as(as + "\nrepeats more than an excerpt of a long value")
                    .doesNotContain(value.substring(0, 61), value.substring(middle, middle + 61));
        }
    }

    /** The path of a request target, without its query. */
    private static String path(byte[] target) {
        String text = new String(target, StandardCharsets.UTF_8);
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private static String shorten(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
    }
}
