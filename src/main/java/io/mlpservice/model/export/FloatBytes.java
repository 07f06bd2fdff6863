package io.mlpservice.model.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The byte form of the portable document's float arrays: little-endian IEEE 754 float32, four
 * bytes a number, carried as standard base64 (RFC 4648, with padding), and the SHA-256 taken over
 * those bytes. Little-endian whatever the machine, so that a document reads the same everywhere.
 */
final class FloatBytes {

    private FloatBytes() {
    }

    /** Four little-endian bytes a float. */
    static byte[] toBytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** The floats of little-endian bytes; the length must be a multiple of 4. */
    static float[] toFloats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The bytes of a standard base64 string.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    static byte[] fromBase64(String text) {
        return Base64.getDecoder().decode(text);
    }

    static Digest digest() {
        return new Digest();
    }

    /** A SHA-256 fed in document order. */
    static final class Digest {

        private final MessageDigest sha256;

        private Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        Digest update(byte[] bytes) {
            sha256.update(bytes);
            return this;
        }

        /** The digest as 64 lowercase hex digits; the digest cannot be fed afterwards. */
        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
