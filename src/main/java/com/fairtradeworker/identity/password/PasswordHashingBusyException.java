package com.fairtradeworker.identity.password;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;

/**
 * Every password-hashing permit stayed taken for the whole wait ({@link PasswordHashingLimiter}). Answered 503
 * {@code service-unavailable} with a {@code Retry-After} header, as every {@link ProblemType#SERVICE_UNAVAILABLE}.
 */
public class PasswordHashingBusyException extends ProblemException {

    public PasswordHashingBusyException() {
        super(
                ProblemType.SERVICE_UNAVAILABLE,
                "Too many passwords are being checked right now; please try again shortly.");
    }
}
