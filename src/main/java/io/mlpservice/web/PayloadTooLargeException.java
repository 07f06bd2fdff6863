package io.mlpservice.web;

import io.mlpservice.error.ServiceException;
import io.mlpservice.error.ProblemType;
/** A request body over the configured limit (413). */
public class PayloadTooLargeException extends ServiceException {

    public PayloadTooLargeException(long limitBytes) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of " + limitBytes
                + " bytes (mlp.limits.max-request-size)");
    }
}
