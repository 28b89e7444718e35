package com.fairtradeworker.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open jobs near a point: the geo GiST index narrows by box, the distance refines; trade filters by ltree subtree;
 * text matches English stems (GIN on search_vector) or, for typos, trigram word similarity on the title (GIN). Pages
 * are keyset pages in the chosen order, so deep pages cost what the first one does. Every value is a bind parameter;
 * the SQL text is assembled only from fixed fragments.
 */
@Component
class JobSearch {

    enum Sort {
        DISTANCE,
        NEWEST,
        DEADLINE,
        RELEVANCE
    }

    record Query(
            double latitude,
            double longitude,
            double radiusKm,
            String trade,
            String text,
            Sort sort,
            int limit,
            String cursor) {}

    record Hit(Job job, double distanceMetres, double rank) {}

    record Page(List<Hit> hits, String nextCursor) {}

    private static final String DISTANCE =
            "earth_distance(ll_to_earth(:lat, :lng), ll_to_earth(j.latitude, j.longitude))";
    private static final String RANK =
            "(ts_rank(j.search_vector, websearch_to_tsquery('english', :q))" + " + word_similarity(:q, j.title))";

    private final JdbcClient jdbc;

    JobSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Typo tolerance: a query word matches a title word when at least half their trigrams agree. */
    static final double WORD_SIMILARITY_THRESHOLD = 0.5;

    @Transactional(readOnly = true)
    Page search(Query query) {
        jdbc.sql("SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)")
                .param(Double.toString(WORD_SIMILARITY_THRESHOLD))
                .query(String.class)
                .single();
        boolean hasText = query.text() != null && !query.text().isBlank();
        Sort sort = query.sort() == Sort.RELEVANCE && !hasText ? Sort.DISTANCE : query.sort();
        StringBuilder sql =
                new StringBuilder("SELECT j.id, j.homeowner_id, j.title, j.description, j.trade::text AS trade,"
                        + " j.latitude, j.longitude, j.address_text, j.postcode, j.budget_min_minor, j.budget_max_minor,"
                        + " j.currency, j.bidding_deadline, j.desired_start_date, j.status, j.published_at, j.awarded_at,"
                        + " j.closed_at, j.created_at, " + DISTANCE + " AS distance_m, "
                        + (hasText ? RANK : "0") + " AS rank FROM jobs j WHERE j.status = 'OPEN'"
                        + " AND earth_box(ll_to_earth(:lat, :lng), :radius) @> ll_to_earth(j.latitude, j.longitude)"
                        + " AND " + DISTANCE + " <= :radius");
        if (query.trade() != null) {
            sql.append(" AND j.trade <@ CAST(:trade AS ltree)");
        }
        if (hasText) {
            sql.append(" AND (j.search_vector @@ websearch_to_tsquery('english', :q) OR :q <% j.title)");
        }
        Cursor after = Cursor.parse(query.cursor(), sort);
        if (after != null) {
            sql.append(
                    switch (sort) {
                        case DISTANCE -> " AND (" + DISTANCE + ", j.id) > (:afterNumber, :afterId)";
                        case RELEVANCE ->
                            " AND (" + RANK + " < :afterNumber OR (" + RANK + " = :afterNumber AND j.id > :afterId))";
                        case NEWEST ->
                            " AND (j.published_at < :afterTime OR (j.published_at = :afterTime AND j.id > :afterId))";
                        case DEADLINE -> " AND (j.bidding_deadline, j.id) > (:afterTime, :afterId)";
                    });
        }
        sql.append(
                switch (sort) {
                    case DISTANCE -> " ORDER BY distance_m, j.id";
                    case RELEVANCE -> " ORDER BY rank DESC, j.id";
                    case NEWEST -> " ORDER BY j.published_at DESC, j.id";
                    case DEADLINE -> " ORDER BY j.bidding_deadline, j.id";
                });
        sql.append(" LIMIT :limit");

        var statement = jdbc.sql(sql.toString())
                .param("lat", query.latitude())
                .param("lng", query.longitude())
                .param("radius", query.radiusKm() * 1000.0)
                .param("limit", query.limit() + 1);
        if (query.trade() != null) {
            statement = statement.param("trade", query.trade());
        }
        if (hasText) {
            statement = statement.param("q", query.text().strip());
        }
        if (after != null) {
            statement = statement.param("afterId", after.id());
            if (after.time() != null) {
                statement = statement.param("afterTime", Timestamp.from(after.time()));
            } else {
                statement = statement.param("afterNumber", after.number());
            }
        }
        List<Hit> hits = new ArrayList<>(statement
                .query((row, number) ->
                        new Hit(JobRepository.map(row, number), row.getDouble("distance_m"), row.getDouble("rank")))
                .list());
        String next = null;
        if (hits.size() > query.limit()) {
            hits.remove(hits.size() - 1);
            next = Cursor.after(hits.get(hits.size() - 1), sort);
        }
        return new Page(hits, next);
    }

    /** An opaque position in one sort order: the last hit's sort value and id. */
    record Cursor(Sort sort, Double number, Instant time, UUID id) {

        static Cursor parse(String value, Sort sort) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 3 || !parts[0].equals(sort.name())) {
                    throw new IllegalArgumentException("cursor of another order");
                }
                UUID id = UUID.fromString(parts[2]);
                return switch (sort) {
                    case DISTANCE, RELEVANCE -> new Cursor(sort, Double.parseDouble(parts[1]), null, id);
                    case NEWEST, DEADLINE -> new Cursor(sort, null, Instant.parse(parts[1]), id);
                };
            } catch (RuntimeException e) {
                throw new InvalidCursorException();
            }
        }

        static String after(Hit hit, Sort sort) {
            String value = switch (sort) {
                case DISTANCE -> Double.toString(hit.distanceMetres());
                case RELEVANCE -> Double.toString(hit.rank());
                case NEWEST -> hit.job().publishedAt().toString();
                case DEADLINE -> hit.job().biddingDeadline().toString();
            };
            String raw = sort.name() + "|" + value + "|" + hit.job().id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final class InvalidCursorException extends RuntimeException {}

    static Sort sortOf(String value) {
        return Sort.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
