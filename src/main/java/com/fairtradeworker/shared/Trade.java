package com.fairtradeworker.shared;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the trade taxonomy. The code is a stable dotted path ({@code plumbing.water_heaters}) that the database
 * stores as an {@code ltree}, so "plumbing" also finds its sub-trades. Codes never change once published; display
 * names may.
 */
public record Trade(String code, String displayName) {

    public Trade {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The parent trade's code, or empty for a top-level trade. */
    public Optional<String> parentCode() {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(code.substring(0, dot));
    }

    /** True for the trade itself and each of its sub-trades. */
    public boolean isWithin(String ancestorCode) {
        return code.equals(ancestorCode) || code.startsWith(ancestorCode + ".");
    }
}
