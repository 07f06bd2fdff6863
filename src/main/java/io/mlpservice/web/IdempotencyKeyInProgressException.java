package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** A request repeated with its Idempotency-Key while the first one is still being answered (409). */
public class IdempotencyKeyInProgressException extends ServiceException {

    public IdempotencyKeyInProgressException(String key) {
        super(ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS, "the first request with Idempotency-Key "
                + Excerpt.quoted(key)
                + " is still being answered; send it again once that has ended to get its answer");
    }
}
