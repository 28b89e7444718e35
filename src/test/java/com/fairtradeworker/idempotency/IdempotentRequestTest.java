package com.fairtradeworker.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class IdempotentRequestTest {

    static final UUID USER = UUID.randomUUID();

    @Test
    void takesMethodAndPathFromTheServletRequestWithoutTheQuery() {
        MockHttpServletRequest http = new MockHttpServletRequest("POST", "/api/contracts/abc/escrow/fund");
        http.setQueryString("debug=1");

        IdempotentRequest request = IdempotentRequest.of(USER, "key-1", http, "body");

        assertThat(request)
                .isEqualTo(new IdempotentRequest(USER, "key-1", "POST", "/api/contracts/abc/escrow/fund", "body"));
    }

    @Test
    void aMissingOrBlankKeyIsRefusedAsMissing() {
        assertRefused(null, ProblemType.IDEMPOTENCY_KEY_MISSING);
        assertRefused("", ProblemType.IDEMPOTENCY_KEY_MISSING);
        assertRefused("   ", ProblemType.IDEMPOTENCY_KEY_MISSING);
    }

    @Test
    void aKeyMustBeAtMost255PrintableAsciiCharacters() {
        assertThat(request("k".repeat(255)).key()).hasSize(255);
        assertThat(request(" !~ inner spaces and punctuation ~! ").key()).isNotNull();
        assertRefused("k".repeat(256), ProblemType.VALIDATION_FAILED);
        assertRefused("tab\there", ProblemType.VALIDATION_FAILED);
        assertRefused("line\nbreak", ProblemType.VALIDATION_FAILED);
        assertRefused("clé", ProblemType.VALIDATION_FAILED);
        assertRefused("del\u007f", ProblemType.VALIDATION_FAILED);
    }

    @Test
    void onlyMethodsThatChangeStateTakeAKey() {
        assertThatThrownBy(() -> new IdempotentRequest(USER, "k", "GET", "/api/x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static IdempotentRequest request(String key) {
        return new IdempotentRequest(USER, key, "POST", "/api/x", null);
    }

    private static void assertRefused(String key, ProblemType type) {
        assertThatThrownBy(() -> request(key))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.type()).isEqualTo(type));
    }
}
