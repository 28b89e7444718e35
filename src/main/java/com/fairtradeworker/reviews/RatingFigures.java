package com.fairtradeworker.reviews;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rating figures on the profiles ({@code rating_count}, {@code rating_total} of {@code contractor_profiles} and
 * {@code homeowner_profiles}), which V3 leaves to this module: the public contractor profile and the bidder summaries
 * read them, so every published review is counted there exactly once and a hidden one is taken out.
 *
 * <p>Each change is one {@code UPDATE ... SET rating_count = rating_count + 1} (an upsert: a homeowner may have no
 * profile row yet). The database applies it under the row's lock against the current values, so publications racing
 * for one contractor queue on that row and none is lost; no value is read into Java and written back. A transaction
 * that changes both sides changes the homeowner's row first, then the contractor's, so two transactions never wait
 * for each other in a circle.
 */
@Component
class RatingFigures {

    private final JdbcClient jdbc;

    RatingFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's figures: reviews counted and their average rounded to two places (as the profile shows it). */
    record Summary(int reviewCount, Double averageRating) {

        static Summary of(int count, long total) {
            return new Summary(count, count == 0 ? null : Math.round(100.0 * total / count) / 100.0);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void add(Side side, UUID userId, int rating) {
        jdbc.sql("INSERT INTO " + table(side) + " AS p (user_id, rating_count, rating_total) VALUES (:user, 1, :rating)"
                        + " ON CONFLICT (user_id) DO UPDATE SET rating_count = p.rating_count + 1,"
                        + " rating_total = p.rating_total + :rating")
                .param("user", userId)
                .param("rating", rating)
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void remove(Side side, UUID userId, int rating) {
        jdbc.sql("UPDATE " + table(side) + " SET rating_count = rating_count - 1, rating_total = rating_total - :rating"
                        + " WHERE user_id = :user")
                .param("user", userId)
                .param("rating", rating)
                .update();
    }

    /** The figures as the profiles hold them; a user without a profile row has none yet. */
    Summary of(UUID userId) {
        return jdbc
                .sql("""
                        SELECT rating_count, rating_total FROM contractor_profiles WHERE user_id = :user
                        UNION ALL
                        SELECT rating_count, rating_total FROM homeowner_profiles WHERE user_id = :user
                        """)
                .param("user", userId)
                .query((row, number) -> Summary.of(row.getInt("rating_count"), row.getLong("rating_total")))
                .list()
                .stream()
                .findFirst()
                .orElse(Summary.of(0, 0));
    }

    private static String table(Side side) {
        return side == Side.CONTRACTOR ? "contractor_profiles" : "homeowner_profiles";
    }
}
