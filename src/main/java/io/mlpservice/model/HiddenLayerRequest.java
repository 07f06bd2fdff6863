package io.mlpservice.model;

import io.mlpservice.web.InvalidJsonValueException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One hidden layer as a client writes it: a number of units ({@code 64}), or an object
 * {@code {"units": 64, "activation": "tanh", "dropout": 0.2}} whose activation defaults to the
 * model's and whose dropout defaults to 0. {@link ModelService#create} checks the values; the
 * OpenAPI document describes the two forms (see the configuration of the document).
 *
 * @param units      the layer's width; null when the object left it out
 * @param activation null for the model's {@code activation}
 * @param dropout    null for 0
 */
@JsonDeserialize(using = HiddenLayerRequest.Reader.class)
public record HiddenLayerRequest(Integer units, String activation, Double dropout) {

    /** A layer given as its number of units. */
    public static HiddenLayerRequest ofUnits(int units) {
        return new HiddenLayerRequest(units, null, null);
    }

    static final class Reader extends ValueDeserializer<HiddenLayerRequest> {
        @Override
        public HiddenLayerRequest deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return ofUnits(units(p));
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InvalidJsonValueException(p, "must be a number of units or an object with units, "
                        + "activation and dropout");
            }
            Integer units = null;
            String activation = null;
            Double dropout = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "units" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new InvalidJsonValueException(p, "units must be an integer");
                        }
                        units = units(p);
                    }
                    case "activation" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new InvalidJsonValueException(p, "activation must be a string");
                        }
                        activation = p.getString();
                    }
                    case "dropout" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                            throw new InvalidJsonValueException(p, "dropout must be a number");
                        }
                        dropout = p.getDoubleValue();
                    }
                    default -> throw new InvalidJsonValueException(p, "has no property '" + name
                            + "'; a layer has units, activation and dropout");
                }
            }
            return new HiddenLayerRequest(units, activation, dropout);
        }

        private static int units(JsonParser p) {
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                throw new InvalidJsonValueException(p, "units must fit an int, was " + p.getString());
            }
            return p.getIntValue();
        }
    }
}
