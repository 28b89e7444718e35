package com.fairtradeworker.notifications;

import java.util.Optional;

/**
 * What a user can switch on or off, per channel. Account and security messages (address verification, password reset,
 * e-mail change, phone codes) belong to no group: nobody can switch them off.
 *
 * <p>E-mail is on by default for every group. SMS is on by default only where a deadline runs (funding, the approval
 * window, a dispute's response clock) and money moves, and only ever reaches a verified phone number.
 */
public enum NotificationGroup {
    BIDS("New bids on my jobs; my bids accepted or rejected; my job expired", false),
    CONTRACTS("A contract waiting for funding, or cancelled before funding", true),
    PAYMENTS("Escrow funded, money released or refunded, payouts", true),
    COMPLETIONS("Work submitted for approval, changes requested, the automatic-approval reminder", true),
    DISPUTES("Disputes opened, responses due and given, decisions", true),
    REVIEWS("Reviews published about me or by the other party", false),
    CREDENTIALS("My licence or insurance expiring, and the verification badge it carries", false);

    private final String description;
    private final boolean smsByDefault;

    NotificationGroup(String description, boolean smsByDefault) {
        this.description = description;
        this.smsByDefault = smsByDefault;
    }

    public String description() {
        return description;
    }

    public boolean enabledByDefault(Channel channel) {
        return channel == Channel.EMAIL || smsByDefault;
    }

    /**
     * The group of a mail another module enqueues directly through {@link MailOutbox}, by its template: the credential
     * reminders of the profiles module. Every other such mail (the account and security mails) has none and is always
     * sent.
     */
    static Optional<NotificationGroup> ofDirectMailTemplate(String template) {
        return switch (template) {
            case "profiles.credential-reminder", "profiles.badge-expired" -> Optional.of(CREDENTIALS);
            default -> Optional.empty();
        };
    }
}
