package com.fairtradeworker.profiles.homeowner;

import com.fairtradeworker.profiles.RatingSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code homeowner_profiles}. */
@Repository
class HomeownerProfileRepository {

    private final JdbcClient jdbc;

    HomeownerProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<HomeownerProfile> find(UUID userId) {
        return jdbc.sql("""
                SELECT user_id, address_line, postcode, latitude, longitude
                  FROM homeowner_profiles WHERE user_id = ?
                """)
                .param(userId)
                .query(HomeownerProfileRepository::map)
                .optional();
    }

    /** Zero reviews when the homeowner has no profile row yet (reviews create it on the first publication). */
    RatingSummary rating(UUID userId) {
        return jdbc.sql("SELECT rating_count, rating_total FROM homeowner_profiles WHERE user_id = ?")
                .param(userId)
                .query((row, number) -> RatingSummary.of(row.getInt("rating_count"), row.getLong("rating_total")))
                .optional()
                .orElse(RatingSummary.of(0, 0));
    }

    void save(HomeownerProfile profile, Instant now) {
        GeoPoint location = profile.location();
        jdbc.sql("""
                INSERT INTO homeowner_profiles (user_id, address_line, postcode, latitude, longitude, created_at,
                                                updated_at)
                VALUES (:userId, :addressLine, :postcode, :latitude, :longitude, :now, :now)
                ON CONFLICT (user_id) DO UPDATE
                   SET address_line = EXCLUDED.address_line,
                       postcode = EXCLUDED.postcode,
                       latitude = EXCLUDED.latitude,
                       longitude = EXCLUDED.longitude,
                       updated_at = EXCLUDED.updated_at
                """)
                .param("userId", profile.userId())
                .param("addressLine", profile.addressLine())
                .param("postcode", profile.postcode())
                .param("latitude", location == null ? null : location.latitude())
                .param("longitude", location == null ? null : location.longitude())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Account deletion: the row keeps only the rating figures, which describe reviews that stay. */
    void erase(UUID userId, Instant now) {
        jdbc.sql("""
                UPDATE homeowner_profiles
                   SET address_line = NULL, postcode = NULL, latitude = NULL, longitude = NULL, updated_at = :now
                 WHERE user_id = :userId
                """).param("userId", userId).param("now", Timestamp.from(now)).update();
    }

    private static HomeownerProfile map(ResultSet row, int number) throws SQLException {
        Double latitude = row.getObject("latitude", Double.class);
        return new HomeownerProfile(
                row.getObject("user_id", UUID.class),
                row.getString("address_line"),
                row.getString("postcode"),
                latitude == null ? null : new GeoPoint(latitude, row.getObject("longitude", Double.class)));
    }
}
