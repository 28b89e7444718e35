package com.fairtradeworker.shared;

/**
 * The one answer for "missing" and for "not yours": the same status, type and body shape, so nobody learns that
 * another user's object exists.
 */
public final class NotFoundException extends ProblemException {

    public NotFoundException(String thing) {
        super(ProblemType.NOT_FOUND, "No such " + thing + ".");
    }
}
