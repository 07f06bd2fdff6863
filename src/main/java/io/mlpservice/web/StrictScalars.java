package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Readers for the scalar fields of request bodies that accept only the JSON type a field
 * declares. Out of the box Jackson turns {@code "NaN"} and {@code 1e999} into non-finite
 * doubles, {@code "10"} into 10, {@code 1.7} into the integer 1 and {@code true} into the name
 * {@code "true"}; a training service must refuse all of these rather than train on a guess.
 */
public final class StrictScalars {

    private StrictScalars() {
    }

    /** A module that registers the strict readers for boxed and primitive doubles, integers, longs and booleans. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("strict-scalars");
        module.addDeserializer(Double.class, new FiniteDouble());
        module.addDeserializer(Double.TYPE, new FiniteDouble());
        module.addDeserializer(Integer.class, new WholeInt());
        module.addDeserializer(Integer.TYPE, new WholeInt());
        module.addDeserializer(Long.class, new WholeLong());
        module.addDeserializer(Long.TYPE, new WholeLong());
        module.addDeserializer(Boolean.class, new StrictBoolean());
        module.addDeserializer(Boolean.TYPE, new StrictBoolean());
        module.addDeserializer(String.class, new StrictString());
        module.setDeserializerModifier(new NullRefusal());
        return module;
    }

    /**
     * A reader that refuses {@code null} (Jackson asks {@link #getNullValue}) and leaves an absent
     * field null, for its default ({@link #getAbsentValue}).
     */
    abstract static class NotNull<T> extends ValueDeserializer<T> {
        @Override
        public T getNullValue(DeserializationContext ctxt) {
            throw NullRefusal.refused(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    static final class FiniteDouble extends NotNull<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidJsonValueException(p, "must be a number, was " + NumberMatrix.Reader.describe(token));
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new InvalidJsonValueException(p, "must be a finite number, was "
                        + Excerpt.of(p.getString()));
            }
            return value;
        }
    }

    static final class WholeInt extends NotNull<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) {
            long value = readWhole(p, "an integer");
            if (value != (int) value) {
                throw new InvalidJsonValueException(p,
                        "must be an integer between -2147483648 and 2147483647, was "
                                + Excerpt.of(p.getString()));
            }
            return (int) value;
        }
    }

    static final class WholeLong extends NotNull<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) {
            return readWhole(p, "an integer");
        }
    }

    private static long readWhole(JsonParser p, String expected) {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            String was = token == JsonToken.VALUE_NUMBER_FLOAT ? Excerpt.of(p.getString())
                    : NumberMatrix.Reader.describe(token);
            throw new InvalidJsonValueException(p, "must be " + expected + ", was " + was);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidJsonValueException(p, "must be " + expected + " that fits in 64 bits, was "
                    + Excerpt.of(p.getString()));
        }
        return p.getLongValue();
    }

    /** A string field takes a JSON string only: {@code "name": true} is refused, not read as "true". */
    static final class StrictString extends NotNull<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidJsonValueException(p, "must be a string, was "
                        + NumberMatrix.Reader.describe(p.currentToken()));
            }
            return p.getString();
        }
    }

    static final class StrictBoolean extends NotNull<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (token == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            throw new InvalidJsonValueException(p, "must be true or false, was " + NumberMatrix.Reader.describe(token));
        }
    }
}
