/**
 * Reviews: after a contract ends with money moved through escrow (RELEASED, SPLIT, or REFUNDED by a dispute's decision;
 * never a mutual cancellation) each party may review the other once, double-blind: a review stays visible to its
 * author (and admins) only until both have reviewed or the rating window closes, then both are published together.
 * The reviewed party may reply once; admins may hide a review for abuse, with a reason. The rating figures on the
 * profiles ({@code rating_count}, {@code rating_total}) are kept here. See {@code docs/reviews.md}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "platform", "identity", "timers", "contracts", "escrow"})
package com.fairtradeworker.reviews;
