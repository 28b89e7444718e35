package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.profiles.ServiceArea;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code contractor_profiles}. Trades travel as text arrays and are stored as {@code ltree[]}. */
@Repository
public class ContractorProfileRepository {

    private static final String COLUMNS = """
            user_id, business_name, trades::text[] AS trades, service_latitude, service_longitude, service_radius_km,
            licence_number, licence_region, licence_expires_on, insurance_provider, insurance_expires_on, bio,
            years_experience, verification_status, verification_note, verified_at, verified_by, rating_count,
            rating_total, updated_at
            """;

    private final JdbcClient jdbc;

    ContractorProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ContractorProfile> find(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contractor_profiles WHERE user_id = ?")
                .param(userId)
                .query(ContractorProfileRepository::map)
                .optional();
    }

    public Optional<ContractorProfile> lock(UUID userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contractor_profiles WHERE user_id = ? FOR UPDATE")
                .param(userId)
                .query(ContractorProfileRepository::map)
                .optional();
    }

    /** Creates the empty row on first use, then locks it, so concurrent first edits queue up like later ones. */
    public ContractorProfile lockCreatingIfMissing(UUID userId) {
        jdbc.sql("INSERT INTO contractor_profiles (user_id) VALUES (?) ON CONFLICT (user_id) DO NOTHING")
                .param(userId)
                .update();
        return lock(userId).orElseThrow();
    }

    public List<ContractorProfile> findAll(Collection<UUID> userIds) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contractor_profiles WHERE user_id = ANY (CAST(? AS uuid[]))")
                .param(userIds.stream().map(UUID::toString).toArray(String[]::new))
                .query(ContractorProfileRepository::map)
                .list();
    }

    public void save(ContractorProfile profile, Instant now) {
        Verification verification = profile.verification();
        jdbc.sql("""
                UPDATE contractor_profiles
                   SET business_name = :businessName,
                       trades = CAST(CAST(:trades AS text[]) AS ltree[]),
                       service_latitude = :latitude,
                       service_longitude = :longitude,
                       service_radius_km = :radiusKm,
                       licence_number = :licenceNumber,
                       licence_region = :licenceRegion,
                       licence_expires_on = :licenceExpiresOn,
                       insurance_provider = :insuranceProvider,
                       insurance_expires_on = :insuranceExpiresOn,
                       bio = :bio,
                       years_experience = :yearsExperience,
                       verification_status = :status,
                       verification_note = :note,
                       verified_at = :verifiedAt,
                       verified_by = :verifiedBy,
                       updated_at = :now
                 WHERE user_id = :userId
                """)
                .param("userId", profile.userId())
                .param("businessName", profile.businessName())
                .param("trades", profile.trades().toArray(String[]::new))
                .param(
                        "latitude",
                        profile.serviceArea() == null
                                ? null
                                : profile.serviceArea().latitude())
                .param(
                        "longitude",
                        profile.serviceArea() == null
                                ? null
                                : profile.serviceArea().longitude())
                .param(
                        "radiusKm",
                        profile.serviceArea() == null
                                ? null
                                : profile.serviceArea().radiusKm())
                .param(
                        "licenceNumber",
                        profile.licence() == null ? null : profile.licence().number())
                .param(
                        "licenceRegion",
                        profile.licence() == null ? null : profile.licence().region())
                .param("licenceExpiresOn", Credential.LICENCE.expiresOn(profile))
                .param(
                        "insuranceProvider",
                        profile.insurance() == null ? null : profile.insurance().provider())
                .param("insuranceExpiresOn", Credential.INSURANCE.expiresOn(profile))
                .param("bio", profile.bio())
                .param("yearsExperience", profile.yearsExperience())
                .param("status", verification.status().name())
                .param("note", verification.note())
                .param("verifiedAt", timestamp(verification.verifiedAt()))
                .param("verifiedBy", verification.verifiedBy())
                .param("now", timestamp(now))
                .update();
    }

    /** One page of profiles in a verification state, oldest change first (the admins' queue). */
    public List<ContractorProfile> byVerificationStatus(
            VerificationStatus status, Instant afterUpdatedAt, UUID afterId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM contractor_profiles
                         WHERE verification_status = :status
                           AND (CAST(:afterUpdatedAt AS timestamptz) IS NULL
                                OR (updated_at, user_id) > (CAST(:afterUpdatedAt AS timestamptz), :afterId))
                         ORDER BY updated_at, user_id
                         LIMIT :limit
                        """)
                .param("status", status.name())
                .param("afterUpdatedAt", timestamp(afterUpdatedAt))
                .param("afterId", afterId == null ? new UUID(0, 0) : afterId)
                .param("limit", limit)
                .query(ContractorProfileRepository::map)
                .list();
    }

    /**
     * Account deletion: keeps the row (ratings and the payout account are needed for accounting) without anything
     * that describes the person or their business.
     */
    public void erase(UUID userId, Instant now) {
        jdbc.sql("""
                UPDATE contractor_profiles
                   SET business_name = NULL, trades = '{}', service_latitude = NULL, service_longitude = NULL,
                       service_radius_km = NULL, licence_number = NULL, licence_region = NULL,
                       licence_expires_on = NULL, insurance_provider = NULL, insurance_expires_on = NULL, bio = NULL,
                       years_experience = NULL, verification_status = 'UNVERIFIED', verification_note = NULL,
                       verified_at = NULL, verified_by = NULL, updated_at = :now
                 WHERE user_id = :userId
                """).param("userId", userId).param("now", timestamp(now)).update();
    }

    private static ContractorProfile map(ResultSet row, int number) throws SQLException {
        Double latitude = row.getObject("service_latitude", Double.class);
        LocalDate licenceExpiresOn = row.getObject("licence_expires_on", LocalDate.class);
        LocalDate insuranceExpiresOn = row.getObject("insurance_expires_on", LocalDate.class);
        return new ContractorProfile(
                row.getObject("user_id", UUID.class),
                row.getString("business_name"),
                trades(row.getArray("trades")),
                latitude == null
                        ? null
                        : new ServiceArea(
                                latitude,
                                row.getObject("service_longitude", Double.class),
                                row.getObject("service_radius_km", Integer.class)),
                licenceExpiresOn == null
                        ? null
                        : new Licence(
                                row.getString("licence_number"), row.getString("licence_region"), licenceExpiresOn),
                insuranceExpiresOn == null
                        ? null
                        : new Insurance(row.getString("insurance_provider"), insuranceExpiresOn),
                row.getString("bio"),
                row.getObject("years_experience", Integer.class),
                new Verification(
                        VerificationStatus.valueOf(row.getString("verification_status")),
                        row.getString("verification_note"),
                        instant(row.getTimestamp("verified_at")),
                        row.getObject("verified_by", UUID.class)),
                row.getInt("rating_count"),
                row.getLong("rating_total"),
                instant(row.getTimestamp("updated_at")));
    }

    private static List<String> trades(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
