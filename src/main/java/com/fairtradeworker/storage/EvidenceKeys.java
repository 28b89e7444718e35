package com.fairtradeworker.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Storage keys are generated ({@code evidence/{scope}/{uuid}}), never taken from a file name, and checked on every use
 * so a key can never climb out of its directory or bucket prefix.
 */
final class EvidenceKeys {

    static final String PREFIX = "evidence/";
    private static final String SEGMENT = "[A-Za-z0-9_][A-Za-z0-9_-]{0,63}";
    private static final String SCOPE = SEGMENT + "(?:/" + SEGMENT + "){0,3}";
    private static final Pattern SCOPE_PATTERN = Pattern.compile(SCOPE);
    private static final Pattern KEY_PATTERN =
            Pattern.compile(Pattern.quote(PREFIX) + SCOPE + "/[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private EvidenceKeys() {}

    static String generate(String scope) {
        if (scope == null || !SCOPE_PATTERN.matcher(scope).matches()) {
            throw new IllegalArgumentException(
                    "The storage scope must be 1 to 4 segments of letters, digits, '-' and '_' separated by '/'");
        }
        return PREFIX + scope + "/" + UUID.randomUUID();
    }

    /** Returns the key when it is one this module could have generated; refuses anything else. */
    static String checked(String key) {
        if (key == null || !KEY_PATTERN.matcher(key).matches()) {
            throw new IllegalArgumentException("Not an evidence storage key");
        }
        return key;
    }
}
