package io.mlpservice.store;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record stored as UTF-8 JSON, its fields named as the record's components. Readable and
 * editable by hand (the checksum must then be updated), and independent of the wire format
 * clients see.
 *
 * @param <T> a record type
 */
public final class JsonCodec<T> implements Codec<T> {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final String kind;
    private final int version;
    private final Class<T> type;
    private final JsonMapper mapper;

    public JsonCodec(String kind, int version, Class<T> type) {
        this(kind, version, type, new JacksonModule[0]);
    }

    /**
     * @param modules teach the mapper how to read types whose stored form changed (an older shape
     *                read beside the current one)
     */
    public JsonCodec(String kind, int version, Class<T> type, JacksonModule... modules) {
        this.kind = kind;
        this.version = version;
        this.type = type;
        this.mapper = modules.length == 0 ? MAPPER : MAPPER.rebuild().addModules(modules).build();
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public byte[] encode(T value) {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public T decode(byte[] payload) {
        try {
            return mapper.readValue(payload, type);
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
