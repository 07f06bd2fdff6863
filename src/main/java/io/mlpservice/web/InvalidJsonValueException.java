package io.mlpservice.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that parsed but breaks a rule checked while reading it (a NaN, a null row). Its
 * message is written for clients and is shown after the value's path.
 */
public class InvalidJsonValueException extends MismatchedInputException {

    public InvalidJsonValueException(JsonParser parser, String message) {
        super(parser, message);
    }
}
