package com.fairtradeworker.identity;

/** A user holds exactly one role. ADMIN accounts are created by operators, never by sign-up. */
public enum Role {
    HOMEOWNER,
    CONTRACTOR,
    ADMIN;

    /** The Spring Security authority for {@code hasRole(...)} rules. */
    public String authority() {
        return "ROLE_" + name();
    }
}
