/**
 * Every clock of the domain (bidding deadlines, funding and approval windows, dispute responses, expiries) as rows of
 * one table of due timers. Modules schedule, pause, resume and cancel timers through {@link
 * com.fairtradeworker.timers.DueTimers} and react through a {@link com.fairtradeworker.timers.TimerHandler}. A poller
 * claims due rows with {@code FOR UPDATE SKIP LOCKED} and fires each in the transaction that marks it fired, so no
 * timer fires twice however many instances run.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package com.fairtradeworker.timers;
