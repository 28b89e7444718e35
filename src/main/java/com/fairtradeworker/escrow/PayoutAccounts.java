package com.fairtradeworker.escrow;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.profiles.PayoutAccount;
import com.fairtradeworker.profiles.ProfilesApi;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contractor connects the account their payouts go to (Stripe Connect Express with the Stripe adapter: the answer
 * carries the onboarding link; the simulated provider's accounts can receive payouts at once). As soon as the account
 * can receive payouts, every payout that waited for it becomes due.
 */
@Service
class PayoutAccounts {

    private final ProfilesApi profiles;
    private final PaymentProvider provider;
    private final PayoutProcessing payouts;
    private final AuditLog audit;
    private final String frontendUrl;

    PayoutAccounts(
            ProfilesApi profiles,
            PaymentProvider provider,
            PayoutProcessing payouts,
            AuditLog audit,
            @Value("${app.frontend-url}") String frontendUrl) {
        this.profiles = profiles;
        this.provider = provider;
        this.payouts = payouts;
        this.audit = audit;
        this.frontendUrl = frontendUrl;
    }

    @Transactional
    EscrowViews.PayoutAccountView connect(UUID contractorId) {
        String existing = profiles.payoutAccount(contractorId)
                .map(PayoutAccount::accountId)
                .orElse(null);
        URI settings = URI.create(frontendUrl + "/settings/payouts");
        PaymentProvider.PayoutAccountLink link = provider.payoutAccountLink(
                new PaymentProvider.PayoutAccountRequest(contractorId, existing, settings, settings));
        profiles.recordPayoutAccount(contractorId, link.accountId(), link.payoutsEnabled());
        audit.record(AuditEntry.byUser(contractorId, "PAYOUT_ACCOUNT_CONNECTED", "user", contractorId)
                .with(Map.of("payoutsEnabled", link.payoutsEnabled(), "provider", provider.name())));
        if (link.payoutsEnabled()) {
            payouts.accountReady(contractorId);
        }
        return new EscrowViews.PayoutAccountView(
                provider.name(),
                provider.simulated(),
                link.accountId(),
                link.onboardingUrl() == null ? null : link.onboardingUrl().toString(),
                link.payoutsEnabled());
    }
}
