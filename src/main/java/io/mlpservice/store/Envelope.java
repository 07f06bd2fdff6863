package io.mlpservice.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The frame around every stored file: one ASCII header line, then the payload.
 *
 * <pre>
 *   mlp-service &lt;kind&gt; &lt;format version&gt; &lt;payload length&gt; &lt;CRC-32C of the payload, 8 hex digits&gt;\n
 *   &lt;payload bytes&gt;
 * </pre>
 *
 * A reader checks the magic word, the kind, the version, that exactly the announced number of
 * bytes follows (a truncated or extended file fails) and the checksum, before decoding anything.
 */
public final class Envelope {

    static final String MAGIC = "mlp-service";
    private static final int MAX_HEADER = 200;

    private Envelope() {
    }

    /** The whole file: header line and payload. */
    public static byte[] wrap(String kind, int version, byte[] payload) {
        String header = MAGIC + " " + kind + " " + version + " " + payload.length + " " + crc(payload) + "\n";
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[head.length + payload.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(payload, 0, file, head.length, payload.length);
        return file;
    }

    /**
     * The payload of a file read whole.
     *
     * @throws CorruptFileException naming what is wrong
     */
    public static byte[] unwrap(Path file, byte[] bytes, String kind, int version) {
        int end = -1;
        for (int i = 0; i < Math.min(bytes.length, MAX_HEADER); i++) {
            if (bytes[i] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new CorruptFileException(file, bytes.length == 0 ? "the file is empty" : "it has no header line");
        }
        String[] fields = new String(bytes, 0, end, StandardCharsets.US_ASCII).split(" ");
        if (fields.length != 5 || !fields[0].equals(MAGIC)) {
            throw new CorruptFileException(file, "its header is not an mlp-service header");
        }
        if (!fields[1].equals(kind)) {
            throw new CorruptFileException(file, "it holds a " + fields[1] + ", not a " + kind);
        }
        if (!fields[2].equals(Integer.toString(version))) {
            throw new CorruptFileException(file, "its format version " + fields[2] + " is not the supported "
                    + version);
        }
        long length;
        try {
            length = Long.parseLong(fields[3]);
        } catch (NumberFormatException e) {
            throw new CorruptFileException(file, "its header has no valid length");
        }
        long actual = bytes.length - end - 1L;
        if (actual != length) {
            throw new CorruptFileException(file, actual < length
                    ? "it is truncated: " + actual + " of " + length + " payload bytes"
                    : "it has " + (actual - length) + " bytes more than its header announces");
        }
        byte[] payload = new byte[(int) length];
        System.arraycopy(bytes, end + 1, payload, 0, payload.length);
        String crc = crc(payload);
        if (!crc.equals(fields[4])) {
            throw new CorruptFileException(file, "its checksum " + crc + " does not match " + fields[4]);
        }
        return payload;
    }

    static String crc(byte[] bytes) {
        return crc(bytes, 0, bytes.length);
    }

    static String crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
