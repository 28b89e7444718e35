package com.fairtradeworker.identity.account;

import com.fairtradeworker.notifications.MailOutbox;
import com.fairtradeworker.notifications.OutgoingMail;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The account e-mails. Plain text; links point at the front end. They are security mails: no preference can switch
 * them off. Enqueued in the caller's transaction, sent after it commits.
 */
@Component
class IdentityMails {

    private final MailOutbox outbox;
    private final Links links;

    IdentityMails(MailOutbox outbox, Links links) {
        this.outbox = outbox;
        this.links = links;
    }

    void verifyAddress(User user, String address, String token) {
        send(user, address, "identity.verify-email", "Confirm your e-mail address for FairTradeWorker", """
                Hello %s,

                Please confirm that this is your e-mail address by opening this link (valid for 24 hours):

                %s

                If you did not create a FairTradeWorker account, ignore this message.
                """.formatted(
                        user.displayName(), links.verifyEmail(token)));
    }

    void addressAlreadyInUse(User user, String address) {
        send(user, address, "identity.address-in-use", "Your e-mail address and FairTradeWorker", """
                Hello,

                Someone asked to use this address for a FairTradeWorker account, but an account already uses it.
                If that was you, sign in instead: %s

                If it was not you, you can ignore this message.
                """.formatted(
                        links.signIn()));
    }

    void signupWithExistingAddress(User existing) {
        send(
                existing,
                existing.email(),
                "identity.signup-existing",
                "Someone tried to sign up with your address",
                """
                Hello %s,

                Someone tried to create a new FairTradeWorker account with this e-mail address, which already has
                one. If that was you, sign in instead: %s

                If it was not you, you can ignore this message; your account is unchanged.
                """.formatted(existing.displayName(), links.signIn()));
    }

    void emailChangeRequested(User user, String newAddress) {
        send(
                user,
                user.email(),
                "identity.email-change-requested",
                "Your FairTradeWorker e-mail address is changing",
                """
                Hello %s,

                We received a request to change the e-mail address of your account to %s.
                The change takes effect once the new address is confirmed.

                If you did not ask for this, change your password now and contact support.
                """.formatted(user.displayName(), newAddress));
    }

    void passwordReset(User user, String token) {
        send(user, user.email(), "identity.password-reset", "Reset your FairTradeWorker password", """
                Hello %s,

                To choose a new password, open this link. It works once and expires soon:

                %s

                If you did not ask to reset your password, ignore this message; your password is unchanged.
                """.formatted(
                        user.displayName(), links.resetPassword(token)));
    }

    void passwordChanged(User user) {
        send(
                user,
                user.email(),
                "identity.password-changed",
                "Your FairTradeWorker password was changed",
                """
                Hello %s,

                The password of your account was just changed, and your other sessions were signed out.

                If this was not you, reset your password at once: %s
                """.formatted(user.displayName(), links.signIn()));
    }

    private void send(User user, String address, String template, String subject, String body) {
        outbox.enqueue(
                new OutgoingMail(user.id(), address, template, template + ":" + UUID.randomUUID(), subject, body));
    }
}
