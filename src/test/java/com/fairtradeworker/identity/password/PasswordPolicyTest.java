package com.fairtradeworker.identity.password;

import static com.fairtradeworker.identity.password.PasswordPolicy.CONTAINS_EMAIL;
import static com.fairtradeworker.identity.password.PasswordPolicy.TOO_COMMON;
import static com.fairtradeworker.identity.password.PasswordPolicy.TOO_LONG;
import static com.fairtradeworker.identity.password.PasswordPolicy.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    /** Loading the list takes a moment; one instance serves every test. */
    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private static final String EMAIL = "dana.smith@example.com";

    @Test
    void elevenCharactersAreTooShort() {
        assertThat(POLICY.violations(randomLooking(11), EMAIL)).containsExactly(TOO_SHORT);
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 64, 128})
    void twelveToOneHundredTwentyEightCharactersAreAccepted(int length) {
        assertThat(POLICY.violations(randomLooking(length), EMAIL)).isEmpty();
    }

    @Test
    void oneHundredTwentyNineCharactersAreTooLong() {
        assertThat(POLICY.violations(randomLooking(129), EMAIL)).containsExactly(TOO_LONG);
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // 12 emoji: 24 UTF-16 units, 12 code points
        assertThat(POLICY.violations("🔥🐢🌵🎲🧩🚲🎈🪁🦉🍋🧭🔔", EMAIL)).isEmpty();
        assertThat(POLICY.violations("🔥🐢🌵🎲🧩🚲🎈🪁🦉🍋🧭", EMAIL)).containsExactly(TOO_SHORT);
    }

    @Test
    void lengthIsCountedAfterNormalisation() {
        // 11 code points as typed; the "ﬁ" ligature becomes "fi", giving 12
        assertThat(POLICY.violations("ﬁ7Qz#pL2vKm", EMAIL)).isEmpty();
    }

    @Test
    void hugeInputIsRefusedWithoutNormalising() {
        assertThat(POLICY.violations("a".repeat(1_000_000), EMAIL)).containsExactly(TOO_LONG);
    }

    @Test
    void noCompositionRules() {
        assertThat(POLICY.violations("correct horse battery staple", EMAIL)).isEmpty();
        assertThat(POLICY.violations("zqxwvjkmpbtrhd", EMAIL)).isEmpty();
    }

    @Test
    void aListedCommonPasswordIsRefusedWhateverItsCase() {
        assertThat(POLICY.violations("password1234", EMAIL)).containsExactly(TOO_COMMON);
        assertThat(POLICY.violations("PassWord1234", EMAIL)).containsExactly(TOO_COMMON);
    }

    @Test
    void fullWidthFormOfACommonPasswordIsRefused() {
        assertThat(POLICY.violations("ｐａｓｓｗｏｒｄ１２３４", EMAIL)).containsExactly(TOO_COMMON);
    }

    @Test
    void ligatureFormOfACommonPasswordIsRefused() {
        assertThat(POLICY.violations("ﬁnalfantasy", EMAIL)).containsExactly(TOO_COMMON);
    }

    @Test
    void containingTheEmailLocalPartIsRefusedWhateverItsCase() {
        assertThat(POLICY.violations("my garden of dana.smith 2024", EMAIL)).containsExactly(CONTAINS_EMAIL);
        assertThat(POLICY.violations("DANA.SMITH-likes-tea", EMAIL)).containsExactly(CONTAINS_EMAIL);
    }

    @Test
    void localPartsShorterThanThreeCharactersAreNotChecked() {
        assertThat(POLICY.violations("joyful mountain river", "jo@example.com")).isEmpty();
        assertThat(POLICY.violations("joyful mountain river", "joy@example.com"))
                .containsExactly(CONTAINS_EMAIL);
    }

    @Test
    void withoutAnEmailOnlyTheOtherRulesApply() {
        assertThat(POLICY.violations("dana.smith-likes-tea", null)).isEmpty();
    }

    @Test
    void everyViolationIsReportedAndNoneQuotesThePassword() {
        String password = "dana.smith";
        List<String> violations = POLICY.violations(password, EMAIL);

        assertThat(violations).containsExactly(TOO_SHORT, CONTAINS_EMAIL);
        assertThat(violations).allSatisfy(message -> assertThat(message).doesNotContainIgnoringCase(password));
        assertThat(POLICY.violations("password1234", EMAIL))
                .allSatisfy(message -> assertThat(message).doesNotContain("password1234"));
    }

    @Test
    void missingPasswordIsTooShort() {
        assertThat(POLICY.violations(null, EMAIL)).containsExactly(TOO_SHORT);
    }

    @Test
    void normalizeAppliesNfkc() {
        assertThat(POLICY.normalize("ｐａｓｓ ﬁ")).isEqualTo("pass fi");
        assertThat(POLICY.normalize("Case Kept")).isEqualTo("Case Kept");
    }

    /** Letters, digits and symbols from a fixed seed: reproducible, and not on any common list. */
    private static String randomLooking(int length) {
        String alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789#%&*+-=?@";
        Random random = new Random(length);
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
