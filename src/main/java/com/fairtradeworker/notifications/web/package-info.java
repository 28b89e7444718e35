/**
 * The signed-in user's notification routes: preferences per group and channel, and phone verification. A nested
 * module of notifications, because it needs identity's view of the caller while identity depends on notifications.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "platform", "identity", "notifications"})
package com.fairtradeworker.notifications.web;
