package com.fairtradeworker.identity;

import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserRepository;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What other modules ask of identity. */
@Service
public class IdentityApi {

    private final UserRepository users;

    IdentityApi(UserRepository users) {
        this.users = users;
    }

    /**
     * The one check before posting a job, bidding or moving money: unverified addresses may sign in but not act.
     */
    public void requireVerifiedEmail(UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!user.emailVerified()) {
            throw new ProblemException(
                    ProblemType.EMAIL_NOT_VERIFIED, "Verify your e-mail address first (see the link we sent you).");
        }
    }

    public boolean hasVerifiedEmail(UUID userId) {
        return users.findById(userId).map(User::emailVerified).orElse(false);
    }
}
