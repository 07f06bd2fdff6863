package io.mlpservice.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of the binary files (weights, a job's data, checkpoints): named arrays of numbers,
 * little-endian throughout.
 *
 * <pre>
 *   int32 count of arrays
 *   per array: uint16 name length, name (UTF-8), uint8 type (1 float32, 2 int32, 3 int64, 4 float64,
 *              5 UTF-8 text), int32 element count (bytes for text), the elements
 * </pre>
 *
 * Readers ask for arrays by name and type, so a format can gain an array without breaking what
 * reads it. Arrays are copied in and out.
 */
public final class TensorPack {

    private static final byte FLOAT32 = 1;
    private static final byte INT32 = 2;
    private static final byte INT64 = 3;
    private static final byte FLOAT64 = 4;
    private static final byte TEXT = 5;

    private final Map<String, Object> arrays;

    private TensorPack(Map<String, Object> arrays) {
        this.arrays = arrays;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects arrays in the order they are written. */
    public static final class Builder {
        private final Map<String, Object> arrays = new LinkedHashMap<>();

        public Builder floats(String name, float[] values) {
            arrays.put(name, values.clone());
            return this;
        }

        public Builder ints(String name, int[] values) {
            arrays.put(name, values.clone());
            return this;
        }

        public Builder longs(String name, long... values) {
            arrays.put(name, values.clone());
            return this;
        }

        public Builder doubles(String name, double... values) {
            arrays.put(name, values.clone());
            return this;
        }

        public Builder text(String name, String value) {
            arrays.put(name, value.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public byte[] toBytes() {
            long size = Integer.BYTES;
            for (Map.Entry<String, Object> e : arrays.entrySet()) {
                size += 2 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 1 + Integer.BYTES
                        + (long) length(e.getValue()) * width(e.getValue());
            }
            if (size > Integer.MAX_VALUE - 1024) {
                throw new IllegalArgumentException("a pack of " + size + " bytes does not fit in one file");
            }
            ByteBuffer out = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            out.putInt(arrays.size());
            for (Map.Entry<String, Object> e : arrays.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.putShort((short) name.length).put(name);
                Object v = e.getValue();
                switch (v) {
                    case float[] f -> out.put(FLOAT32).putInt(f.length).asFloatBuffer().put(f);
                    case int[] i -> out.put(INT32).putInt(i.length).asIntBuffer().put(i);
                    case long[] l -> out.put(INT64).putInt(l.length).asLongBuffer().put(l);
                    case double[] d -> out.put(FLOAT64).putInt(d.length).asDoubleBuffer().put(d);
                    case byte[] b -> out.put(TEXT).putInt(b.length).duplicate().put(b);
                    default -> throw new IllegalStateException("unsupported array " + v.getClass());
                }
                out.position(out.position() + length(v) * width(v));
            }
            return out.array();
        }

        private static int length(Object array) {
            return java.lang.reflect.Array.getLength(array);
        }

        private static int width(Object array) {
            return array instanceof byte[] ? 1 : array instanceof float[] || array instanceof int[] ? 4 : 8;
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a well-formed pack
     */
    public static TensorPack read(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int count = in.getInt();
            if (count < 0 || count > 10_000) {
                throw new IllegalArgumentException("it announces " + count + " arrays");
            }
            Map<String, Object> arrays = new LinkedHashMap<>();
            for (int a = 0; a < count; a++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                byte type = in.get();
                int length = in.getInt();
                int width = type == TEXT ? 1 : type == FLOAT32 || type == INT32 ? 4 : 8;
                if (length < 0 || (long) length * width > in.remaining()) {
                    throw new IllegalArgumentException("array " + a + " announces " + length + " elements, more than "
                            + "the bytes that follow");
                }
                Object array = switch (type) {
                    case FLOAT32 -> { float[] f = new float[length]; in.asFloatBuffer().get(f); yield f; }
                    case INT32 -> { int[] i = new int[length]; in.asIntBuffer().get(i); yield i; }
                    case INT64 -> { long[] l = new long[length]; in.asLongBuffer().get(l); yield l; }
                    case FLOAT64 -> { double[] d = new double[length]; in.asDoubleBuffer().get(d); yield d; }
                    case TEXT -> { byte[] b = new byte[length]; in.duplicate().get(b); yield b; }
                    default -> throw new IllegalArgumentException("array " + a + " has unknown type " + type);
                };
                in.position(in.position() + length * width);
                arrays.put(new String(name, StandardCharsets.UTF_8), array);
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes follow the last array");
            }
            return new TensorPack(arrays);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("it ends in the middle of an array");
        }
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    public float[] floats(String name) {
        return get(name, float[].class).clone();
    }

    public int[] ints(String name) {
        return get(name, int[].class).clone();
    }

    public long[] longs(String name) {
        return get(name, long[].class).clone();
    }

    public double[] doubles(String name) {
        return get(name, double[].class).clone();
    }

    public String text(String name) {
        return new String(get(name, byte[].class), StandardCharsets.UTF_8);
    }

    /** A single int64 value. */
    public long scalar(String name) {
        long[] values = get(name, long[].class);
        if (values.length != 1) {
            throw new IllegalArgumentException("'" + name + "' holds " + values.length + " values, not one");
        }
        return values[0];
    }

    private <A> A get(String name, Class<A> type) {
        Object array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("it has no array '" + name + "'");
        }
        if (!type.isInstance(array)) {
            throw new IllegalArgumentException("'" + name + "' is not of the expected type");
        }
        return type.cast(array);
    }
}
