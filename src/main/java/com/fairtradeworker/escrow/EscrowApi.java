package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What completions and disputes ask of escrow. Each call joins the caller's transaction and locks the contract, then
 * the escrow; the contract ends with the escrow's outcome in the same transaction. Never reachable from a
 * contractor's request: release follows approval, the approval clock or a dispute decision.
 */
@Service
public class EscrowApi {

    private final EscrowMovements movements;
    private final EscrowRepository escrows;

    EscrowApi(EscrowMovements movements, EscrowRepository escrows) {
        this.movements = movements;
        this.escrows = escrows;
    }

    public Optional<EscrowSnapshot> escrow(UUID contractId) {
        return escrows.find(contractId)
                .map(escrow -> new EscrowSnapshot(contractId, escrow.status(), escrow.frozen(), escrow.held()));
    }

    /** Everything held goes to the contractor, less the platform fee. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EscrowExited release(UUID contractId, ExitCause cause, UUID actorId) {
        return movements.exit(contractId, null, cause, actorId);
    }

    /** Everything held goes back to the payer; no fee. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EscrowExited refund(UUID contractId, ExitCause cause, UUID actorId) {
        Money held = escrow(contractId).map(EscrowSnapshot::held).orElse(null);
        return movements.exit(contractId, held == null ? null : new Money(0, held.currency()), cause, actorId);
    }

    /**
     * {@code toContractor} (more than zero, less than held) to the contractor, less the fee on that part; the rest back
     * to the payer; one journal transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EscrowExited split(UUID contractId, Money toContractor, ExitCause cause, UUID actorId) {
        Money held = escrow(contractId).map(EscrowSnapshot::held).orElse(null);
        if (held != null
                && (!held.currency().equals(toContractor.currency())
                        || toContractor.amountMinor() <= 0
                        || toContractor.amountMinor() >= held.amountMinor())) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "A split gives the contractor more than zero and less than the " + held.amountMinor() + " "
                            + held.currency() + " held; use release or refund for all of it.",
                    Map.of("heldMinor", held.amountMinor()));
        }
        return movements.exit(contractId, toContractor, cause, actorId);
    }

    /** A dispute opened: no release or refund except through its resolution. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void freeze(UUID contractId, UUID actorId) {
        movements.setFrozen(contractId, true, actorId);
    }

    /** The dispute was withdrawn. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void unfreeze(UUID contractId, UUID actorId) {
        movements.setFrozen(contractId, false, actorId);
    }
}
