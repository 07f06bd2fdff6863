package io.mlpservice.dataset;

import io.mlpservice.config.MlpServiceProperties;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.Storage;
import io.mlpservice.store.Table;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Stores datasets uploaded as JSON or CSV and hands their numbers to the features that use them
 * (training jobs, evaluations). A dataset's description lives in the {@code datasets} table, its
 * numbers in a {@code dataset-data} blob, written before the description so that a listed dataset
 * always has its numbers. A dataset that a queued or running job uses cannot be deleted.
 */
@Service
public class DatasetService {

    private static final Logger log = LoggerFactory.getLogger(DatasetService.class);

    private final Table<DatasetRecord> records;
    private final Blobs<DatasetDataCodec.Data> data;
    private final ObjectProvider<DatasetUsers> users;
    private final CsvDatasetReader csv;
    private final long maxValues;
    /** Uses (read) against deletions (write): a job that read a dataset is recorded before it can go. */
    private final ReadWriteLock deletion = new ReentrantReadWriteLock();

    DatasetService(Storage storage, MlpServiceProperties properties, ObjectProvider<DatasetUsers> users) {
        this.records = storage.table("datasets", new JsonCodec<>("dataset", 1, DatasetRecord.class));
        this.data = storage.largeBlobs("dataset-data", new DatasetDataCodec());
        this.users = users;
        this.maxValues = properties.limits().maxTrainingValues();
        this.csv = new CsvDatasetReader(maxValues);
    }

    /**
     * Reads a CSV body and stores it.
     *
     * @throws InvalidInputException naming the line and column at fault
     */
    public DatasetRecord createFromCsv(String name, String labelColumn, List<String> targetColumns, InputStream body) {
        List<String> targets = targetColumns == null ? List.of() : targetColumns.stream().map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        checkName(name);
        if ((labelColumn == null || labelColumn.isBlank()) == targets.isEmpty()) {
            throw new InvalidInputException(targets.isEmpty() ? "labelColumn" : "targetColumns",
                    "send labelColumn (the column of the classes) or targetColumns (the columns of the regression "
                            + "targets), exactly one of them");
        }
        DatasetRows rows = csv.read(body, targets.isEmpty() ? labelColumn : null, targets);
        return store(name, targets.isEmpty() ? labelColumn : null, rows);
    }

    /**
     * Checks and stores a dataset sent as JSON.
     *
     * @throws InvalidInputException naming every field at fault
     */
    public DatasetRecord create(String name, DatasetRows rows) {
        checkName(name);
        if ((long) rows.rows() * rows.columns() > maxValues) {
            throw new InvalidInputException("features", String.format("features holds %,d values; the limit is %,d "
                    + "(mlp.limits.max-training-values)", (long) rows.rows() * rows.columns(), maxValues));
        }
        return store(name, null, rows);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "name is required");
        }
        if (name.length() > 200) {
            throw new InvalidInputException("name", "name has " + name.length() + " characters; at most 200");
        }
    }

    private DatasetRecord store(String name, String labelColumn, DatasetRows rows) {
        String id = UUID.randomUUID().toString();
        List<String> classes = rows.classes();
        DatasetDataCodec.Data stored;
        if (rows.isRegression()) {
            stored = new DatasetDataCodec.Data(rows.columns(), rows.features(), null, rows.targetNames().size(),
                    rows.targets());
        } else {
            Map<String, Integer> index = new HashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                index.put(classes.get(c), c);
            }
            int[] labels = new int[rows.rows()];
            for (int r = 0; r < labels.length; r++) {
                labels[r] = index.get(rows.labels()[r]);
            }
            stored = new DatasetDataCodec.Data(rows.columns(), rows.features(), labels, 0, null);
        }
        DatasetRecord record = new DatasetRecord(id, name, rows.rows(), rows.featureNames(), labelColumn,
                rows.targetNames(), classes, Instant.now().truncatedTo(ChronoUnit.MILLIS), stored.bytes());
        data.put(id, stored);
        records.insert(id, record);
        log.info("Dataset {} stored: '{}', {} rows of {} features", id, name, rows.rows(), rows.columns());
        return record;
    }

    /** Every dataset, oldest first. */
    public List<DatasetRecord> list() {
        return records.values().stream()
                .sorted(Comparator.comparing(DatasetRecord::createdAt).thenComparing(DatasetRecord::id))
                .toList();
    }

    /** @throws DatasetNotFoundException when there is no such dataset */
    public DatasetRecord get(String id) {
        return records.get(id).orElseThrow(() -> new DatasetNotFoundException(id));
    }

    /**
     * The numbers of a stored dataset.
     *
     * @throws DatasetNotFoundException when there is no such dataset
     */
    public DatasetRows load(String id) {
        DatasetRecord record = get(id);
        DatasetDataCodec.Data stored = data.get(id).orElseThrow(() -> new DatasetNotFoundException(id));
        if (stored.labels() == null) {
            return new DatasetRows(record.featureNames(), record.rows(), stored.features(), null,
                    record.targetColumns(), stored.targets());
        }
        String[] labels = new String[record.rows()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = record.classes().get(stored.labels()[r]);
        }
        return new DatasetRows(record.featureNames(), record.rows(), stored.features(), labels, List.of(), null);
    }

    /**
     * Runs {@code work} while no dataset can be deleted, so that a job that reads datasets is
     * recorded as their user before a deletion can look for users.
     */
    public <T> T whileKept(Supplier<T> work) {
        deletion.readLock().lock();
        try {
            return work.get();
        } finally {
            deletion.readLock().unlock();
        }
    }

    /**
     * Deletes a dataset and its numbers.
     *
     * @throws DatasetNotFoundException when there is no such dataset
     * @throws DatasetInUseException    when a queued or running job uses it
     */
    public void delete(String id) {
        deletion.writeLock().lock();
        try {
            get(id);
            Optional<String> user = users.orderedStream().map(u -> u.activeUserOf(id)).flatMap(Optional::stream)
                    .findFirst();
            if (user.isPresent()) {
                throw new DatasetInUseException(id, user.get());
            }
            records.remove(id);
            data.delete(id);
        } finally {
            deletion.writeLock().unlock();
        }
        log.info("Dataset {} deleted", id);
    }
}
