package com.fairtradeworker.notifications;

/**
 * The provider refused the message for good (an invalid or unreachable number, a rejected request): the dispatcher
 * marks it FAILED at once instead of retrying. Its message never holds the recipient or the body.
 */
final class UndeliverableException extends RuntimeException {

    UndeliverableException(String reason) {
        super(reason);
    }
}
