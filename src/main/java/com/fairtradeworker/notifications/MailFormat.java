package com.fairtradeworker.notifications;

/**
 * How an e-mail is built ({@code notifications.format}). Only the text is ever stored: the HTML part of {@link
 * #TEXT_AND_HTML} is rendered from it when the mail is sent ({@link MailHtml}), so stored content is never markup.
 */
enum MailFormat {
    /** Plain text only: the account and security mails. */
    TEXT,
    /** multipart/alternative: the text, and the same text as escaped HTML with its links made clickable. */
    TEXT_AND_HTML
}
