package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.Violations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A training label as a client writes it: a class name ({@code "setosa"}) or a class index
 * ({@code 0}). Which class it denotes is decided against the model's classes.
 *
 * @param name  the class name, or null when the label is an index
 * @param index the class index when {@code name} is null
 */
@JsonDeserialize(using = ClassLabel.Reader.class)
public record ClassLabel(String name, long index) {

    public static ClassLabel ofName(String name) {
        return new ClassLabel(name, -1);
    }

    public static ClassLabel ofIndex(long index) {
        return new ClassLabel(null, index);
    }

    /**
     * The index of each label among the classes, by name or as an index; each fault is reported
     * and leaves 0 in its place.
     *
     * @param field   the field a violation names, or null for the label's own path ({@code labels[3]})
     * @param subject how a message names the labels: {@code labels}, or {@code dataset 'x' labels}
     */
    public static int[] indices(List<String> classes, List<ClassLabel> labels, String field, String subject,
                                Violations violations) {
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            byName.put(classes.get(c), c);
        }
        int[] indices = new int[labels.size()];
        for (int i = 0; i < labels.size() && !violations.isFull(); i++) {
            ClassLabel label = labels.get(i);
            String at = subject + "[" + i + "]";
            String where = field != null ? field : at;
            if (label == null) {
                violations.add(where, at + " must not be null");
            } else if (label.name() != null) {
                Integer index = byName.get(label.name());
                if (index == null) {
                    violations.add(where, at + " " + Excerpt.quoted(label.name())
                            + " is not one of the model's classes: " + describe(classes));
                } else {
                    indices[i] = index;
                }
            } else if (label.index() < 0 || label.index() >= classes.size()) {
                violations.add(where, at + " " + label.index() + " is outside the class indices 0.."
                        + (classes.size() - 1));
            } else {
                indices[i] = (int) label.index();
            }
        }
        return indices;
    }

    /** The classes as a message lists them: the first ten, then how many more. */
    public static String describe(List<String> classes) {
        int shown = Math.min(classes.size(), 10);
        String list = String.join(", ", classes.subList(0, shown));
        return classes.size() > shown ? list + " and " + (classes.size() - shown) + " more" : list;
    }

    static final class Reader extends StrictScalars.NotNull<ClassLabel> {
        @Override
        public ClassLabel deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                return ofName(p.getString());
            }
            if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return ofIndex(p.getLongValue());
            }
            String was = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                    ? Excerpt.of(p.getString()) : NumberMatrix.Reader.describe(token);
            throw new InvalidJsonValueException(p, "must be a class name (a string) or a class index (an integer), was " + was);
        }
    }
}
