package com.fairtradeworker.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher(Argon2Settings.DEFAULTS);

    private static final String PASSWORD = "tidal-lantern-87-okra";

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = HASHER.hash(PASSWORD);

        assertThat(HASHER.matches(PASSWORD, stored)).isTrue();
        assertThat(HASHER.matches("tidal-lantern-87-okrA", stored)).isFalse();
        assertThat(HASHER.matches("", stored)).isFalse();
        assertThat(HASHER.matches(null, stored)).isFalse();
    }

    @Test
    void encodesArgon2idWithTheGuidesParameters() {
        assertThat(HASHER.hash(PASSWORD)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        EncodedArgon2Hash parsed =
                EncodedArgon2Hash.parse(HASHER.hash(PASSWORD)).orElseThrow();
        assertThat(parsed.saltBytes()).isEqualTo(16);
        assertThat(parsed.hashBytes()).isEqualTo(32);
    }

    @Test
    void saltsEveryHash() {
        assertThat(HASHER.hash(PASSWORD)).isNotEqualTo(HASHER.hash(PASSWORD));
    }

    @Test
    void visuallyEqualFormsAreOnePassword() {
        String stored = HASHER.hash("ｔｉｄａｌ－ｌａｎｔｅｒｎ");

        assertThat(HASHER.matches("tidal-lantern", stored)).isTrue();
    }

    @Test
    void currentHashesNeedNoRehash() {
        assertThat(HASHER.needsRehash(HASHER.hash(PASSWORD))).isFalse();
    }

    @Test
    void hashesWithWeakerParametersNeedRehashAndStillVerify() {
        String legacy = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD);

        assertThat(HASHER.needsRehash(legacy)).isTrue();
        assertThat(HASHER.matches(PASSWORD, legacy)).isTrue();
    }

    @Test
    void anyParameterChangeNeedsRehashNotOnlyLowerCosts() {
        // Spring's upgradeEncoding reports false for these three; needsRehash must not.
        String otherParallelism = new Argon2PasswordEncoder(16, 32, 2, 19_456, 2).encode(PASSWORD);
        String shorterHash = new Argon2PasswordEncoder(16, 16, 1, 19_456, 2).encode(PASSWORD);
        String strongerThanNow = new Argon2PasswordEncoder(16, 32, 1, 38_912, 2).encode(PASSWORD);

        assertThat(HASHER.needsRehash(otherParallelism)).isTrue();
        assertThat(HASHER.needsRehash(shorterHash)).isTrue();
        assertThat(HASHER.needsRehash(strongerThanNow)).isTrue();
    }

    @Test
    void raisingTheConfiguredCostMarksExistingHashesForRehash() {
        String stored = HASHER.hash(PASSWORD);
        PasswordHasher stronger = new PasswordHasher(new Argon2Settings(38_912, 3, 1));

        assertThat(stronger.needsRehash(stored)).isTrue();
        assertThat(stronger.matches(PASSWORD, stored)).isTrue();
        assertThat(stronger.hash(PASSWORD)).startsWith("$argon2id$v=19$m=38912,t=3,p=1$");
    }

    @Test
    void unreadableHashesNeedRehashAndNeverMatch() {
        String bcrypt = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
        String argon2i =
                "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

        assertThat(HASHER.needsRehash(bcrypt)).isTrue();
        assertThat(HASHER.needsRehash(argon2i)).isTrue();
        assertThat(HASHER.needsRehash("not a hash")).isTrue();
        assertThat(HASHER.needsRehash(null)).isTrue();
        assertThat(HASHER.matches(PASSWORD, "not a hash")).isFalse();
        assertThat(HASHER.matches(PASSWORD, null)).isFalse();
    }

    @Test
    void equalWorkVerifiesAgainstAHashWithTheCurrentParameters() {
        assertThat(HASHER.needsRehash(HASHER.dummyHash())).isFalse();
        assertThat(HASHER.matches(PASSWORD, HASHER.dummyHash())).isFalse();

        HASHER.burnEqualWork(PASSWORD);
        HASHER.burnEqualWork(null);
    }
}
