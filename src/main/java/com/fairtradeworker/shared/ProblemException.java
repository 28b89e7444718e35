package com.fairtradeworker.shared;

import java.util.Map;

/**
 * A refusal that modules raise to answer with a problem response of a stable {@link ProblemType}, such as a state
 * conflict naming the current state. The detail is shown to the client: it must not contain internals.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Map<String, Object> properties;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> properties) {
        super(detail);
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public ProblemType type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
