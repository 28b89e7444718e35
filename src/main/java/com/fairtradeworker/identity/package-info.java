/**
 * Accounts and sessions: sign-up, e-mail verification, login with short-lived JWTs backed by Redis sessions, refresh
 * token rotation, password reset and change, the admin's account list, and the checks other modules call
 * ({@link com.fairtradeworker.identity.IdentityApi}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "platform", "notifications"})
package com.fairtradeworker.identity;
