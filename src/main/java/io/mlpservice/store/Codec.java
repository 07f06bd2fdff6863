package io.mlpservice.store;

/**
 * Turns one kind of stored value into the payload of a file and back. The kind names the file's
 * content in its header (so a weights file is never read as a model); the version is the format
 * version written with every file and checked on every read.
 *
 * @param <T> the stored value
 */
public interface Codec<T> {

    /** What the file holds, one lowercase word: {@code model}, {@code weights}. */
    String kind();

    /** The format version this codec writes, and the only one it reads. */
    int version();

    byte[] encode(T value);

    /**
     * @throws IllegalArgumentException when the payload does not hold a valid value
     */
    T decode(byte[] payload);
}
