package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EvidenceKeysTest {

    @Test
    void generatesAFreshKeyUnderTheScope() {
        String first = EvidenceKeys.generate("completions/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b");
        String second = EvidenceKeys.generate("completions/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b");

        assertThat(first)
                .matches("evidence/completions/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b/[0-9a-f-]{36}")
                .isNotEqualTo(second);
        assertThat(EvidenceKeys.checked(first)).isEqualTo(first);
    }

    @Test
    void refusesScopesThatCouldLeaveTheirPrefix() {
        for (String scope : new String[] {"", "../etc", "a/../../b", "/abs", "a//b", "a/", "x y", "a/b/c/d/e", null}) {
            assertThatThrownBy(() -> EvidenceKeys.generate(scope))
                    .as(scope)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesKeysItCouldNotHaveGenerated() {
        for (String key : new String[] {
            "evidence/../../etc/passwd",
            "evidence/scope/not-a-uuid",
            "evidence/scope/6F1C2A9E-3B7D-4C1E-9A0B-2D5E8F7A1C3B",
            "other/scope/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b",
            "evidence/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b",
            "evidence/scope/6f1c2a9e-3b7d-4c1e-9a0b-2d5e8f7a1c3b/../x",
            null
        }) {
            assertThatThrownBy(() -> EvidenceKeys.checked(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
