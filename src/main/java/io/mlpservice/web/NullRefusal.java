package io.mlpservice.web;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.type.ArrayType;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

/**
 * Refuses {@code null} as the value of a field while leaving a field that is absent to its
 * default: {@code "hiddenLayers": null} is an error, no {@code hiddenLayers} at all is
 * {@code [100]}. Jackson asks a field's reader for the value of a {@code null} and, separately,
 * for the value of an absent field; the readers of lists, maps, arrays and objects are wrapped
 * here so that the first throws and the second stays null. (Jackson's own {@code Nulls.FAIL}
 * cannot be used: it refuses absent fields of records too.) The scalar readers of
 * {@link StrictScalars} refuse {@code null} themselves.
 */
final class NullRefusal extends ValueDeserializerModifier {

    static final String MESSAGE = "must not be null; an optional field is left out to take its default";

    /** The error for a {@code null} where a value is needed; Jackson adds the field's path to it. */
    static InvalidJsonValueException refused(DeserializationContext ctxt) {
        boolean element = ctxt.getParser() != null && ctxt.getParser().streamReadContext().inArray();
        return new InvalidJsonValueException(ctxt.getParser(), element ? "must not be null" : MESSAGE);
    }

    @Override
    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier beanDesc,
            ValueDeserializer<?> deserializer) {
        return wrap(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
            BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
        return wrap(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
            BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
        return wrap(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType valueType,
            BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
        return wrap(deserializer);
    }

    @Override
    public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
            BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
        return wrap(deserializer);
    }

    /** Wraps a reader unless it refuses null itself (or cannot say what type it reads, as no JSON reader of ours). */
    private static ValueDeserializer<?> wrap(ValueDeserializer<?> deserializer) {
        if (deserializer instanceof Refusing || deserializer instanceof StrictScalars.NotNull<?>
                || deserializer.handledType() == null) {
            return deserializer;
        }
        return new Refusing(deserializer);
    }

    /** A reader as it was, but for what it gives for {@code null} and for an absent field. */
    private static final class Refusing extends DelegatingDeserializer {

        Refusing(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Refusing(delegate);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            throw refused(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }
}
