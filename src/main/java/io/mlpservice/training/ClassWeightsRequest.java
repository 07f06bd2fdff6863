package io.mlpservice.training;

import io.mlpservice.web.InvalidJsonValueException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A classifier's class weights as a client writes them: {@code "balanced"} (each class weighs
 * {@code rows / (classes · rows of the class)}, as scikit-learn's) or an object from class name
 * to weight ({@code {"fraud": 20}}; a class left out weighs 1). The job's mapping checks the names
 * and the weights against the model.
 *
 * @param balanced true for {@code "balanced"}
 * @param byName   the weights given, in the order given; empty when balanced
 * @param word     the string given, when it was one (to name it when it is not "balanced")
 */
@JsonDeserialize(using = ClassWeightsRequest.Reader.class)
public record ClassWeightsRequest(boolean balanced, Map<String, Double> byName, String word) {

    static final class Reader extends ValueDeserializer<ClassWeightsRequest> {
        @Override
        public ClassWeightsRequest deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                String word = p.getString();
                return new ClassWeightsRequest("balanced".equals(word), Map.of(), word);
            }
            if (token != JsonToken.START_OBJECT) {
                throw new InvalidJsonValueException(p, "must be \"balanced\" or an object from class name to weight");
            }
            Map<String, Double> weights = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new InvalidJsonValueException(p, "the weight of '" + name + "' must be a number");
                }
                weights.put(name, p.getDoubleValue());
            }
            return new ClassWeightsRequest(false, Collections.unmodifiableMap(weights), null);
        }
    }
}
