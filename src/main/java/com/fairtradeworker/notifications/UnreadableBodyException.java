package com.fairtradeworker.notifications;

/**
 * A stored body that cannot be decrypted: written with another key (a development run's random {@code JWT_SECRET}, or
 * a rotated one), or altered. Carries no content.
 */
final class UnreadableBodyException extends RuntimeException {

    UnreadableBodyException(String reason) {
        super(reason);
    }
}
