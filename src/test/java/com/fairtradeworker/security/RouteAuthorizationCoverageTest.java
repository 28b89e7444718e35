package com.fairtradeworker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.TestAccounts;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Deny by default, proven over every route the running application serves: each route must be classified below (a
 * new route without a classification fails this test), and each is then called by an anonymous client, and the
 * role-restricted ones by a signed-in user without the role, expecting a refusal.
 */
@IntegrationTest
class RouteAuthorizationCoverageTest {

    enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Any signed-in user; object-level checks inside. */
        SIGNED_IN,
        /** Homeowners only. */
        HOMEOWNER,
        /** Contractors only. */
        CONTRACTOR,
        /** Admins only. */
        ADMIN
    }

    /** Every application route under /api/ and who may call it. Keep in step with the modules' RouteAuthorizations. */
    static final Map<String, Access> ROUTES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/auth/signup", Access.PUBLIC),
            Map.entry("POST /api/auth/email-verification", Access.PUBLIC),
            Map.entry("POST /api/auth/login", Access.PUBLIC),
            Map.entry("POST /api/auth/refresh", Access.PUBLIC),
            Map.entry("POST /api/auth/logout", Access.SIGNED_IN),
            Map.entry("POST /api/auth/password-reset", Access.PUBLIC),
            Map.entry("POST /api/auth/password-reset/confirmation", Access.PUBLIC),
            Map.entry("GET /api/me", Access.SIGNED_IN),
            Map.entry("GET /api/me/sessions", Access.SIGNED_IN),
            Map.entry("DELETE /api/me/sessions", Access.SIGNED_IN),
            Map.entry("DELETE /api/me/sessions/{sessionId}", Access.SIGNED_IN),
            Map.entry("PUT /api/me/password", Access.SIGNED_IN),
            Map.entry("POST /api/me/email-verification", Access.SIGNED_IN),
            Map.entry("POST /api/me/email", Access.SIGNED_IN),
            Map.entry("GET /api/admin/users", Access.ADMIN),
            Map.entry("POST /api/admin/users/{userId}/disable", Access.ADMIN),
            Map.entry("POST /api/admin/users/{userId}/enable", Access.ADMIN),
            Map.entry("GET /api/trades", Access.PUBLIC),
            Map.entry("GET /api/contractors/{contractorId}", Access.PUBLIC),
            // Own profiles: any signed-in user; a profile of the other role is "not yours" (404).
            Map.entry("GET /api/me/homeowner-profile", Access.SIGNED_IN),
            Map.entry("PUT /api/me/homeowner-profile", Access.SIGNED_IN),
            Map.entry("GET /api/me/contractor-profile", Access.SIGNED_IN),
            Map.entry("PUT /api/me/contractor-profile", Access.SIGNED_IN),
            Map.entry("POST /api/me/contractor-profile/verification", Access.SIGNED_IN),
            Map.entry("GET /api/me/personal-data", Access.SIGNED_IN),
            Map.entry("DELETE /api/me", Access.SIGNED_IN),
            Map.entry("GET /api/admin/contractor-verifications", Access.ADMIN),
            Map.entry("POST /api/admin/contractors/{contractorId}/verification", Access.ADMIN),
            Map.entry("GET /api/jobs", Access.PUBLIC),
            Map.entry("GET /api/jobs/{jobId}", Access.PUBLIC),
            Map.entry("POST /api/jobs", Access.HOMEOWNER),
            Map.entry("PUT /api/jobs/{jobId}", Access.HOMEOWNER),
            Map.entry("POST /api/jobs/{jobId}/publish", Access.HOMEOWNER),
            Map.entry("POST /api/jobs/{jobId}/cancel", Access.HOMEOWNER),
            Map.entry("GET /api/me/jobs", Access.HOMEOWNER),
            // Bids: who sees which bid is decided inside (own bid, the job's homeowner, admins; others 404).
            Map.entry("POST /api/jobs/{jobId}/bids", Access.CONTRACTOR),
            Map.entry("GET /api/jobs/{jobId}/bids", Access.SIGNED_IN),
            Map.entry("GET /api/bids/{bidId}", Access.SIGNED_IN),
            Map.entry("PUT /api/bids/{bidId}", Access.CONTRACTOR),
            Map.entry("POST /api/bids/{bidId}/withdraw", Access.CONTRACTOR),
            Map.entry("GET /api/bids/{bidId}/revisions", Access.SIGNED_IN),
            Map.entry("GET /api/me/bids", Access.SIGNED_IN),
            // Contracts: the two parties and admins read; only the homeowner accepts and cancels.
            Map.entry("POST /api/bids/{bidId}/accept", Access.HOMEOWNER),
            Map.entry("GET /api/contracts/{contractId}", Access.SIGNED_IN),
            Map.entry("GET /api/me/contracts", Access.SIGNED_IN),
            Map.entry("POST /api/contracts/{contractId}/cancel", Access.HOMEOWNER),
            // escrow
            Map.entry("POST /api/contracts/{contractId}/fund", Access.HOMEOWNER),
            Map.entry("GET /api/contracts/{contractId}/escrow", Access.SIGNED_IN),
            // The two parties (homeowner or contractor); admins are refused, others get 404 inside.
            Map.entry("POST /api/contracts/{contractId}/cancellation-proposal", Access.SIGNED_IN),
            Map.entry("DELETE /api/contracts/{contractId}/cancellation-proposal", Access.SIGNED_IN),
            Map.entry("POST /api/contracts/{contractId}/cancellation-proposal/accept", Access.SIGNED_IN),
            Map.entry("POST /api/me/payout-account", Access.CONTRACTOR),
            // disputes: the contract's two parties act (homeowner or contractor; admins 403, others 404 inside);
            // parties and admins read; only admins use the queue and resolve.
            Map.entry("POST /api/contracts/{contractId}/disputes", Access.SIGNED_IN),
            Map.entry("GET /api/contracts/{contractId}/disputes", Access.SIGNED_IN),
            Map.entry("GET /api/disputes/{disputeId}", Access.SIGNED_IN),
            Map.entry("POST /api/disputes/{disputeId}/response", Access.SIGNED_IN),
            Map.entry("POST /api/disputes/{disputeId}/statements", Access.SIGNED_IN),
            Map.entry("POST /api/disputes/{disputeId}/evidence", Access.SIGNED_IN),
            Map.entry("POST /api/disputes/{disputeId}/withdraw", Access.SIGNED_IN),
            Map.entry("GET /api/admin/disputes", Access.ADMIN),
            Map.entry("GET /api/admin/disputes/{disputeId}", Access.ADMIN),
            Map.entry("POST /api/admin/disputes/{disputeId}/resolution", Access.ADMIN),
            // completions: the contractor submits, the homeowner decides; parties and admins read (others 404 inside)
            Map.entry("POST /api/contracts/{contractId}/completion", Access.CONTRACTOR),
            Map.entry("POST /api/contracts/{contractId}/completion/approve", Access.HOMEOWNER),
            Map.entry("POST /api/contracts/{contractId}/completion/changes", Access.HOMEOWNER),
            Map.entry("GET /api/contracts/{contractId}/completions", Access.SIGNED_IN),
            Map.entry("GET /api/completions/{completionId}", Access.SIGNED_IN),
            Map.entry("GET /api/evidence/{evidenceId}", Access.SIGNED_IN),
            // Stripe: its webhook is public (the signature is checked inside: 400); the reconciliation is for admins.
            Map.entry("POST /api/webhooks/stripe", Access.PUBLIC),
            Map.entry("GET /api/admin/reconciliation", Access.ADMIN),
            // reviews: the contract's parties write (homeowner or contractor; admins 403, others 404 inside); parties
            // and admins read a contract's reviews; a user's published reviews are public; only admins hide.
            Map.entry("POST /api/contracts/{contractId}/review", Access.SIGNED_IN),
            Map.entry("GET /api/contracts/{contractId}/reviews", Access.SIGNED_IN),
            Map.entry("GET /api/users/{userId}/reviews", Access.PUBLIC),
            Map.entry("POST /api/reviews/{reviewId}/reply", Access.SIGNED_IN),
            Map.entry("POST /api/admin/reviews/{reviewId}/hide", Access.ADMIN),
            // admin: the audit log view and its CSV export
            Map.entry("GET /api/admin/audit-logs", Access.ADMIN),
            Map.entry("GET /api/admin/audit-logs/export.csv", Access.ADMIN),
            // notifications: the caller's own preferences and phone verification
            Map.entry("GET /api/me/notification-preferences", Access.SIGNED_IN),
            Map.entry("PUT /api/me/notification-preferences", Access.SIGNED_IN),
            Map.entry("POST /api/me/phone-verification", Access.SIGNED_IN),
            Map.entry("POST /api/me/phone-verification/confirm", Access.SIGNED_IN)));

    /** Routes that exist only in the test context, to exercise platform behaviour. */
    private static final Set<String> TEST_ONLY_PREFIXES = Set.of("/api/test-");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Test
    void everyRouteIsClassified() {
        Set<String> served = servedRoutes();

        assertThat(served).as("routes without a classification in ROUTES").isSubsetOf(ROUTES.keySet());
        assertThat(ROUTES.keySet())
                .as("classified routes the application no longer serves")
                .isSubsetOf(served);
    }

    @Test
    void anonymousCallersAreRefusedEverywhereButThePublicRoutes() {
        ROUTES.forEach((route, access) -> {
            int status = call(route, null);
            if (access == Access.PUBLIC) {
                assertThat(status).as(route).isNotIn(401, 403);
            } else {
                assertThat(status).as(route).isEqualTo(401);
            }
        });
    }

    @Test
    void signedInUsersWithoutTheRoleAreRefused() {
        String homeowner = accounts.verifiedUser("HOMEOWNER").accessToken();
        String contractor = accounts.verifiedUser("CONTRACTOR").accessToken();

        ROUTES.forEach((route, access) -> {
            switch (access) {
                case ADMIN -> {
                    // The admin area does not exist for anyone else: 404, as for a path under it that nothing serves.
                    int hidden = route.contains(" /api/admin/") ? 404 : 403;
                    assertThat(call(route, homeowner)).as(route).isEqualTo(hidden);
                    assertThat(call(route, contractor)).as(route).isEqualTo(hidden);
                }
                case HOMEOWNER -> assertThat(call(route, contractor)).as(route).isEqualTo(403);
                case CONTRACTOR -> assertThat(call(route, homeowner)).as(route).isEqualTo(403);
                default -> {}
            }
        });
    }

    private Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().forEach(pattern -> {
                    if (pattern.startsWith("/api/")
                            && TEST_ONLY_PREFIXES.stream().noneMatch(pattern::startsWith)) {
                        info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> routes.add(method.name() + " " + pattern));
                    }
                }));
        return routes;
    }

    private int call(String route, String accessToken) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        ApiClient.Request request = switch (method) {
            case "GET" -> api.get(path);
            case "POST" -> api.post(path).json("{}");
            case "PUT" -> api.put(path).json("{}");
            case "PATCH" -> api.patch(path).json("{}");
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(route);
        };
        if (accessToken != null) {
            request.bearer(accessToken);
        }
        return request.send().status();
    }
}
