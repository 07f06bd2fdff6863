package io.mlpservice.error;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the violations of one request so that a client learns every problem at once, up to a
 * cap that keeps the response small when a large body is wrong everywhere.
 */
public final class Violations {

    private static final int MAX_REPORTED = 20;

    private final List<Violation> list = new ArrayList<>();
    private int count;

    /** Records a violation; {@code message} starts with the field path. */
    public void add(String field, String message) {
        count++;
        if (list.size() < MAX_REPORTED) {
            list.add(new Violation(field, message));
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Whether the cap is reached, so that a caller can stop scanning a large body. */
    public boolean isFull() {
        return list.size() >= MAX_REPORTED;
    }

    /** Throws {@link InvalidInputException} with everything collected, if anything was. */
    public void throwIfAny() {
        if (count > 0) {
            throw new InvalidInputException(list);
        }
    }
}
