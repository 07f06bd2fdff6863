package io.mlpservice.openapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded hostile requests, generated from the OpenAPI document: an operation is drawn, its path
 * and query parameters and its body are built from the document's schemas and examples, and then
 * damaged: wrong JSON types, null, missing and unknown fields, boundary numbers, NaN and Infinity
 * as tokens and as strings, 100 KB strings, control characters, nesting 10,000 deep, ragged and
 * empty arrays, duplicate keys, truncated bodies, wrong and missing Content-Type, another method,
 * bad query values, path ids that are long, climb ({@code ../}) or hold what a URL may not, and
 * wrong or missing API keys. The same seed gives the same requests.
 */
final class FuzzCases {

    /** A request as bytes, with what it was meant for and the long values it carries. */
    record FuzzCase(String method, byte[] target, List<String> headers, byte[] body, ApiDocument.Operation intended,
                    List<String> longValues, String description) {
    }

    /** What the requests may name: ids and versions that exist. */
    interface Fixtures {
        String modelId();

        String jobId();

        List<Integer> versions();

        /** A new model that a request may delete, so that the fixtures stay. */
        String throwawayModel();
    }

    /** The keys a request may carry. */
    record Keys(String admin, String predictor) {
    }

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
            "TRACE");
    private static final String[] TOKENS = {"null", "true", "false", "\"text\"", "\"\"", "{}", "[]", "[[]]", "[null]",
        "[1, [2]]", "0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e308", "1e999", "-1e999", "-0.0",
        "1e-320", "1.5", "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
        "\"\\u0000\\u0001\\u001f\"", "\"a\u0001b\"", "\"\\ud800\"", "\"relu \"", "\"ADAM\""};
    private static final String[] CONTENT_TYPES = {null, "text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=ISO-8859-1", "application/xml", "*/*", "a/b/c", "application/json;;;",
        "application/problem+json"};
    private static final String[] WHOLE_BODIES = {"", "[]", "\"s\"", "1", "null", "{}", "{\"a\":1", "\uFEFF{}",
        "{\"a\": 1, \"a\": 2}"};
    private static final String[] RAW_PATH_VALUES = {"a|b", "a^b", "a\\b", "\"q\"", "<x>", "{x}", "caf\u00e9", "%00",
        "%2F", "%zz", "%", "a b", "\u0001", "..", "../..", "a;b", "%2e%2e", "%252F", "%3B"};
    private static final String[] PATH_VALUES = {"0", "-1", "2147483648", "1.5", "0x1", "%20", "%E2%80%A6", "nope",
        "00000000-0000-0000-0000-000000000000"};
    private static final String[] QUERY_VALUES = {"", "0x10", "%2016", "-1", "0", "10001", "2147483648", "QUEUED%20",
        "queued", "%00", "1e3", "+1"};
    private static final String MARK = "@@hostile@@";

    private final SplittableRandom random;
    private final ApiDocument document;
    private final Fixtures fixtures;
    private final Keys keys;

    FuzzCases(SplittableRandom random, ApiDocument document, Fixtures fixtures, Keys keys) {
        this.random = random;
        this.document = document;
        this.fixtures = fixtures;
        this.keys = keys;
    }

    FuzzCase next() {
        List<ApiDocument.Operation> operations = document.operations();
        ApiDocument.Operation operation = operations.get(random.nextInt(operations.size()));
        List<String> longValues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String method = random.nextInt(5) == 0 ? pick(METHODS) : operation.method().toUpperCase(Locale.ROOT);
        String target = path(operation, method, longValues, notes) + query(operation, longValues, notes);
        List<String> headers = new ArrayList<>();
        key(headers, notes);
        byte[] body = null;
        if (operation.bodySchemaPointer().isPresent() && List.of("POST", "PUT", "PATCH").contains(method)) {
            body = body(operation, longValues, notes).getBytes(StandardCharsets.UTF_8);
            String type = random.nextInt(100) < 85 ? "application/json" : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            if (type != null) {
                headers.add("Content-Type: " + type);
            }
            notes.add("Content-Type " + type);
        }
        return new FuzzCase(method, target.getBytes(StandardCharsets.UTF_8), headers, body, operation, longValues,
                method + " " + shorten(target) + " " + String.join(", ", notes));
    }

    private String path(ApiDocument.Operation operation, String method, List<String> longValues, List<String> notes) {
        String path = operation.path();
        for (JsonNode parameter : operation.parameters("path")) {
            String name = parameter.get("name").asString();
            String value;
            int draw = random.nextInt(100);
            if (draw < 75) {
                value = valid(name);
                if ("DELETE".equals(method) && path.endsWith("{" + name + "}") && value.equals(fixtures.modelId())) {
                    value = fixtures.throwawayModel();
                }
            } else if (draw < 85) {
                value = PATH_VALUES[random.nextInt(PATH_VALUES.length)];
            } else if (draw < 95) {
                value = RAW_PATH_VALUES[random.nextInt(RAW_PATH_VALUES.length)];
            } else {
                value = letters(random.nextBoolean() ? 7000 : 9000);
                longValues.add(value);
            }
            notes.add(name + "=" + shorten(value));
            path = path.replace("{" + name + "}", value);
        }
        return path;
    }

    private String valid(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("job")) {
            return fixtures.jobId();
        }
        if (lower.contains("version")) {
            List<Integer> versions = fixtures.versions();
            return versions.isEmpty() ? "1" : Integer.toString(versions.get(random.nextInt(versions.size())));
        }
        return fixtures.modelId();
    }

    private String query(ApiDocument.Operation operation, List<String> longValues, List<String> notes) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode parameter : operation.parameters("query")) {
            String name = parameter.get("name").asString();
            int draw = random.nextInt(100);
            if (draw < 45) {
                continue;
            }
            String value;
            if (draw < 80) {
                value = validQuery(name, document.resolve(parameter.get("schema")));
            } else if (draw < 95) {
                value = QUERY_VALUES[random.nextInt(QUERY_VALUES.length)];
            } else {
                value = letters(300);
                longValues.add(value);
            }
            pairs.add(name + "=" + value);
            if (random.nextInt(20) == 0) {
                pairs.add(name + "=" + value);
            }
        }
        if (random.nextInt(10) == 0) {
            pairs.add("unknownParameter=1");
        }
        notes.add("query " + shorten(String.join("&", pairs)));
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String validQuery(String name, JsonNode schema) {
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).asString();
        }
        String type = schema.path("type").isArray() ? schema.get("type").get(0).asString() : schema.path("type").asString();
        if ("integer".equals(type)) {
            long min = schema.has("minimum") ? schema.get("minimum").asLong() : 0;
            long max = Math.min(schema.has("maximum") ? schema.get("maximum").asLong() : 100, min + 100);
            return Long.toString(min + random.nextLong(max - min + 1));
        }
        return valid(name);
    }

    private void key(List<String> headers, List<String> notes) {
        int draw = random.nextInt(100);
        String key = draw < 80 ? keys.admin() : draw < 87 ? null : draw < 94 ? "not-a-key-" + random.nextInt(1000)
                : keys.predictor();
        notes.add(key == null ? "no key" : key.equals(keys.admin()) ? "admin key"
                : key.equals(keys.predictor()) ? "predictor key" : "wrong key");
        if (key != null) {
            headers.add(random.nextBoolean() ? "Authorization: Bearer " + key : "X-API-Key: " + key);
        }
    }

    private String body(ApiDocument.Operation operation, List<String> longValues, List<String> notes) {
        JsonNode schema = document.at(operation.bodySchemaPointer().orElseThrow());
        JsonNode valid = Examples.of(document, schema, random);
        int draw = random.nextInt(100);
        if (draw < 15 || !(valid instanceof ObjectNode object)) {
            notes.add("valid body");
            return valid.toString();
        }
        if (draw < 20) {
            String whole = WHOLE_BODIES[random.nextInt(WHOLE_BODIES.length)];
            notes.add("body " + whole);
            return whole;
        }
        if (draw < 25) {
            String text = object.toString();
            notes.add("truncated body");
            return text.substring(0, random.nextInt(text.length()));
        }
        if (draw < 30) {
            String text = object.toString();
            int at = random.nextInt(text.length());
            notes.add("a character inserted");
            return text.substring(0, at) + "\"'[{,:}]\\".charAt(random.nextInt(9)) + text.substring(at);
        }
        return damage(object.deepCopy(), longValues, notes);
    }

    /**
     * One damage at a random place of the tree. The hostile text replaces a marker in the written
     * body, so that even what no JSON writer writes (NaN, 10,000 brackets, a key twice) can be sent.
     */
    private String damage(ObjectNode body, List<String> longValues, List<String> notes) {
        List<Slot> slots = new ArrayList<>();
        collect(body, slots, 0);
        if (slots.isEmpty()) {
            notes.add("body " + body);
            return body.toString();
        }
        Slot slot = random.nextBoolean() ? slots.get(random.nextInt(slots.size()))
                : slots.stream().filter(s -> s.parent() == body).toList().get(random.nextInt(body.size()));
        JsonNode mark = JsonNodeFactory.instance.stringNode(MARK);
        String replacement;
        switch (random.nextInt(6)) {
            case 0 -> {
                slot.set(null);
                notes.add("removed " + slot);
                return body.toString();
            }
            case 1 -> {
                ObjectNode owner = slot.parent() instanceof ObjectNode o ? o : body;
                String name = random.nextInt(5) == 0 ? letters(100_000) : "unknown" + random.nextInt(100);
                if (name.length() > 60) {
                    longValues.add(name);
                }
                owner.set(name, mark);
                replacement = token(longValues);
                notes.add("unknown field " + shorten(name) + " = " + shorten(replacement));
            }
            case 2 -> {
                if (slot.parent() instanceof ObjectNode && slot.name() != null) {
                    String value = slot.get().toString();
                    slot.set(mark);
                    replacement = value + ", \"" + slot.name() + "\": " + token(longValues);
                    notes.add("duplicate " + slot);
                } else {
                    slot.set(mark);
                    replacement = token(longValues);
                    notes.add(slot + " = " + shorten(replacement));
                }
            }
            case 3 -> {
                replacement = ragged(slot.get());
                slot.set(mark);
                notes.add(slot + " ragged " + shorten(replacement));
            }
            default -> {
                slot.set(mark);
                replacement = token(longValues);
                notes.add(slot + " = " + shorten(replacement));
            }
        }
        return body.toString().replace("\"" + MARK + "\"", replacement);
    }

    private String ragged(JsonNode value) {
        if (value instanceof ArrayNode rows && !rows.isEmpty() && rows.get(0) instanceof ArrayNode) {
            ArrayNode copy = rows.deepCopy();
            ArrayNode row = (ArrayNode) copy.get(random.nextInt(copy.size()));
            switch (random.nextInt(3)) {
                case 0 -> row.removeAll();
                case 1 -> row.add(0.5);
                default -> row.remove(row.size() - 1);
            }
            return copy.toString();
        }
        return random.nextBoolean() ? "[]" : "[[]]";
    }

    private String token(List<String> longValues) {
        int draw = random.nextInt(100);
        if (draw < 80) {
            return TOKENS[random.nextInt(TOKENS.length)];
        }
        if (draw < 88) {
            String text = letters(100_000);
            longValues.add(text);
            return "\"" + text + "\"";
        }
        if (draw < 93) {
            return "[".repeat(10_000) + "]".repeat(10_000);
        }
        if (draw < 97) {
            return "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_000);
        }
        String digits = "9".repeat(2000);
        longValues.add(digits);
        return digits;
    }

    /** Random lower-case letters: a long value whose excerpt, if any, can be told apart. */
    private String letters(int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…(" + text.length() + " characters)";
    }

    private static void collect(JsonNode node, List<Slot> slots, int depth) {
        if (depth > 4) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                slots.add(new Slot(object, name, -1));
                collect(object.get(name), slots, depth + 1);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots, depth + 1);
            }
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index) {

        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        /** Puts the value there; null removes the field or the element. */
        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                if (value == null) {
                    object.remove(name);
                } else {
                    object.set(name, value);
                }
            } else if (parent instanceof ArrayNode array) {
                if (value == null) {
                    array.remove(index);
                } else {
                    array.set(index, value);
                }
            }
        }

        @Override
        public String toString() {
            return name != null ? name : "[" + index + "]";
        }
    }

}
