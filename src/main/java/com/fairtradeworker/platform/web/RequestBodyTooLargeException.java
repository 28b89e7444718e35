package com.fairtradeworker.platform.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past its limit; answered with 413. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limitBytes) {
        super("Request body exceeds " + limitBytes + " bytes");
    }
}
