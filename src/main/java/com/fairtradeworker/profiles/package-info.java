/**
 * Profiles: homeowners' and contractors' own profiles, the public contractor profile, contractor verification (licence
 * and insurance checked by an admin, the badge dropping on its expiry clock), and each user's personal data (export
 * and account deletion). Other modules ask through {@link com.fairtradeworker.profiles.ProfilesApi}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "platform", "identity", "timers", "notifications"})
package com.fairtradeworker.profiles;
