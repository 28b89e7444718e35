package com.fairtradeworker.identity.password;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Which passwords are acceptable, after NIST SP 800-63B as the security guide sets it: 12 to 128 characters of any
 * kind, no composition rules, refused when common or when containing the e-mail address's local part. Every check
 * works on the NFKC form, so that visually equal inputs (full-width letters, ligatures) are one password, both here
 * and when {@link PasswordHasher} stores or verifies it.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    static final String TOO_SHORT = "Password must be at least " + MIN_LENGTH + " characters long.";
    static final String TOO_LONG = "Password must be at most " + MAX_LENGTH + " characters long.";
    static final String TOO_COMMON = "This password is too common; choose one that is harder to guess.";
    static final String CONTAINS_EMAIL = "Password must not contain the part of your e-mail address before the @.";

    /**
     * Input longer than this is refused before normalising, so hostile megabyte-long "passwords" cost nothing. NFKC
     * composes at most a few code points into one, so nothing this long can shrink to {@link #MAX_LENGTH}.
     */
    private static final int MAX_RAW_CHARS = 8 * MAX_LENGTH;

    /**
     * One- and two-character local parts ("jo@...") are skipped: such a fragment barely narrows an attacker's guess,
     * yet it occurs by chance in a large share of long, strong passwords, which the rule would then refuse.
     */
    private static final int MIN_LOCAL_PART_LENGTH = 3;

    private final CommonPasswords commonPasswords;

    public PasswordPolicy() {
        this.commonPasswords = CommonPasswords.bundled();
    }

    /**
     * Messages to show the client, empty when the password is acceptable. The messages never quote the password.
     *
     * @param password as typed, not yet normalised; {@code null} counts as empty
     * @param email the account's address; {@code null} skips the e-mail rule
     */
    public List<String> violations(String password, String email) {
        if (password == null) {
            return List.of(TOO_SHORT);
        }
        if (password.length() > MAX_RAW_CHARS) {
            return List.of(TOO_LONG);
        }
        String normalized = normalize(password);
        List<String> violations = new ArrayList<>();
        int length = normalized.codePointCount(0, normalized.length());
        if (length < MIN_LENGTH) {
            violations.add(TOO_SHORT);
        } else if (length > MAX_LENGTH) {
            violations.add(TOO_LONG);
        }
        String comparable = comparable(normalized);
        if (commonPasswords.contains(comparable)) {
            violations.add(TOO_COMMON);
        }
        if (containsLocalPart(comparable, email)) {
            violations.add(CONTAINS_EMAIL);
        }
        return List.copyOf(violations);
    }

    /** The form to hash and verify: Unicode NFKC. Idempotent, so normalising twice is harmless. */
    public String normalize(String password) {
        return nfkc(Objects.requireNonNull(password, "password"));
    }

    static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** NFKC then lower case: the form in which passwords are compared with the list and the e-mail address. */
    static String comparable(String text) {
        return nfkc(text).toLowerCase(Locale.ROOT);
    }

    private static boolean containsLocalPart(String comparablePassword, String email) {
        if (email == null) {
            return false;
        }
        int at = email.lastIndexOf('@');
        String localPart = comparable(at < 0 ? email : email.substring(0, at));
        return localPart.codePointCount(0, localPart.length()) >= MIN_LOCAL_PART_LENGTH
                && comparablePassword.contains(localPart);
    }
}
