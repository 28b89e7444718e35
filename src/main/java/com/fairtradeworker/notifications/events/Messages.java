package com.fairtradeworker.notifications.events;

import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.UserNotification;
import com.fairtradeworker.notifications.UserNotifier;
import com.fairtradeworker.shared.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds and sends the notification messages: every e-mail greets the person, says what happened and what to do, ends
 * with the one link to act on (under {@code FRONTEND_URL}) and a line on how to change what they receive. Text only:
 * the e-mail's HTML part is rendered from it with everything escaped, so a job title such as {@code <script>} stays
 * text. Accounts that are gone or disabled get nothing.
 */
@Component
class Messages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_TITLE_IN_SUBJECT = 80;
    private static final int MAX_TITLE_IN_SMS = 40;

    private final IdentityApi identity;
    private final UserNotifier notifier;
    private final String frontendUrl;

    Messages(IdentityApi identity, UserNotifier notifier, @Value("${app.frontend-url}") String frontendUrl) {
        this.identity = identity;
        this.notifier = notifier;
        this.frontendUrl = frontendUrl.replaceAll("/+$", "");
    }

    /** One message to one user; {@code sms} (without the link, which is appended) may be null. */
    record Message(
            UUID userId,
            NotificationGroup group,
            String template,
            String occurrence,
            String subject,
            String body,
            String path,
            String sms) {}

    void send(Message message) {
        identity.account(message.userId())
                .filter(AccountDetails::active)
                .ifPresent(account -> notifier.send(new UserNotification(
                        account.id(),
                        account.email(),
                        message.group(),
                        message.template(),
                        message.occurrence(),
                        oneLine(message.subject(), 300),
                        text(account, message),
                        message.sms() == null ? null : message.sms() + " " + link(message.path()))));
    }

    private String text(AccountDetails account, Message message) {
        return """
                Hello %s,

                %s

                %s

                You receive this because of your choices for "%s". Change what you receive: %s
                """.formatted(
                        account.displayName(),
                        message.body().strip(),
                        link(message.path()),
                        message.group().description(),
                        link("/settings/notifications"));
    }

    String link(String path) {
        return frontendUrl + path;
    }

    /** A title for a subject line: one line, at most 80 characters. */
    static String titleInSubject(String title) {
        return oneLine(title, MAX_TITLE_IN_SUBJECT);
    }

    static String titleInSms(String title) {
        return oneLine(title, MAX_TITLE_IN_SMS);
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }

    static String amount(Money money) {
        Currency currency;
        try {
            currency = Currency.getInstance(money.currency());
        } catch (IllegalArgumentException e) {
            return money.amountMinor() + " (minor units) " + money.currency();
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(money.amountMinor(), digits));
    }

    /** Control characters (line breaks included) become spaces; longer text is cut with an ellipsis. */
    static String oneLine(String text, int maxLength) {
        String line = (text == null ? "" : text).replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= maxLength
                ? line
                : line.substring(0, maxLength - 1).strip() + "\u2026";
    }
}
