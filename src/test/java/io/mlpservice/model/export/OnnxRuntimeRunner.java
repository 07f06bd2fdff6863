package io.mlpservice.model.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

/** Runs an ONNX model in ONNX Runtime on rows of floats, as a user of an exported model would. */
final class OnnxRuntimeRunner {

    private OnnxRuntimeRunner() {
    }

    /** The model's input and output names, its output for the (rows, columns) input {@code input}, its metadata. */
    record Run(Set<String> inputNames, Set<String> outputNames, float[][] output, Map<String, String> metadata) {
    }

    static Run run(byte[] model, String output, float[] x, int rows, int columns) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {rows, columns});
             OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] values = (float[][]) result.get(output).orElseThrow().getValue();
            return new Run(session.getInputNames(), session.getOutputNames(), values,
                    session.getMetadata().getCustomMetadata());
        }
    }
}
