package com.fairtradeworker.profiles.personaldata;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.profiles.contractor.ContractorProfiles;
import com.fairtradeworker.profiles.homeowner.HomeownerProfiles;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Gathers a user's personal data in one transaction (one consistent snapshot) and audits the download. */
@Service
class PersonalDataExporter {

    private final IdentityApi identity;
    private final HomeownerProfiles homeowners;
    private final ContractorProfiles contractors;
    private final MarketplaceRecordsOfUser records;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    PersonalDataExporter(
            IdentityApi identity,
            HomeownerProfiles homeowners,
            ContractorProfiles contractors,
            MarketplaceRecordsOfUser records,
            AuditLog audit,
            JsonMapper json,
            Clock clock) {
        this.identity = identity;
        this.homeowners = homeowners;
        this.contractors = contractors;
        this.records = records;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    PersonalDataExport export(UUID userId) {
        AccountDetails account = identity.account(userId).orElseThrow(() -> new NotFoundException("user"));
        records.renderTimesInUtc();
        PersonalDataExport export = new PersonalDataExport(
                clock.instant(),
                account,
                homeowners.find(userId).orElse(null),
                contractors.find(userId).orElse(null),
                json.readTree(records.jobsPosted(userId)),
                json.readTree(records.bidsPlaced(userId)),
                json.readTree(records.contractsAsParty(userId)),
                json.readTree(records.disputeStatements(userId)),
                json.readTree(records.reviewsWritten(userId)),
                identity.sessions(userId));
        audit.record(AuditEntry.byUser(userId, "PERSONAL_DATA_EXPORTED", "user", userId));
        return export;
    }
}
