/**
 * Turns the domain events of every module into notifications: after the publishing transaction commits, one
 * asynchronous listener per event (Spring Modulith's {@code @ApplicationModuleListener}, backed by the JDBC event
 * publication registry, so a crash re-delivers it) looks up what the message needs and hands it to {@link
 * com.fairtradeworker.notifications.UserNotifier}. A listener that fails never touches the action that caused the
 * event; its publication stays incomplete and is delivered again on restart, and the dedupe keys make that harmless.
 *
 * <p>A nested module of notifications, so that it may depend on the modules whose events it reads while identity and
 * profiles depend on notifications itself.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "notifications",
            "identity",
            "jobs",
            "bidding",
            "contracts",
            "escrow",
            "completions",
            "disputes",
            "reviews"
        })
package com.fairtradeworker.notifications.events;
