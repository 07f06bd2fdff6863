package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Phrases an error of reading a JSON body as "{path} {what is wrong}", in the words of this API:
 * no Java type, none of the JSON library's settings or advice ("enable `JsonReadFeature...`"),
 * and at most an {@link Excerpt} of what the client sent. A body that is not JSON is
 * {@code malformed-json}; JSON that breaks a rule (a type, a null, a duplicate field, a limit)
 * is {@code invalid-input} naming the field.
 */
final class JsonProblems {

    private static final String DUPLICATE = "Duplicate Object property \"";
    private static final Pattern LIMIT = Pattern.compile(
            "^(Document nesting depth|Number value length|String value length|Name length|Token count|Document length)"
                    + " \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");
    /** Where the JSON library starts to give advice about its own settings, or names its source. */
    private static final List<String> ADVICE = List.of(": enable `", " (consider enabling", "`", " (not recognized as one",
            "Feature '", " (start marker at", " [Source:", " at [Source");
    /** The longest message of the library that is repeated; its own messages are shorter. */
    private static final int MAX_MESSAGE = 200;
    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (Excerpt.MAX_LENGTH + 1) + ",})'");

    private JsonProblems() {
    }

    /** The problem to answer for an error of reading a body. */
    static ServiceException describe(JacksonException ex) {
        String path = path(ex.getPath());
        String subject = path.isEmpty() ? "the body" : path;
        if (ex instanceof InvalidJsonValueException) {
            return invalid(path, subject + " " + ex.getOriginalMessage());
        }
        if (ex instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; expected one of "
                    + knownFields(unknown.getKnownPropertyIds());
            return invalid(path, subject + " is not a field of this request" + known);
        }
        if (ex instanceof InvalidNullException) {
            return invalid(path, subject + " must not be null; leave an optional field out to take its default");
        }
        if (ex instanceof ValueInstantiationException && ex.getCause() != null) {
            return invalid(path, subject + ": " + ex.getCause().getMessage());
        }
        String message = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
        if (ex instanceof MismatchedInputException mismatch) {
            if (message.startsWith("Trailing token")) {
                return new ReadProblem(ProblemType.MALFORMED_JSON,
                        "the body holds more than one JSON value; send a single object");
            }
            return invalid(path, subject + " must be " + expected(mismatch.getTargetType()));
        }
        if (ex instanceof StreamConstraintsException) {
            return beyondLimit(path, subject, message);
        }
        if (message.startsWith(DUPLICATE)) {
            String name = message.substring(DUPLICATE.length(), Math.max(DUPLICATE.length(), message.length() - 1));
            String field = path.isEmpty() ? Excerpt.of(name) : path + "." + Excerpt.of(name);
            return invalid(field, field + " appears more than once in its object; give each field once");
        }
        if (ex instanceof StreamReadException) {
            return new ReadProblem(ProblemType.MALFORMED_JSON, "the body is not valid JSON: " + plain(message)
                    + where(ex.getLocation()));
        }
        return invalid(path, subject + " could not be read as JSON" + where(ex.getLocation()));
    }

    /** A value or a body beyond one of the reader's limits, named with the limit. */
    private static ServiceException beyondLimit(String path, String subject, String message) {
        Matcher limit = LIMIT.matcher(message);
        if (!limit.find()) {
            return invalid(path, subject + " is beyond a limit of the JSON reader");
        }
        String max = limit.group(3);
        return switch (limit.group(1)) {
            case "Document nesting depth" -> invalid(path, "the body nests arrays and objects more than " + max
                    + " levels deep, the limit");
            case "Number value length" -> invalid(path, subject + " is a number of more than " + max
                    + " characters, the limit");
            case "String value length" -> invalid(path, subject + " is a string of more than " + max
                    + " characters, the limit");
            case "Name length" -> invalid(path, "a field name is longer than " + max + " characters, the limit");
            default -> invalid(path, "the body is larger than the JSON reader takes (" + max + ")");
        };
    }

    /** The library's message up to where it starts to give advice, its quoted tokens cut to an excerpt. */
    static String plain(String message) {
        int cut = message.length();
        for (String advice : ADVICE) {
            int at = message.indexOf(advice);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String text = message.substring(0, cut).strip();
        while (text.endsWith(":") || text.endsWith(";") || text.endsWith(",") || text.endsWith("(")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        Matcher quoted = QUOTED.matcher(text);
        StringBuilder shortened = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(shortened, Matcher.quoteReplacement(Excerpt.quoted(quoted.group(1))));
        }
        quoted.appendTail(shortened);
        return shortened.length() > MAX_MESSAGE ? shortened.substring(0, MAX_MESSAGE) + "…" : shortened.toString();
    }

    private static String where(TokenStreamLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static ServiceException invalid(String path, String message) {
        return new InvalidInputException(path, message);
    }

    private static String knownFields(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    /** {@code features[3][1]}, {@code earlyStopping.patience}; a field name the client made up is cut to an excerpt. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(Excerpt.of(ref.getPropertyName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** What a value of the type is, in JSON's words: "an integer", "a number", "an array"... */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** A problem raised here, from the JSON library's exception. */
    private static final class ReadProblem extends ServiceException {
        ReadProblem(ProblemType type, String detail) {
            super(type, detail);
        }
    }
}
