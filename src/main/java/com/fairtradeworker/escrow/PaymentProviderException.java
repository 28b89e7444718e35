package com.fairtradeworker.escrow;

/**
 * The provider could not be reached or refused the call. The operation that called it is safe to retry: every call
 * carries its idempotency key.
 */
public class PaymentProviderException extends RuntimeException {

    public PaymentProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    public PaymentProviderException(String message) {
        super(message);
    }
}
