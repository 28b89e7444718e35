package com.fairtradeworker.notifications.events;

import com.fairtradeworker.bidding.BiddingEvents.BidAccepted;
import com.fairtradeworker.bidding.BiddingEvents.BidRejected;
import com.fairtradeworker.bidding.BiddingEvents.BidSubmitted;
import com.fairtradeworker.jobs.JobEvents.JobExpired;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Bids: a new bid to the job's homeowner (never its amount or anything of the other bids: bidding is blind), the
 * decision on a bid to its contractor, and a job that expired without an accepted bid to its homeowner.
 */
@Component
class BiddingNotifications {

    private final JobsApi jobs;
    private final Messages messages;

    BiddingNotifications(JobsApi jobs, Messages messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(BidSubmitted event) {
        jobs.find(event.job())
                .ifPresent(job -> messages.send(new Message(
                        job.homeownerId(),
                        NotificationGroup.BIDS,
                        "bidding.bid-received",
                        event.bid().toString(),
                        "New bid on \"" + Messages.titleInSubject(job.title()) + "\"",
                        """
                A contractor placed a bid on your job "%s".

                Open the job to compare the bids you have received and their terms, and accept the one you choose.""".formatted(job.title()),
                        jobPath(job.id()),
                        "FairTradeWorker: new bid on \"" + Messages.titleInSms(job.title()) + "\".")));
    }

    @ApplicationModuleListener
    void on(BidAccepted event) {
        jobs.find(event.job())
                .ifPresent(job -> messages.send(new Message(
                        event.contractor(),
                        NotificationGroup.BIDS,
                        "bidding.bid-accepted",
                        event.bid().toString(),
                        "Your bid on \"" + Messages.titleInSubject(job.title()) + "\" was accepted",
                        """
                Good news: the homeowner accepted your bid on "%s". The contract now waits for the homeowner to fund \
                escrow; we will tell you as soon as the money is held and the work can start.""".formatted(job.title()),
                        jobPath(job.id()),
                        "FairTradeWorker: your bid on \"" + Messages.titleInSms(job.title()) + "\" was accepted.")));
    }

    @ApplicationModuleListener
    void on(BidRejected event) {
        jobs.find(event.job())
                .ifPresent(job -> messages.send(new Message(
                        event.contractor(),
                        NotificationGroup.BIDS,
                        "bidding.bid-rejected",
                        event.bid().toString(),
                        "Your bid on \"" + Messages.titleInSubject(job.title()) + "\" was not accepted",
                        """
                Your bid on "%s" was not accepted: %s""".formatted(job.title(), why(event.reason())),
                        jobPath(job.id()),
                        null)));
    }

    @ApplicationModuleListener
    void on(JobExpired event) {
        jobs.find(event.job()).ifPresent(job -> messages.send(expired(job)));
    }

    private static Message expired(JobSnapshot job) {
        return new Message(
                job.homeownerId(),
                NotificationGroup.BIDS,
                "jobs.job-expired",
                job.id().toString(),
                "Your job \"" + Messages.titleInSubject(job.title()) + "\" expired",
                """
                Your job "%s" expired: no bid was accepted in time. Its bids are closed. You can post the job again \
                whenever you like.""".formatted(job.title()),
                jobPath(job.id()),
                null);
    }

    private static String why(com.fairtradeworker.bidding.BiddingEvents.RejectionReason reason) {
        return switch (reason) {
            case ANOTHER_BID_ACCEPTED -> "the homeowner accepted another bid. Thank you for bidding.";
            case JOB_CANCELLED -> "the homeowner cancelled the job.";
            case JOB_EXPIRED -> "the job expired before any bid was accepted.";
        };
    }

    private static String jobPath(UUID job) {
        return "/jobs/" + job;
    }
}
