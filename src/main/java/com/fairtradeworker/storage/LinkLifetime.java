package com.fairtradeworker.storage;

import java.time.Duration;

/** The lifetime rule of {@link EvidenceStorage#presignedLink}, the same for every adapter. */
final class LinkLifetime {

    private LinkLifetime() {}

    static Duration checked(Duration lifetime) {
        if (lifetime == null
                || lifetime.isNegative()
                || lifetime.isZero()
                || lifetime.compareTo(EvidenceStorage.MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException(
                    "A link lifetime must be positive and at most " + EvidenceStorage.MAX_LINK_LIFETIME);
        }
        return lifetime;
    }
}
