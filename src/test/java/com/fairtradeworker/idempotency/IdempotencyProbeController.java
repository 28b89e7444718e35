package com.fairtradeworker.idempotency;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.platform.RouteAuthorizations;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A money-moving route that exists only in the test context, written the way real controllers use {@link
 * IdempotentRequests}. Each run counts itself (per {@code note}, which tests make unique) and writes an audit row in
 * the action's transaction, so tests see both how often the action ran and which of its runs committed. Tests can make
 * the next run of a note wait on a latch or fail.
 */
@RestController
@RequestMapping("/api/test-idempotency")
class IdempotencyProbeController {

    static final String ACTION = "IDEMPOTENCY_PROBE_CHARGED";

    record Charge(long amountMinor, String note) {}

    record ChargeView(UUID id, long amountMinor, String note, int run) {}

    /** A body the JSON mapper fails on. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("this body cannot be written");
        }
    }

    /** Holds the next run of a note: {@code entered} opens when it runs, it goes on once {@code release} opens. */
    record Hold(CountDownLatch entered, CountDownLatch release) {}

    private final IdempotentRequests idempotent;
    private final AuditLog audit;
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> unstorable = new ConcurrentHashMap<>();

    IdempotencyProbeController(IdempotentRequests idempotent, AuditLog audit) {
        this.idempotent = idempotent;
        this.audit = audit;
    }

    @PostMapping("/charges")
    ResponseEntity<?> charge(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody Charge charge,
            HttpServletRequest http) {
        return idempotent.execute(
                IdempotentRequest.of(user.userId(), key, http, charge), () -> run(user.userId(), charge));
    }

    /** A refusal answered as a response rather than thrown: stored and replayed like any other. */
    @PostMapping("/declines")
    ResponseEntity<?> decline(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            HttpServletRequest http) {
        return idempotent.execute(IdempotentRequest.of(user.userId(), key, http, null), () -> {
            runs.computeIfAbsent("declines:" + user.userId(), note -> new AtomicInteger())
                    .incrementAndGet();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, "Card declined.");
            problem.setProperty("declineCode", "insufficient_funds");
            return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
        });
    }

    int runs(String note) {
        AtomicInteger count = runs.get(note);
        return count == null ? 0 : count.get();
    }

    Hold holdNextRun(String note) {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        holds.put(note, hold);
        return hold;
    }

    void failNextRun(String note, RuntimeException failure) {
        failures.put(note, failure);
    }

    /** The next run of the note answers with a body that cannot be written as JSON. */
    void answerUnstorablyNextRun(String note) {
        unstorable.put(note, true);
    }

    private ResponseEntity<?> run(UUID userId, Charge charge) {
        int run =
                runs.computeIfAbsent(charge.note(), note -> new AtomicInteger()).incrementAndGet();
        UUID id = UUID.randomUUID();
        audit.record(AuditEntry.byUser(userId, ACTION, "probe_charge", id).with(Map.of("note", charge.note())));
        Hold hold = holds.remove(charge.note());
        if (hold != null) {
            hold.entered().countDown();
            await(hold.release());
        }
        RuntimeException failure = failures.remove(charge.note());
        if (failure != null) {
            throw failure;
        }
        if (unstorable.remove(charge.note()) != null) {
            return ResponseEntity.ok(new Unwritable());
        }
        return ResponseEntity.created(URI.create("/api/test-idempotency/charges/" + id))
                .body(new ChargeView(id, charge.amountMinor(), charge.note(), run));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never released the held run");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signed-in users only, as the real money routes; the coverage test skips {@code /api/test-} routes. */
    @Component
    static class Routes implements RouteAuthorizations {

        @Override
        public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
            routes.requestMatchers("/api/test-idempotency/**").authenticated();
        }
    }
}
