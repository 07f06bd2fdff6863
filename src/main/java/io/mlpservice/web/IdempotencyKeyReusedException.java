package io.mlpservice.web;

import io.mlpservice.error.Excerpt;
import io.mlpservice.error.ProblemType;
import io.mlpservice.error.ServiceException;

/** An Idempotency-Key sent again with another request than the one it was first sent with (422). */
public class IdempotencyKeyReusedException extends ServiceException {

    public IdempotencyKeyReusedException(String key) {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key " + Excerpt.quoted(key)
                + " was first sent with another "
                + "request (method, path, query or body); use a new key for a new request");
    }
}
