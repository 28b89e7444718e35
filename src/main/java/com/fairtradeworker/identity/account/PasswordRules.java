package com.fairtradeworker.identity.account;

import com.fairtradeworker.identity.password.PasswordPolicy;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Applies the password policy and answers a refusal as a validation problem on the named field. */
@Component
class PasswordRules {

    private final PasswordPolicy policy;

    PasswordRules(PasswordPolicy policy) {
        this.policy = policy;
    }

    /** Returns the normalized password, or refuses it. */
    String acceptable(String field, String password, String email) {
        List<String> violations = policy.violations(password, email);
        if (!violations.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Some fields are invalid.",
                    Map.of(
                            "errors",
                            violations.stream()
                                    .map(message -> Map.of("field", field, "message", message))
                                    .toList()));
        }
        return policy.normalize(password);
    }

    String normalize(String password) {
        return policy.normalize(password == null ? "" : password);
    }
}
