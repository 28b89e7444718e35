package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.TradeTaxonomy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks Bean Validation cannot make on its own: trade codes must exist in the taxonomy, and expiry dates must not
 * have passed (by the injected clock) nor lie absurdly far ahead. A stored expiry date sent back unchanged is accepted
 * even once past, so a contractor whose licence lapsed can still edit their bio.
 */
final class ContractorProfileRules {

    static final int MAX_YEARS_AHEAD = 30;

    private ContractorProfileRules() {}

    static void check(ContractorProfileEdit edit, ContractorProfile current, LocalDate today) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < edit.trades().size(); i++) {
            if (!TradeTaxonomy.exists(edit.trades().get(i))) {
                errors.add(error("trades[" + i + "]", "is not a trade code (see GET /api/trades)"));
            }
        }
        checkCredentials(edit.licence(), edit.insurance(), current, today, errors);
        refuseIfAny(errors);
    }

    /** Details handed in for review must all be current: no exemption for dates already stored. */
    static void checkSubmission(Licence licence, Insurance insurance, LocalDate today) {
        List<Map<String, String>> errors = new ArrayList<>();
        checkCredentials(licence, insurance, ContractorProfile.empty(null), today, errors);
        refuseIfAny(errors);
    }

    private static void checkCredentials(
            Licence licence,
            Insurance insurance,
            ContractorProfile current,
            LocalDate today,
            List<Map<String, String>> errors) {
        if (licence != null) {
            checkExpiry("licence.expiresOn", licence.expiresOn(), Credential.LICENCE.expiresOn(current), today, errors);
        }
        if (insurance != null) {
            checkExpiry(
                    "insurance.expiresOn",
                    insurance.expiresOn(),
                    Credential.INSURANCE.expiresOn(current),
                    today,
                    errors);
        }
    }

    private static void checkExpiry(
            String field, LocalDate expiresOn, LocalDate stored, LocalDate today, List<Map<String, String>> errors) {
        if (Objects.equals(expiresOn, stored)) {
            return;
        }
        if (Credential.expired(expiresOn, today)) {
            errors.add(error(field, "must not be in the past"));
        } else if (expiresOn.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
            errors.add(error(field, "must be within " + MAX_YEARS_AHEAD + " years"));
        }
    }

    private static void refuseIfAny(List<Map<String, String>> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED, "Some fields are invalid.", Map.of("errors", errors));
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
