package com.fairtradeworker.identity.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bundled list of common passwords: the 30,000 most frequent from zxcvbn's breach corpus, shipped inside the
 * {@code com.nulab-inc:zxcvbn} jar as one lower-case password per line, most frequent first. Entries are kept in the
 * form {@link PasswordPolicy} compares against: NFKC, lower case.
 */
final class CommonPasswords {

    static final String RESOURCE = "com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    private final Set<String> entries;

    private CommonPasswords(Set<String> entries) {
        this.entries = Set.copyOf(entries);
    }

    static CommonPasswords bundled() {
        InputStream stream = CommonPasswords.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (stream == null) {
            // Without the list the policy would accept "password1234": refuse to start instead.
            throw new IllegalStateException("Common-password list " + RESOURCE + " is missing from the classpath");
        }
        Set<String> entries = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty()) {
                    entries.add(PasswordPolicy.comparable(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
        return new CommonPasswords(entries);
    }

    /** @param comparable a password already in {@link PasswordPolicy#comparable} form */
    boolean contains(String comparable) {
        return entries.contains(comparable);
    }

    int size() {
        return entries.size();
    }
}
