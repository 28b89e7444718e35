/**
 * Idempotency-Key handling for money-moving requests. A controller wraps its action in {@link
 * com.fairtradeworker.idempotency.IdempotentRequests#execute}: the first request with a key runs the action and stores
 * its response in the same transaction as the action's own changes; a retry with the same key and the same request
 * gets that stored response back without running the action again. Everything else here is internal.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.idempotency;
