package com.fairtradeworker.profiles.personaldata;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.ErasedAccount;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.notifications.MailOutbox;
import com.fairtradeworker.profiles.AccountDeleted;
import com.fairtradeworker.profiles.contractor.ContractorProfiles;
import com.fairtradeworker.profiles.homeowner.HomeownerProfiles;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user deletes their account. Refused, naming what is open, while a contract, dispute or payout of theirs is still
 * in flight. Otherwise, in one transaction: their profiles lose everything personal, their credential clocks stop,
 * the account keeps only its id under a pseudonym (sessions end), mails to them lose address and content, later
 * modules erase what they own on {@link AccountDeleted}, and the deletion is audited. Contracts, the ledger and the
 * audit log stay as they are: see docs/personal-data.md.
 */
@Service
class AccountDeletion {

    private final IdentityApi identity;
    private final DeletionBlockers blockers;
    private final HomeownerProfiles homeowners;
    private final ContractorProfiles contractors;
    private final MailOutbox mail;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    AccountDeletion(
            IdentityApi identity,
            DeletionBlockers blockers,
            HomeownerProfiles homeowners,
            ContractorProfiles contractors,
            MailOutbox mail,
            ApplicationEventPublisher events,
            AuditLog audit) {
        this.identity = identity;
        this.blockers = blockers;
        this.homeowners = homeowners;
        this.contractors = contractors;
        this.mail = mail;
        this.events = events;
        this.audit = audit;
    }

    @Transactional
    void delete(UUID userId) {
        // The row lock makes a contract being created for this user (its foreign key locks the row) wait for us, or
        // us wait for it, so the check below sees every contract that can still appear.
        AccountDetails account = identity.lockAccount(userId);
        if (account.role() == Role.ADMIN) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Admin accounts are removed by operators.");
        }
        refuseWhileOpen(blockers.of(userId));
        homeowners.erase(userId);
        contractors.erase(userId);
        ErasedAccount erased = identity.eraseAccount(userId);
        int mailsErased = mail.eraseRecipient(userId, erased.formerEmails(), erased.pseudonymousEmail());
        events.publishEvent(new AccountDeleted(userId));
        audit.record(AuditEntry.byUser(userId, "ACCOUNT_DELETED", "user", userId)
                .with(Map.of("sessionsEnded", erased.sessionsEnded(), "mailsErased", mailsErased)));
    }

    private static void refuseWhileOpen(List<DeletionBlockers.Blocker> open) {
        if (open.isEmpty()) {
            return;
        }
        Map<DeletionBlockers.Kind, List<Map<String, Object>>> byKind = open.stream()
                .collect(Collectors.groupingBy(
                        DeletionBlockers.Blocker::kind,
                        () -> new EnumMap<>(DeletionBlockers.Kind.class),
                        Collectors.mapping(
                                blocker -> Map.<String, Object>of("id", blocker.id(), "status", blocker.status()),
                                Collectors.toList())));
        String summary = byKind.entrySet().stream()
                .map(entry -> entry.getKey().describe(entry.getValue().size()))
                .collect(Collectors.joining(", "));
        throw new ProblemException(
                ProblemType.ACCOUNT_DELETION_BLOCKED,
                "Your account cannot be deleted while a contract, dispute or payout of yours is open: " + summary
                        + ". Try again once they have ended.",
                Map.of("open", byKind));
    }
}
