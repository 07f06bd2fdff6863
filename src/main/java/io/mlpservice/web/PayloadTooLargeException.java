package io.mlpservice.web;

/** A request body over the configured limit (413). */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(long limitBytes) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of " + limitBytes
                + " bytes (mlp.limits.max-request-size)");
    }
}
