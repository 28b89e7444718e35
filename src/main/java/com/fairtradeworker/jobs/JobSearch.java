package com.fairtradeworker.jobs;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open jobs near a point: the geo GiST index narrows by box, the distance refines; trade filters by ltree subtree;
 * text matches English stems (GIN on search_vector) or, for typos, trigram word similarity on the title (GIN). Pages
 * are keyset pages in the chosen order. Nearest first reads the index in distance order and stops after a page (see
 * {@link #nearestFirst}); the other orders sort the matches in the circle. Every value is a bind parameter; the SQL
 * text is assembled only from fixed fragments.
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

    /**
     * One result. {@code distanceMetres} is the great-circle distance shown to users; {@code nearness} is the GiST
     * index's own distance ({@code <->} on the earth cubes: the straight-line chord in metres, monotonic in the
     * great-circle distance), the exact value nearest-first pages are ordered and keyed by.
     */
    record Hit(Job job, double distanceMetres, double rank, double nearness) {}

    record Page(List<Hit> hits, String nextCursor) {}

    /** One statement and its bound values. */
    record Statement(String sql, Map<String, Object> params) {}

    private static final String DISTANCE =
            "earth_distance(ll_to_earth(:lat, :lng), ll_to_earth(j.latitude, j.longitude))";
    /**
     * The ordering operator of jobs_open_location_gist: its left side must be exactly the index expression
     * {@code ll_to_earth(latitude, longitude)} for the planner to serve ORDER BY from the index (KNN).
     */
    private static final String NEARNESS = "(ll_to_earth(j.latitude, j.longitude) <-> ll_to_earth(:lat, :lng))";

    private static final String RANK =
            "(ts_rank(j.search_vector, websearch_to_tsquery('english', :q))" + " + word_similarity(:q, j.title))";

    /**
     * The tie step's box is the cube of half-side (tie distance + this many metres) around the centre: every point at
     * the tie distance lies inside it, with room for rounding (coordinates are about 6.4e6 m; a double's step there
     * is about 1e-9 m).
     */
    static final double TIE_BOX_MARGIN_METRES = 1.0;

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
        Sort sort = effectiveSort(query);
        Cursor after = Cursor.parse(query.cursor(), sort);
        if (sort == Sort.DISTANCE) {
            return nearestFirst(query, after);
        }
        List<Hit> hits = new ArrayList<>(run(ordered(query, sort, after)));
        String next = null;
        if (hits.size() > query.limit()) {
            hits.remove(hits.size() - 1);
            next = Cursor.after(hits.get(hits.size() - 1), sort);
        }
        return new Page(hits, next);
    }

    /**
     * Nearest first, as a KNN scan of jobs_open_location_gist: the index hands out the open jobs in the box in order
     * of {@code <->} and the scan stops after {@code limit + 1} matches, instead of computing the distance of every
     * job in the circle and sorting them. The index orders by distance only, so the page boundary is settled here:
     * the first statement takes the {@code limit + 1} nearest after the cursor and orders them by (nearness, id). Every
     * job nearer than the last of them is then among them. If the last one's distance D is shared by a job inside
     * the page, the jobs at D may continue beyond the fetched ones in id order, so a second statement (the tie step)
     * reads the jobs at exactly D after the cursor, by id, from the box of half-side D around the centre. The cursor
     * is (nearness, id) of the page's last job; page n skips the index entries of the n - 1 pages before it.
     */
    private Page nearestFirst(Query query, Cursor after) {
        int limit = query.limit();
        List<Hit> nearest = run(nearest(query, after));
        if (nearest.size() <= limit) {
            return new Page(nearest, null);
        }
        double edge = nearest.get(limit).nearness();
        int closer = 0;
        while (nearest.get(closer).nearness() < edge) {
            closer++;
        }
        List<Hit> hits = new ArrayList<>(nearest.subList(0, closer));
        if (closer < limit) {
            List<Hit> tied = run(tieGroup(query, after, edge, limit - closer + 1));
            hits.addAll(tied.subList(0, Math.min(tied.size(), limit - closer)));
        }
        // The first statement saw limit + 1 jobs up to the edge, so at least one job follows this page. (Only jobs
        // closing or moving between the two statements could leave the page short, or empty: then there is no cursor.)
        return new Page(hits, hits.isEmpty() ? null : Cursor.after(hits.get(hits.size() - 1), Sort.DISTANCE));
    }

    private static Sort effectiveSort(Query query) {
        return query.sort() == Sort.RELEVANCE && !hasText(query) ? Sort.DISTANCE : query.sort();
    }

    private static boolean hasText(Query query) {
        return query.text() != null && !query.text().isBlank();
    }

    /** Nearest first: the {@code limit + 1} nearest matches after the cursor, by KNN, then ordered by id as well. */
    static Statement nearest(Query query, Cursor after) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM (");
        sql.append(select(query, params));
        appendAfter(sql, params, Sort.DISTANCE, after);
        sql.append(" ORDER BY " + NEARNESS + " LIMIT :limit) nearest ORDER BY nearness, id");
        params.put("limit", query.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /** The tie step: matches at exactly {@code nearness} after the cursor, by id, from the box that holds them. */
    static Statement tieGroup(Query query, Cursor after, double nearness, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(select(query, params));
        sql.append(" AND cube_enlarge(ll_to_earth(:lat, :lng), :tieBox, 3) @> ll_to_earth(j.latitude, j.longitude)")
                .append(" AND " + NEARNESS + " = :tie");
        params.put("tieBox", nearness + TIE_BOX_MARGIN_METRES);
        params.put("tie", nearness);
        appendAfter(sql, params, Sort.DISTANCE, after);
        sql.append(" ORDER BY j.id LIMIT :limit");
        params.put("limit", limit);
        return new Statement(sql.toString(), params);
    }

    /** Newest, deadline and relevance: ordered and cut in the database. */
    static Statement ordered(Query query, Sort sort, Cursor after) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(select(query, params));
        appendAfter(sql, params, sort, after);
        sql.append(
                switch (sort) {
                    case DISTANCE -> throw new IllegalArgumentException("nearest first is nearest(...)");
                    case RELEVANCE -> " ORDER BY rank DESC, j.id";
                    case NEWEST -> " ORDER BY j.published_at DESC, j.id";
                    case DEADLINE -> " ORDER BY j.bidding_deadline, j.id";
                });
        sql.append(" LIMIT :limit");
        params.put("limit", query.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /** The columns and the filters every order shares: open, in the circle, trade, text. */
    private static String select(Query query, Map<String, Object> params) {
        boolean hasText = hasText(query);
        StringBuilder sql =
                new StringBuilder("SELECT j.id, j.homeowner_id, j.title, j.description, j.trade::text AS trade,"
                        + " j.latitude, j.longitude, j.address_text, j.postcode, j.budget_min_minor, j.budget_max_minor,"
                        + " j.currency, j.bidding_deadline, j.desired_start_date, j.status, j.published_at, j.awarded_at,"
                        + " j.closed_at, j.created_at, " + DISTANCE + " AS distance_m, "
                        + (hasText ? RANK : "0") + " AS rank, " + NEARNESS + " AS nearness"
                        + " FROM jobs j WHERE j.status = 'OPEN'"
                        + " AND earth_box(ll_to_earth(:lat, :lng), :radius) @> ll_to_earth(j.latitude, j.longitude)"
                        + " AND " + DISTANCE + " <= :radius");
        params.put("lat", query.latitude());
        params.put("lng", query.longitude());
        params.put("radius", query.radiusKm() * 1000.0);
        if (query.trade() != null) {
            sql.append(" AND j.trade <@ CAST(:trade AS ltree)");
            params.put("trade", query.trade());
        }
        if (hasText) {
            sql.append(" AND (j.search_vector @@ websearch_to_tsquery('english', :q) OR :q <% j.title)");
            params.put("q", query.text().strip());
        }
        return sql.toString();
    }

    /**
     * After the cursor's (value, id) in the order. Nearest first, this is a Filter on the KNN scan, which still hands
     * out jobs in index order: it skips the jobs of earlier pages (nearer, or as near with a smaller or equal id).
     */
    private static void appendAfter(StringBuilder sql, Map<String, Object> params, Sort sort, Cursor after) {
        if (after == null) {
            return;
        }
        sql.append(
                switch (sort) {
                    case DISTANCE ->
                        " AND (" + NEARNESS + " > :afterNumber OR (" + NEARNESS
                                + " = :afterNumber AND j.id > :afterId))";
                    case RELEVANCE ->
                        " AND (" + RANK + " < :afterNumber OR (" + RANK + " = :afterNumber AND j.id > :afterId))";
                    case NEWEST ->
                        " AND (j.published_at < :afterTime OR (j.published_at = :afterTime AND j.id > :afterId))";
                    case DEADLINE -> " AND (j.bidding_deadline, j.id) > (:afterTime, :afterId)";
                });
        params.put("afterId", after.id());
        if (after.time() != null) {
            params.put("afterTime", Timestamp.from(after.time()));
        } else {
            params.put("afterNumber", after.number());
        }
    }

    private List<Hit> run(Statement statement) {
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query((row, number) -> new Hit(
                        JobRepository.map(row, number),
                        row.getDouble("distance_m"),
                        row.getDouble("rank"),
                        row.getDouble("nearness")))
                .list();
    }

    /**
     * An opaque position in one sort order: the last hit's sort value and id. Nearest first, the value is the hit's
     * {@link Hit#nearness()}, the exact key of that order.
     */
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
                case DISTANCE -> Double.toString(hit.nearness());
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
