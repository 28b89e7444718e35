package com.fairtradeworker.notifications;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves that a user holds the phone number on their account, before any notification goes to it by SMS: a six-digit
 * code sent by SMS to that number, valid for {@link #CODE_LIFETIME}, stored only as an HMAC, dead after
 * {@value #MAX_WRONG_GUESSES} wrong guesses. Sending and confirming also count against the platform's brute-force limit
 * ({@link AttemptLimiter}: per account and per client IP), and a new code can be asked for once a minute.
 */
@Service
public class PhoneVerification {

    public static final String SEND_ACTION = "phone-code-send";
    public static final String CONFIRM_ACTION = "phone-code-confirm";
    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration RESEND_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_WRONG_GUESSES = 5;
    static final String TEMPLATE = "notifications.phone-code";

    /** Where the code went (the number masked) and until when it is valid. */
    public record CodeSent(String maskedPhone, Instant expiresAt) {}

    /** The account's number, masked, and whether it is verified; {@code maskedPhone} is null without a number. */
    public record PhoneStatus(String maskedPhone, boolean verified) {}

    private enum Outcome {
        VERIFIED,
        WRONG,
        NO_VALID_CODE,
        NUMBER_CHANGED
    }

    private final UserPhones phones;
    private final PhoneCodes codes;
    private final PhoneCodeHasher hasher;
    private final SmsOutbox sms;
    private final AttemptLimiter limiter;
    private final Clock clock;
    private final TransactionTemplate transaction;

    PhoneVerification(
            UserPhones phones,
            PhoneCodes codes,
            PhoneCodeHasher hasher,
            SmsOutbox sms,
            AttemptLimiter limiter,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.phones = phones;
        this.codes = codes;
        this.hasher = hasher;
        this.sms = sms;
        this.limiter = limiter;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public PhoneStatus status(UUID userId) {
        return phones.of(userId)
                .map(phone -> new PhoneStatus(mask(phone.number()), phone.verified()))
                .orElse(new PhoneStatus(null, false));
    }

    /**
     * Sends a new code to the account's number, replacing any earlier code. Call it from the web request (the limit
     * counts the client IP).
     */
    @Transactional
    public CodeSent sendCode(UUID userId) {
        limiter.checkAndConsume(SEND_ACTION, userId.toString());
        UserPhones.Phone phone = phones.of(userId)
                .orElseThrow(() ->
                        new ProblemException(ProblemType.STATE_CONFLICT, "Add a phone number to your profile first."));
        if (phone.verified()) {
            throw new ProblemException(ProblemType.STATE_CONFLICT, "This phone number is already verified.");
        }
        Instant now = clock.instant();
        Optional<Instant> resendAt = codes.find(userId)
                .filter(code -> code.phone().equals(phone.number()))
                .map(code -> code.createdAt().plus(RESEND_INTERVAL))
                .filter(earliest -> earliest.isAfter(now));
        if (resendAt.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, resendAt.get()).toSeconds());
            throw new RateLimitedException("A code was sent a moment ago. Wait a minute before asking again.", seconds);
        }
        String code = hasher.newCode();
        Instant expiresAt = now.plus(CODE_LIFETIME);
        codes.replace(userId, phone.number(), hasher.hash(userId, phone.number(), code), expiresAt, now);
        sms.enqueue(new OutgoingSms(
                userId,
                phone.number(),
                TEMPLATE,
                TEMPLATE + ":" + UUID.randomUUID(),
                "Your FairTradeWorker code is " + code + ". It expires in 10 minutes. Never share it with anyone."));
        return new CodeSent(mask(phone.number()), expiresAt);
    }

    /**
     * Checks a code; on success the number is verified and the code is gone. A wrong guess is counted (and kept, even
     * though the request fails), so the code dies after {@value #MAX_WRONG_GUESSES} of them.
     *
     * @throws ProblemException {@code INVALID_TOKEN} for a wrong, expired or used-up code, or a number that changed
     */
    public void confirm(UUID userId, String code) {
        limiter.checkAndConsume(CONFIRM_ACTION, userId.toString());
        Outcome outcome = transaction.execute(status -> check(userId, code));
        switch (outcome) {
            case VERIFIED -> {}
            case WRONG -> throw new ProblemException(ProblemType.INVALID_TOKEN, "That code is not right.");
            case NUMBER_CHANGED ->
                throw new ProblemException(
                        ProblemType.INVALID_TOKEN,
                        "Your phone number changed after the code was sent. Ask for a new code.");
            case NO_VALID_CODE ->
                throw new ProblemException(
                        ProblemType.INVALID_TOKEN,
                        "There is no valid code (expired or too many tries). Ask for a new" + " code.");
        }
    }

    private Outcome check(UUID userId, String code) {
        Optional<PhoneCodes.StoredCode> found = codes.lock(userId);
        Instant now = clock.instant();
        if (found.isEmpty()
                || !found.get().expiresAt().isAfter(now)
                || found.get().attempts() >= MAX_WRONG_GUESSES) {
            return Outcome.NO_VALID_CODE;
        }
        PhoneCodes.StoredCode stored = found.get();
        if (!hasher.matches(userId, stored.phone(), code, stored.codeHash())) {
            codes.countWrongGuess(userId);
            return Outcome.WRONG;
        }
        codes.delete(userId);
        return phones.markVerified(userId, stored.phone(), now) ? Outcome.VERIFIED : Outcome.NUMBER_CHANGED;
    }

    /** Enough to recognise one's own number, not enough to learn someone else's: the last two digits. */
    static String mask(String number) {
        return "\u2022\u2022\u2022\u2022" + number.substring(number.length() - 2);
    }
}
