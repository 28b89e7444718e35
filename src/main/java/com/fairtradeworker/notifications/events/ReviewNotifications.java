package com.fairtradeworker.notifications.events;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import com.fairtradeworker.reviews.ReviewEvents.ReviewPublished;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reviews: when a review becomes public, its subject hears that a review about them was published, and its author
 * that theirs is now visible. The review's text is not repeated in the message: it is read on the site.
 */
@Component
class ReviewNotifications {

    private final ContractsApi contracts;
    private final Messages messages;

    ReviewNotifications(ContractsApi contracts, Messages messages) {
        this.contracts = contracts;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(ReviewPublished event) {
        String title =
                contracts.find(event.contract()).map(ContractSnapshot::jobTitle).orElse("your job");
        String path = ContractNotifications.contractPath(event.contract());
        messages.send(new Message(
                event.subject(),
                NotificationGroup.REVIEWS,
                "reviews.published-about-you",
                event.review().toString(),
                "A review about you was published",
                """
                A review about your work together on "%s" was published: %d out of 5 stars. You can read it, and \
                reply to it once, on the contract's page.""".formatted(title, event.rating()),
                path,
                null));
        messages.send(new Message(
                event.author(),
                NotificationGroup.REVIEWS,
                "reviews.yours-published",
                event.review().toString(),
                "Your review for \"" + Messages.titleInSubject(title) + "\" is now public",
                """
                Your review for "%s" is now public%s.""".formatted(
                                title,
                                event.byRatingWindow()
                                        ? ", because the rating window closed"
                                        : ", together with the other party's review of you"),
                path,
                null));
    }
}
