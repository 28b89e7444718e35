package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.escrow.PaymentProvider;
import com.fairtradeworker.escrow.PaymentProvider.ProviderName;
import com.fairtradeworker.escrow.stripe.ReconciliationStore.Found;
import com.fairtradeworker.escrow.stripe.ReconciliationStore.Run;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reconciliation report for admins: the latest runs and the differences they found, newest first. */
@RestController
class ReconciliationController {

    record Report(
            ProviderName provider, boolean reconciled, Instant nextRunAt, List<Run> runs, List<Found> mismatches) {}

    private final ReconciliationStore store;
    private final PaymentProvider provider;
    private final DueTimers timers;

    ReconciliationController(ReconciliationStore store, PaymentProvider provider, DueTimers timers) {
        this.store = store;
        this.provider = provider;
        this.timers = timers;
    }

    @Operation(
            summary = "Reconciliation of the ledger with Stripe",
            description = "ADMIN. The latest daily runs (window, movements checked, mismatches) and the latest"
                    + " mismatches (kind, contract, journal transaction, Stripe id, our amount and Stripe's), newest"
                    + " first; limit 1 to 200 (default 50). Only Stripe is reconciled: with the simulated provider the"
                    + " lists stay empty.")
    @GetMapping("/api/admin/reconciliation")
    Report report(@RequestParam(name = "limit", defaultValue = "50") int limit) {
        int bounded = Math.max(1, Math.min(200, limit));
        return new Report(
                provider.name(),
                provider.unwrap(StripePaymentProvider.class).isPresent(),
                timers.find(StripeReconciliation.KIND, StripeReconciliation.SUBJECT)
                        .map(DueTimer::dueAt)
                        .orElse(null),
                store.recentRuns(Math.min(bounded, 30)),
                store.recentMismatches(bounded));
    }
}
