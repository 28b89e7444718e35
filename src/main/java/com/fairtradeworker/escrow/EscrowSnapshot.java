package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;
import java.util.UUID;

/** A contract's escrow as other modules see it. */
public record EscrowSnapshot(UUID contractId, EscrowStatus status, boolean frozen, Money held) {}
