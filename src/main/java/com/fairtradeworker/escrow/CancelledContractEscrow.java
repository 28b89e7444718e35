package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractEvents.ContractCancelled;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * UNFUNDED -> CANCELLED with its contract, in the cancellation's own transaction (the contract is already locked). A
 * payment that still succeeds later is refunded at once (see {@link EscrowMovements#recordPaymentOutcome}).
 */
@Component
class CancelledContractEscrow {

    private final EscrowRepository escrows;
    private final Clock clock;

    CancelledContractEscrow(EscrowRepository escrows, Clock clock) {
        this.escrows = escrows;
        this.clock = clock;
    }

    @EventListener
    void on(ContractCancelled cancelled) {
        escrows.lock(cancelled.contract())
                .filter(escrow -> escrow.status() == EscrowStatus.UNFUNDED)
                .ifPresent(escrow -> {
                    Instant now = clock.instant();
                    escrows.update(escrow.cancelled(now), now);
                });
    }
}
