package com.fairtradeworker.profiles.personaldata;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.IdentityApi;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's own personal data: download all of it, or delete the account. */
@RestController
class PersonalDataController {

    private final PersonalDataExporter exporter;
    private final AccountDeletion deletion;
    private final IdentityApi identity;

    PersonalDataController(PersonalDataExporter exporter, AccountDeletion deletion, IdentityApi identity) {
        this.exporter = exporter;
        this.deletion = deletion;
        this.identity = identity;
    }

    /** The account's current password: a stolen session alone cannot delete the account. */
    record DeleteAccountRequest(@NotNull @Size(max = 1024) String currentPassword) {}

    @Operation(
            summary = "Download all my personal data (JSON)",
            description = "Any signed-in user (HOMEOWNER, CONTRACTOR, ADMIN); only their own data: account, profiles,"
                    + " jobs, bids, contracts, dispute statements, reviews they wrote and sessions. Audited.")
    @GetMapping("/api/me/personal-data")
    ResponseEntity<PersonalDataExport> export(@AuthenticationPrincipal AuthenticatedUser user) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"fairtradeworker-personal-data.json\"")
                .body(exporter.export(user.userId()));
    }

    @Operation(
            summary = "Delete my account",
            description = "HOMEOWNER or CONTRACTOR (admins: 403, operators remove them), with the account's current"
                    + " password ({currentPassword}; wrong: 401 invalid-credentials, audited, 10 tries per 15 minutes)."
                    + " Refused with 409 account-deletion-blocked, listing what is open, while a contract, dispute or"
                    + " payout of theirs is open. Otherwise personal data is erased or pseudonymised and every session"
                    + " ends; contracts, the ledger and the audit log are kept (docs/personal-data.md).")
    @DeleteMapping("/api/me")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody DeleteAccountRequest request) {
        identity.confirmPassword(user.userId(), request.currentPassword());
        deletion.delete(user.userId());
    }
}
