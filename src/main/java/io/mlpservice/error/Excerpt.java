package io.mlpservice.error;

/**
 * How an error message repeats a value the client sent: at most {@value #MAX_LENGTH} characters,
 * then "…", with control characters shown as {@code ?}. A 100 KB activation name or a
 * 7,000-character id is refused with a message of normal size, and nothing a client sends can
 * break a log line or a terminal that shows the message.
 */
public final class Excerpt {

    /** Characters of a value repeated in a message, before "…". */
    public static final int MAX_LENGTH = 60;

    private Excerpt() {
    }

    /** The value as a message may repeat it: "null" for null, cut and cleaned as described above. */
    public static String of(Object value) {
        String text = String.valueOf(value);
        boolean cut = text.length() > MAX_LENGTH;
        int end = cut ? MAX_LENGTH : text.length();
        if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder shown = new StringBuilder(end + 1);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            shown.append(Character.isISOControl(c) ? '?' : c);
        }
        return cut ? shown.append('…').toString() : shown.toString();
    }

    /** The value in single quotes, as in {@code activation 'gelu' is not one of ...}. */
    public static String quoted(Object value) {
        return "'" + of(value) + "'";
    }
}
