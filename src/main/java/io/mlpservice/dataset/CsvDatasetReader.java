package io.mlpservice.dataset;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.InvalidInputException;
import io.mlpservice.error.Violations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a dataset from CSV (RFC 4180: comma-separated, double quotes around values that hold
 * commas, quotes or line breaks) in UTF-8, with or without a byte-order mark. The first row names
 * the columns; the label column (or the target columns) may be anywhere, every other column is a
 * feature, in order. Strict: every error names its line (counted from 1, the header being line 1;
 * a record that spans lines inside quotes counts from the line it starts on) and its column by
 * header name. Blank lines are skipped. Streams the body: no copy of it is held as text.
 */
final class CsvDatasetReader {

    /** A decimal number as people write it; Java's own parser would also take "NaN", "1f" or hex. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final long maxValues;

    /** @param maxValues most feature values a dataset may hold (mlp.limits.max-training-values) */
    CsvDatasetReader(long maxValues) {
        this.maxValues = maxValues;
    }

    /**
     * @param labelColumn   the header of the label column; null for a regression dataset
     * @param targetColumns the headers of the target columns; empty for a classification dataset
     * @throws InvalidInputException naming every line and column at fault (up to 20)
     */
    DatasetRows read(InputStream body, String labelColumn, List<String> targetColumns) {
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
        try (CSVParser parser = format.parse(utf8(body))) {
            return read(parser, labelColumn, targetColumns);
        } catch (UncheckedIOException e) {
            throw malformed(e.getCause());
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private DatasetRows read(CSVParser parser, String labelColumn, List<String> targetColumns) {
        var records = parser.iterator();
        if (!records.hasNext()) {
            throw new InvalidInputException("body", "the CSV is empty; send a header row, then one row per example");
        }
        Header header = header(records.next(), labelColumn, targetColumns);
        int width = header.names.size();
        int columns = header.features.size();
        Violations violations = new Violations();
        float[] features = new float[Math.max(16, columns * 64)];
        float[] targets = new float[Math.max(16, header.targets.length * 64)];
        List<String> labels = new ArrayList<>();
        int rows = 0;
        long lastLine = parser.getCurrentLineNumber();
        while (records.hasNext() && !violations.isFull()) {
            CSVRecord record = records.next();
            long line = lastLine + 1;
            lastLine = parser.getCurrentLineNumber();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;                                           // a blank line
            }
            if (record.size() != width) {
                violations.add("line " + line, "line " + line + " has " + record.size()
                        + (record.size() == 1 ? " value" : " values") + "; the header (line 1) has " + width + " columns");
                continue;
            }
            if ((long) (rows + 1) * columns > maxValues) {
                violations.add("body", String.format("the CSV holds more than %,d feature values, the limit "
                        + "(mlp.limits.max-training-values), at line %d", maxValues, line));
                break;
            }
            if (features.length < (rows + 1) * columns) {
                features = Arrays.copyOf(features, Math.max((rows + 1) * columns, features.length * 2));
            }
            for (int c = 0; c < columns; c++) {
                int at = header.features.get(c);
                features[rows * columns + c] = number(record.get(at), line, header.names.get(at), violations);
            }
            if (header.label >= 0) {
                String label = record.get(header.label);
                if (label.isBlank()) {
                    violations.add(header.names.get(header.label), "line " + line + ", column '"
                            + header.names.get(header.label) + "' is empty; every row needs a label");
                }
                labels.add(label);
            } else {
                int t0 = rows * header.targets.length;
                if (targets.length < t0 + header.targets.length) {
                    targets = Arrays.copyOf(targets, Math.max(t0 + header.targets.length, targets.length * 2));
                }
                for (int t = 0; t < header.targets.length; t++) {
                    int at = header.targets[t];
                    targets[t0 + t] = number(record.get(at), line, header.names.get(at), violations);
                }
            }
            rows++;
        }
        if (rows == 0 && violations.isEmpty()) {
            violations.add("body", "the CSV has a header (line 1) but no rows after it");
        }
        violations.throwIfAny();
        List<String> featureNames = header.features.stream().map(header.names::get).toList();
        if (header.label >= 0) {
            return new DatasetRows(featureNames, rows, Arrays.copyOf(features, rows * columns),
                    labels.toArray(String[]::new), List.of(), null);
        }
        return new DatasetRows(featureNames, rows, Arrays.copyOf(features, rows * columns), null,
                targetColumns, Arrays.copyOf(targets, rows * header.targets.length));
    }

    /** The columns by name; which are features, which the label or targets. */
    private record Header(List<String> names, List<Integer> features, int label, int[] targets) {
    }

    private static Header header(CSVRecord first, String labelColumn, List<String> targetColumns) {
        Violations violations = new Violations();
        List<String> names = first.toList();
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isBlank()) {
                violations.add("line 1", "line 1, column " + (c + 1) + " has no name; every column needs one");
            } else if (index.putIfAbsent(name, c) != null) {
                violations.add("line 1", "line 1 names column '" + name + "' twice");
            }
        }
        int label = -1;
        int[] targets = new int[targetColumns.size()];
        if (labelColumn != null) {
            label = column(index, labelColumn, "labelColumn", names, violations);
        }
        for (int t = 0; t < targets.length; t++) {
            targets[t] = column(index, targetColumns.get(t), "targetColumns", names, violations);
        }
        List<Integer> features = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            final int col = c;
            if (c != label && Arrays.stream(targets).noneMatch(t -> t == col)) {
                features.add(c);
            }
        }
        if (features.isEmpty() && violations.isEmpty()) {
            violations.add("line 1", "line 1 has no feature column besides the label or target columns");
        }
        violations.throwIfAny();
        return new Header(names, features, label, targets);
    }

    private static int column(Map<String, Integer> index, String name, String field, List<String> names,
                              Violations violations) {
        Integer at = index.get(name);
        if (at == null) {
            violations.add(field, field + " " + Excerpt.quoted(name) + " is not a column of the header (line 1): "
                    + String.join(", ", names.subList(0, Math.min(names.size(), 20)).stream()
                            .map(Excerpt::of).toList()));
            return -1;
        }
        return at;
    }

    private static float number(String text, long line, String column, Violations violations) {
        String value = text.strip();
        if (!NUMBER.matcher(value).matches()) {
            violations.add(column, "line " + line + ", column '" + column + "': "
                    + (value.isEmpty() ? "the value is empty" : "'" + shorten(value) + "' is not a number"));
            return 0;
        }
        double parsed = Double.parseDouble(value);
        if (Math.abs(parsed) > Float.MAX_VALUE) {
            violations.add(column, "line " + line + ", column '" + column + "': " + shorten(value)
                    + " is outside the float32 range (±3.4e38)");
            return 0;
        }
        return (float) parsed;
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }

    /** A strict UTF-8 reader of the body, its byte-order mark skipped. */
    private static Reader utf8(InputStream body) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(body, decoder), 65536));
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private static InvalidInputException malformed(Throwable cause) {
        if (cause instanceof CharacterCodingException) {
            return new InvalidInputException("body", "the CSV is not valid UTF-8");
        }
        if (cause instanceof CSVException) {
            return new InvalidInputException("body", "the CSV is malformed: " + cause.getMessage());
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new UncheckedIOException(cause instanceof IOException io ? io : new IOException(cause));
    }
}
