package com.fairtradeworker.disputes;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResponseDue;
import com.fairtradeworker.timers.TimerHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Reminds the party who must respond to a dispute, a day (by default) before the response window closes: an event for
 * notifications and an audit row. Cancelled by a response or a withdrawal; a dispute no longer OPEN is left alone, and
 * so is one whose deadline has already passed (a poller that was down fires the late reminder first: no "respond by"
 * for a time gone by).
 */
@Component
class DisputeResponseReminder implements TimerHandler {

    static final String KIND = "DISPUTE_RESPONSE_REMINDER";

    private final DisputeRepository disputes;
    private final ContractsApi contracts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DisputeResponseReminder(
            DisputeRepository disputes,
            ContractsApi contracts,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.disputes = disputes;
        this.contracts = contracts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void onDue(UUID disputeId, Instant dueAt) {
        disputes.find(disputeId)
                .filter(dispute -> dispute.status() == DisputeStatus.OPEN)
                .filter(dispute -> clock.instant().isBefore(dispute.responseDueAt()))
                .ifPresent(dispute -> contracts.find(dispute.contractId()).ifPresent(contract -> {
                    UUID respondent = contract.otherParty(dispute.openedBy());
                    audit.record(AuditEntry.bySystem(KIND, "dispute", disputeId)
                            .with(Map.of(
                                    "contract",
                                    contract.id(),
                                    "respondent",
                                    respondent,
                                    "responseDueAt",
                                    dispute.responseDueAt().toString())));
                    events.publishEvent(
                            new DisputeResponseDue(disputeId, contract.id(), respondent, dispute.responseDueAt()));
                }));
    }
}
