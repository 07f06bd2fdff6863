package io.mlpservice.error;

import java.util.List;
import java.util.Map;

/**
 * A request that breaks one or more rules (400). The detail is the first violation's message,
 * or a count when there are several; every violation is listed in the {@code errors} member.
 */
public class InvalidInputException extends ServiceException {

    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(ProblemType.INVALID_INPUT, summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    private static String summary(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one violation");
        }
        if (violations.size() == 1) {
            return violations.getFirst().message();
        }
        return violations.size() + " problems: " + violations.getFirst().message() + "; and more in 'errors'";
    }

    public List<Violation> violations() {
        return violations;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", violations);
    }
}
