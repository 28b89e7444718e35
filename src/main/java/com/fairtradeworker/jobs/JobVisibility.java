package com.fairtradeworker.jobs;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Who sees how much of a job (domain guide, "Visibility"): open jobs are public, anonymous visitors get a summary
 * without the exact address; a job that is not open is seen by its homeowner and admins in full, by the awarded
 * contractor in full, by other contractors who bid as a status only, and by nobody else (404).
 */
@Component
class JobVisibility {

    enum View {
        FULL,
        SUMMARY,
        STATUS_ONLY,
        NONE
    }

    private final BidPresence bids;

    JobVisibility(BidPresence bids) {
        this.bids = bids;
    }

    View of(Job job, AuthenticatedUser viewer) {
        if (viewer != null && (viewer.is(Role.ADMIN) || viewer.userId().equals(job.homeownerId()))) {
            return View.FULL;
        }
        if (job.status() == JobStatus.OPEN) {
            return viewer == null ? View.SUMMARY : View.FULL;
        }
        if (viewer == null || !viewer.is(Role.CONTRACTOR) || job.status() == JobStatus.DRAFT) {
            return View.NONE;
        }
        if (bids.isAwardedContractor(job.id(), viewer.userId())) {
            return View.FULL;
        }
        return bids.hasBid(job.id(), viewer.userId()) ? View.STATUS_ONLY : View.NONE;
    }
}
