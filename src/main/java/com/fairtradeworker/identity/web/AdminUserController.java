package com.fairtradeworker.identity.web;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.account.AccountAdministration;
import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserStatus;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins list accounts and disable or re-enable them. */
@RestController
@RequestMapping("/api/admin/users")
class AdminUserController {

    private final AccountAdministration administration;

    AdminUserController(AccountAdministration administration) {
        this.administration = administration;
    }

    record UserSummary(
            UUID id,
            String email,
            String displayName,
            Role role,
            UserStatus status,
            boolean emailVerified,
            Instant createdAt) {

        static UserSummary of(User user) {
            return new UserSummary(
                    user.id(),
                    user.email(),
                    user.displayName(),
                    user.role(),
                    user.status(),
                    user.emailVerified(),
                    user.createdAt());
        }
    }

    record UserPage(List<UserSummary> items, String nextCursor) {}

    record DisableRequest(@Size(max = 500) String reason) {}

    @Operation(
            summary = "List accounts, newest first",
            description = "ADMIN only. Keyset pagination: pass nextCursor" + " back as cursor.")
    @GetMapping
    UserPage list(
            @RequestParam(defaultValue = "50") @Min(1) @Max(AccountAdministration.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        Cursor after = Cursor.parse(cursor);
        List<User> users = administration.page(after.createdAt(), after.id(), limit + 1);
        boolean more = users.size() > limit;
        List<User> page = more ? users.subList(0, limit) : users;
        String next = more ? Cursor.of(page.get(page.size() - 1)) : null;
        return new UserPage(page.stream().map(UserSummary::of).toList(), next);
    }

    @Operation(summary = "Disable an account", description = "ADMIN only. Its sessions end at once.")
    @PostMapping("/{userId}/disable")
    UserSummary disable(
            @AuthenticationPrincipal AuthenticatedUser admin,
            @PathVariable UUID userId,
            @Valid @RequestBody(required = false) DisableRequest request) {
        return UserSummary.of(
                administration.disable(admin.userId(), userId, request == null ? null : request.reason()));
    }

    @Operation(summary = "Re-enable an account", description = "ADMIN only.")
    @PostMapping("/{userId}/enable")
    UserSummary enable(@AuthenticationPrincipal AuthenticatedUser admin, @PathVariable UUID userId) {
        return UserSummary.of(administration.enable(admin.userId(), userId));
    }

    /** An opaque cursor: the last row's creation time and id. */
    record Cursor(Instant createdAt, UUID id) {

        static Cursor parse(String value) {
            if (value == null || value.isBlank()) {
                return new Cursor(null, null);
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "The cursor is not valid.");
            }
        }

        static String of(User user) {
            String raw = user.createdAt() + "|" + user.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }
}
