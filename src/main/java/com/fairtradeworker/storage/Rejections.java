package com.fairtradeworker.storage;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.Map;

/** The refusals an upload can meet; their details are shown to the client, so they name no internals. */
final class Rejections {

    private Rejections() {}

    static ProblemException unsupported(String detail) {
        return new ProblemException(
                ProblemType.UNSUPPORTED_MEDIA_TYPE, detail, Map.of("acceptedTypes", EvidenceType.acceptedMimeTypes()));
    }

    static ProblemException incomplete(EvidenceType type) {
        return unsupported("The file is not a complete " + type.name() + " file.");
    }

    static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(
                ProblemType.PAYLOAD_TOO_LARGE,
                "The file is larger than " + maxBytes + " bytes.",
                Map.of("maxBytes", maxBytes));
    }
}
