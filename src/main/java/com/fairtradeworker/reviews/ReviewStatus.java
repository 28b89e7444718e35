package com.fairtradeworker.reviews;

/**
 * A review's life: SUBMITTED (its author and admins only) -> PUBLISHED (everyone), and either -> HIDDEN by an admin.
 * The CHECK on {@code reviews.status} lists the same values.
 */
enum ReviewStatus {
    SUBMITTED,
    PUBLISHED,
    HIDDEN
}
