package io.mlpservice.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON object written on one line, fields in insertion order, with the value types a result
 * needs: strings, booleans, integers, doubles (non-finite ones as null, which JSON can carry),
 * lists and nested objects.
 */
final class JsonLine {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonLine put(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    Object get(String name) {
        return fields.get(name);
    }

    /** A double rounded to {@code digits} decimals, as the Python scripts round theirs. */
    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(out, fields);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case JsonLine line -> write(out, line.fields);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(": ");
                    write(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Double d -> out.append(Double.isFinite(d) ? Double.toString(d) : "null");
            case Float f -> write(out, (double) f);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
