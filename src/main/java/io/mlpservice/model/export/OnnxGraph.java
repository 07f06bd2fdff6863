package io.mlpservice.model.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A thin builder over ONNX's {@code GraphProto}: float tensors as initializers, nodes with
 * generated names, and float inputs and outputs of shape (N, width) with a symbolic batch size.
 * Tensor data is written as raw little-endian bytes, as the ONNX specification lays it out.
 */
final class OnnxGraph {

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> scalars = new HashSet<>();
    private int nodes;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A float32 constant of the given shape (none: a scalar); returns its name. */
    String constant(String name, float[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(FloatBytes.toBytes(values)));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** A float32 scalar constant, added on first use and shared by every later use of its name. */
    String scalar(String name, float value) {
        if (scalars.add(name)) {
            constant(name, new float[] {value});
        }
        return name;
    }

    /** A node of the default (ai.onnx) domain with one output; returns the output's name. */
    String node(String opType, String output, String... inputs) {
        return node(opType, output, new AttributeProto[0], inputs);
    }

    String node(String opType, String output, AttributeProto[] attributes, String... inputs) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setName(opType.toLowerCase(Locale.ROOT) + "_" + nodes++)
                .setOpType(opType)
                .addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto floatAttribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    void input(String name, int width) {
        graph.addInput(valueInfo(name, width));
    }

    void output(String name, int width) {
        graph.addOutput(valueInfo(name, width));
    }

    // float tensor of shape (N, width): N, the batch, is left symbolic
    private static ValueInfoProto valueInfo(String name, int width) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width))
                .build();
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape))
                .build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    GraphProto build() {
        return graph.build();
    }
}
