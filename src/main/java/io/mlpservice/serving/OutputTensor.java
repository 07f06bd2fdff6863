package io.mlpservice.serving;

import io.mlpservice.engine.SoftmaxCrossEntropy;
import io.mlpservice.engine.Task;
import io.mlpservice.model.ModelRecord;
import io.mlpservice.model.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * The output tensors a model answers an inference with, each with its name, datatype, shape and
 * the elements it takes from a {@link Prediction}. Which tensors a model has depends on its task
 * ({@link #of}): a classifier answers {@code probabilities} (FP32, rows × classes) and
 * {@code label} (BYTES, one class name per row); a regression answers {@code values} (FP32,
 * rows × outputSize, in the targets' units).
 */
enum OutputTensor {

    PROBABILITIES("probabilities", "FP32") {
        @Override
        List<Integer> shape(int rows, ModelRecord model) {
            return List.of(rows, model.classes().size());
        }

        @Override
        Object data(Prediction prediction) {
            return prediction.probabilities();
        }
    },

    LABEL("label", "BYTES") {
        @Override
        List<Integer> shape(int rows, ModelRecord model) {
            return List.of(rows);
        }

        @Override
        Object data(Prediction prediction) {
            List<String> classes = prediction.model().classes();
            int count = classes.size();
            List<String> labels = new ArrayList<>(prediction.rows());
            for (int r = 0; r < prediction.rows(); r++) {
                labels.add(classes.get(SoftmaxCrossEntropy.argmax(prediction.probabilities(), r * count, count)));
            }
            return labels;
        }
    },

    VALUES("values", "FP32") {
        @Override
        List<Integer> shape(int rows, ModelRecord model) {
            return List.of(rows, model.spec().outputSize());
        }

        @Override
        Object data(Prediction prediction) {
            return prediction.values();
        }
    };

    private static final List<OutputTensor> CLASSIFIER = List.of(PROBABILITIES, LABEL);
    private static final List<OutputTensor> REGRESSION = List.of(VALUES);

    private final String wireName;
    private final String datatype;

    OutputTensor(String wireName, String datatype) {
        this.wireName = wireName;
        this.datatype = datatype;
    }

    /**
     * The tensors of the model, in the order the metadata lists them and an inference answers
     * them when the request names none.
     */
    static List<OutputTensor> of(ModelRecord model) {
        return model.spec().task() == Task.REGRESSION ? REGRESSION : CLASSIFIER;
    }

    String wireName() {
        return wireName;
    }

    String datatype() {
        return datatype;
    }

    /** The tensor's shape for {@code rows} input rows; -1 for rows gives the metadata's shape. */
    abstract List<Integer> shape(int rows, ModelRecord model);

    /** The tensor's elements, flat in row-major order. */
    abstract Object data(Prediction prediction);

    InferenceResponse.Tensor answer(Prediction prediction) {
        return new InferenceResponse.Tensor(wireName, shape(prediction.rows(), prediction.model()), datatype,
                data(prediction));
    }

    ModelMetadataResponse.MetadataTensor metadata(ModelRecord model) {
        return new ModelMetadataResponse.MetadataTensor(wireName, datatype, shape(-1, model));
    }
}
