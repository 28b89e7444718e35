package com.fairtradeworker.identity;

import java.util.List;
import java.util.UUID;

/**
 * What account erasure leaves behind for the caller's own clean-up: the pseudonymous address the account now carries
 * and every address it had (current, former and unconfirmed), so other modules can erase them from their rows too.
 */
public record ErasedAccount(UUID id, String pseudonymousEmail, List<String> formerEmails, int sessionsEnded) {

    public ErasedAccount {
        formerEmails = List.copyOf(formerEmails);
    }

    /** Never prints the former addresses. */
    @Override
    public String toString() {
        return "ErasedAccount[id=" + id + ", formerEmails=" + formerEmails.size() + "]";
    }
}
