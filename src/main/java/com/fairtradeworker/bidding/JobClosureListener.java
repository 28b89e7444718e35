package com.fairtradeworker.bidding;

import com.fairtradeworker.bidding.BiddingEvents.RejectionReason;
import com.fairtradeworker.jobs.JobEvents.JobCancelled;
import com.fairtradeworker.jobs.JobEvents.JobExpired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A cancelled or expired job takes no more bids and will accept none: its SUBMITTED bids become REJECTED. Synchronous,
 * so the rejections commit or roll back with the job's own change (jobs may not call bidding, so it tells by event).
 */
@Component
class JobClosureListener {

    private final BidRejections rejections;

    JobClosureListener(BidRejections rejections) {
        this.rejections = rejections;
    }

    @EventListener
    void on(JobCancelled cancelled) {
        rejections.rejectSubmitted(cancelled.job(), null, RejectionReason.JOB_CANCELLED, null);
    }

    @EventListener
    void on(JobExpired expired) {
        rejections.rejectSubmitted(expired.job(), null, RejectionReason.JOB_EXPIRED, null);
    }
}
