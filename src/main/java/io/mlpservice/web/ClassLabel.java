package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
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
