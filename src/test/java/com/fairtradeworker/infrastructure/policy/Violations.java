package com.fairtradeworker.infrastructure.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects the ways a configuration breaks a rule. */
final class Violations {

    private final List<String> found = new ArrayList<>();

    /** Records {@code message} unless {@code kept} holds. */
    Violations require(boolean kept, String message) {
        if (!kept) {
            found.add(message);
        }
        return this;
    }

    Violations add(String message) {
        found.add(message);
        return this;
    }

    Violations addAll(List<String> messages) {
        found.addAll(messages);
        return this;
    }

    List<String> list() {
        return List.copyOf(found);
    }
}
