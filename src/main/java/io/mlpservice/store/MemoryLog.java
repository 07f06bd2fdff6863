package io.mlpservice.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link AppendLog} in memory, each key's entries packed in one growing byte array in their
 * binary form: a million loss points take 56 MB, not a million objects.
 */
final class MemoryLog<T> implements AppendLog<T> {

    private final RecordCodec<T> codec;
    private final ConcurrentMap<String, Entries> logs = new ConcurrentHashMap<>();

    MemoryLog(RecordCodec<T> codec) {
        this.codec = codec;
    }

    private static final class Entries {
        byte[] bytes = new byte[0];
        long count;
    }

    @Override
    public void append(String key, T value) {
        Entries entries = logs.computeIfAbsent(key, k -> new Entries());
        ByteBuffer record = ByteBuffer.allocate(codec.size()).order(ByteOrder.LITTLE_ENDIAN);
        codec.write(value, record);
        synchronized (entries) {
            int size = codec.size();
            long end = (entries.count + 1) * size;
            if (end > entries.bytes.length) {
                entries.bytes = Arrays.copyOf(entries.bytes, (int) Math.min(Integer.MAX_VALUE - 8,
                        Math.max(end, entries.bytes.length + (entries.bytes.length >> 1) + 16L * size)));
            }
            System.arraycopy(record.array(), 0, entries.bytes, (int) (entries.count * size), size);
            entries.count++;
        }
    }

    @Override
    public long count(String key) {
        Entries entries = logs.get(key);
        if (entries == null) {
            return 0;
        }
        synchronized (entries) {
            return entries.count;
        }
    }

    @Override
    public List<T> read(String key, long from, int limit) {
        Entries entries = logs.get(key);
        List<T> out = new ArrayList<>();
        if (entries == null) {
            return out;
        }
        synchronized (entries) {
            long end = Math.min(entries.count, from + limit);
            ByteBuffer buffer = ByteBuffer.wrap(entries.bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = from; i < end; i++) {
                buffer.position((int) (i * codec.size()));
                out.add(codec.read(key, buffer));
            }
        }
        return out;
    }

    @Override
    public void truncate(String key, long count) {
        Entries entries = logs.get(key);
        if (entries != null) {
            synchronized (entries) {
                entries.count = Math.min(entries.count, count);
            }
        }
    }

    @Override
    public void sync(String key) {
        // nothing to force
    }

    @Override
    public void release(String key) {
        Entries entries = logs.get(key);
        if (entries != null) {
            synchronized (entries) {
                entries.bytes = Arrays.copyOf(entries.bytes, (int) (entries.count * codec.size()));
            }
        }
    }

    @Override
    public void delete(String key) {
        logs.remove(key);
    }
}
