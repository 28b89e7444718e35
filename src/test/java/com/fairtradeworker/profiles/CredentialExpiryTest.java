package com.fairtradeworker.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.profiles.contractor.Credential;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import com.fairtradeworker.support.TestAccounts;
import com.fairtradeworker.support.TestAccounts.SignedIn;
import com.fairtradeworker.support.TestMailServer;
import com.fairtradeworker.timers.DueTimers;
import com.fairtradeworker.timers.TimerPoller;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The badge runs on the credentials' clocks: reminders 30 and 7 days ahead, and the drop at expiry. */
@IntegrationTest
class CredentialExpiryTest {

    @Autowired
    ApiClient api;

    @Autowired
    TestAccounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    TimerPoller poller;

    @Autowired
    DueTimers timers;

    @Autowired
    DatabaseRoles db;

    LocalDate today;

    @BeforeEach
    void pinClock() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        clock.pinAt(start);
        today = LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    ProfileSteps steps() {
        return new ProfileSteps(api);
    }

    @Test
    void theBadgeDropsWhenTheClockPassesTheLicenceExpiry() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        steps().verifiedContractor(contractor, accounts.admin(), today.plusDays(10), today.plusDays(200));
        Instant expiry = Credential.expiryMoment(today.plusDays(10));

        clock.pinAt(expiry.minusSeconds(1));
        poller.fireDue();
        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .as("valid through its last day")
                .isTrue();

        clock.pinAt(expiry);
        poller.fireDue();

        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .isFalse();
        assertThat(db.owner()
                        .sql("SELECT verification_status, verification_note FROM contractor_profiles WHERE user_id = ?")
                        .param(contractor.userId())
                        .query()
                        .singleRow())
                .containsEntry("verification_status", "UNVERIFIED")
                .containsEntry("verification_note", "Your licence expired on " + today.plusDays(10) + ".");
        assertThat(db.owner()
                        .sql("""
                                SELECT count(*) FROM audit_logs
                                 WHERE action = 'CONTRACTOR_BADGE_EXPIRED' AND entity_id = ? AND actor_id IS NULL
                                """)
                        .param(contractor.userId().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(subjects(contractor.email())).contains("Your verification badge was removed");
    }

    @Test
    void anExpiredInsuranceDropsTheBadgeToo() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        steps().verifiedContractor(contractor, accounts.admin(), today.plusDays(300), today.plusDays(3));

        clock.pinAt(Credential.expiryMoment(today.plusDays(3)).plusSeconds(5));
        poller.fireDue();

        assertThat(steps().publicProfile(contractor.userId()).get("verified").asBoolean())
                .isFalse();
    }

    @Test
    void theContractorIsRemindedThirtyAndSevenDaysBeforeAnExpiry() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        LocalDate licenceExpiresOn = today.plusDays(40);
        steps().submitForVerification(contractor, licenceExpiresOn, today.plusDays(400));
        Instant expiry = Credential.expiryMoment(licenceExpiresOn);

        clock.pinAt(expiry.minus(Duration.ofDays(30)).minusSeconds(60));
        poller.fireDue();
        assertThat(subjects(contractor.email())).noneMatch(subject -> subject.contains("expires in"));

        clock.pinAt(expiry.minus(Duration.ofDays(30)));
        poller.fireDue();
        poller.fireDue();
        assertThat(subjects(contractor.email())).containsOnlyOnce("Your licence expires in 30 days");
        String reminder = textOfLast(contractor.email());
        assertThat(reminder).contains(licenceExpiresOn.toString()).contains("/contractor/profile");

        clock.pinAt(expiry.minus(Duration.ofDays(7)));
        poller.fireDue();
        assertThat(subjects(contractor.email()))
                .containsOnlyOnce("Your licence expires in 30 days")
                .containsOnlyOnce("Your licence expires in 7 days")
                .noneMatch(subject -> subject.contains("insurance"));
    }

    @Test
    void aPollerBackAfterTheExpiryDropsTheBadgeWithoutLateReminders() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        LocalDate licenceExpiresOn = today.plusDays(40);
        steps().verifiedContractor(contractor, accounts.admin(), licenceExpiresOn, today.plusDays(400));

        clock.pinAt(Credential.expiryMoment(licenceExpiresOn).plusSeconds(5)); // down through both reminders
        poller.fireDue();

        assertThat(subjects(contractor.email()))
                .noneMatch(subject -> subject.contains("expires in"))
                .contains("Your verification badge was removed");
    }

    @Test
    void aNewExpiryDateMovesTheClocks() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        LocalDate first = today.plusDays(40);
        LocalDate renewed = today.plusDays(400);
        steps().submitForVerification(contractor, first, today.plusDays(400));
        steps().submitForVerification(contractor, renewed, today.plusDays(400));

        clock.pinAt(Credential.expiryMoment(first).minus(Duration.ofDays(30)));
        poller.fireDue();

        assertThat(subjects(contractor.email())).noneMatch(subject -> subject.contains("expires in"));
        assertThat(timers.find("CONTRACTOR_LICENCE_REMINDER_30D", contractor.userId()))
                .hasValueSatisfying(timer -> assertThat(timer.dueAt())
                        .isEqualTo(Credential.expiryMoment(renewed).minus(Duration.ofDays(30))));
        assertThat(timers.find("CONTRACTOR_LICENCE_EXPIRES", contractor.userId()))
                .hasValueSatisfying(timer -> assertThat(timer.dueAt()).isEqualTo(Credential.expiryMoment(renewed)));
    }

    @Test
    void anAdminCannotVerifyASubmissionWhoseLicenceLapsedWhileItWaited() {
        SignedIn contractor = accounts.verifiedUser("CONTRACTOR");
        SignedIn admin = accounts.admin();
        steps().submitForVerification(contractor, today.plusDays(2), today.plusDays(400));

        clock.pinAt(Credential.expiryMoment(today.plusDays(2)).plus(Duration.ofHours(1)));
        SignedIn adminNow = accounts.login(admin.email(), admin.password());
        Response response = steps().decide(adminNow, contractor.userId(), "VERIFIED", null);

        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json().get("missing").get(0).asString()).isEqualTo("licence");
    }

    private List<String> subjects(String email) {
        return accounts.mailTo(email).stream()
                .map(CredentialExpiryTest::subject)
                .toList();
    }

    private String textOfLast(String email) {
        List<MimeMessage> messages = accounts.mailTo(email);
        return TestMailServer.textOf(messages.get(messages.size() - 1));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
