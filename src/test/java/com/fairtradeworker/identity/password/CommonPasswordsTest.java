package com.fairtradeworker.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPasswordsTest {

    private final CommonPasswords list = CommonPasswords.bundled();

    @Test
    void bundlesAtLeastTenThousandPasswordsAsTheSecurityGuideRequires() {
        assertThat(list.size()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void holdsTheUsualSuspectsInComparableForm() {
        assertThat(list.contains("123456")).isTrue();
        assertThat(list.contains("password1234")).isTrue();
        assertThat(list.contains("finalfantasy")).isTrue();
        assertThat(list.contains("Vq7mT2pLx9kR")).isFalse();
    }
}
