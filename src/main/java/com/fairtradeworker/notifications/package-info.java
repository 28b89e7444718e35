/**
 * Outgoing messages: e-mail and SMS through one outbox. Other modules enqueue an e-mail with {@link
 * com.fairtradeworker.notifications.MailOutbox} inside the transaction that causes it; notifications about marketplace
 * events go through {@link com.fairtradeworker.notifications.UserNotifier}, which honours each user's {@link
 * com.fairtradeworker.notifications.NotificationPreferences} and sends SMS only to a number proven with {@link
 * com.fairtradeworker.notifications.PhoneVerification}. {@link com.fairtradeworker.notifications.MailDispatcher} and
 * {@link com.fairtradeworker.notifications.SmsDispatcher} deliver after commit, with retries and backoff.
 *
 * <p>Two nested modules sit on top: {@code notifications.events} turns every module's domain events into notifications
 * (it may depend on the modules whose events it reads; this module may not, since identity and profiles use it), and
 * {@code notifications.web} serves the preference and phone-verification routes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "platform"})
package com.fairtradeworker.notifications;
