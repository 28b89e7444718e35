package com.fairtradeworker.profiles;

/**
 * A user's rating as profiles show it: the number of published reviews about them and their average, rounded to two
 * places (null without reviews). Built from the profile row's {@code rating_count} and {@code rating_total}, which the
 * reviews module keeps.
 */
public record RatingSummary(int reviewCount, Double averageRating) {

    public static RatingSummary of(int count, long total) {
        return new RatingSummary(count, count == 0 ? null : Math.round(100.0 * total / count) / 100.0);
    }
}
