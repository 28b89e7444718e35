package com.fairtradeworker.platform.web;

import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RequestMetadata;
import org.springframework.http.ProblemDetail;

/** Builds problem responses with the stable type, title and status of their {@link ProblemType}. */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        RequestMetadata.current().ifPresent(request -> problem.setProperty("requestId", request.requestId()));
        return problem;
    }

    static ProblemDetail payloadTooLarge(long maxBytes) {
        return of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes.");
    }
}
