/**
 * Outgoing messages. Other modules enqueue an e-mail with {@link com.fairtradeworker.notifications.MailOutbox} inside
 * the transaction that causes it; {@link com.fairtradeworker.notifications.MailDispatcher} delivers it after commit,
 * with retries and backoff. Everything else here is internal.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.notifications;
