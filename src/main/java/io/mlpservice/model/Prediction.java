package io.mlpservice.model;

/**
 * What a model answered for some rows: every class's probability, and the version that answered.
 *
 * @param probabilities (rows, classes) row-major; each row sums to 1
 */
public record Prediction(ModelRecord model, ModelVersion version, float[] probabilities, int rows) {

    public int classes() {
        return model.classes().size();
    }
}
