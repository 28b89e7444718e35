package com.fairtradeworker.jobs;

import com.fairtradeworker.platform.database.DatabaseUrl;
import com.fairtradeworker.platform.database.JdbcEndpoint;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job search in the database, on the generated data set ({@code benchmarks/generate-data.sh}): the statements
 * {@link JobSearch} itself builds and binds (captured from it, not copied), each run under {@code EXPLAIN (ANALYZE,
 * BUFFERS)} with no planner setting changed. For each query shape it samples centres from contractors' service areas
 * (the search's default centre and radius), reports execution and planning time percentiles and which indexes the
 * plans used, prints one plan per shape, and writes the same searches as {@code GET /api/jobs} paths for the HTTP
 * benchmark. A search nearest first may run two statements (the KNN page, and the tie step when the page ends inside
 * a group of equally distant jobs); its figures are the sums over both, and the report says how often the tie step
 * ran.
 *
 * <p>Two passes: first as written (an unnamed statement per search, so each is planned for its own values, as
 * {@code EXPLAIN} with literals would be), then as the service's pooled connections end up running them (the driver
 * prepares a statement on the server after 5 uses; the server may then switch to one generic plan): {@code PREPARE}
 * (one per distinct statement of the shape) + 10 searches {@code EXECUTE}d, then {@code EXPLAIN (ANALYZE, BUFFERS)
 * EXECUTE}, reporting which plan the server chose.
 *
 * <p>Not a test; run on the test classpath (see {@code benchmarks/search-benchmark.sh}):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) com.fairtradeworker.jobs.JobSearchBenchmark \
 *   postgresql://runtime_role@127.0.0.1:5432/ftw_bench_data [samples=200] [seed=7] [url-dir=target/search-urls]
 * </pre>
 */
public final class JobSearchBenchmark {

    static final String[] TEXT = {
        "water heater",
        "tankless water heater",
        "leaking faucet",
        "sewer line",
        "recessed lights",
        "panel upgrade",
        "EV charger",
        "roof leak",
        "gutter guards",
        "deck boards",
        "crown molding",
        "kitchen cabinets",
        "interior painting",
        "exterior paint",
        "heat pump",
        "ductwork",
        "lawn mowing",
        "paver patio",
        "tree removal",
        "finish basement",
        "kitchen remodel",
        "walk-in shower",
        "hardwood floors",
        "tile backsplash",
        "concrete driveway",
        "brick chimney",
        "drywall repair",
        "sprinkler system",
        "furnace",
        "skylight"
    };

    /** Misspelt: the English stems miss, the trigram similarity on titles has to find them. */
    static final String[] TYPOS = {
        "watr heater", "tankles water heater", "leaking fauset", "recesed lights", "elecrical panel", "gutter gaurds",
        "composit deck", "kitchn cabinets", "hardwod floors", "concret driveway", "chimny repair", "skylite leak",
        "furnance short cycling", "garbage disposel", "sump pum", "retaning wall", "stump grindng", "shingels storm",
        "baseboard trimm", "wainscotting"
    };

    record Area(double lat, double lng, int radiusKm, String[] trades) {}

    record Sample(JobSearch.Query query) {}

    /** One captured statement: the SQL JobSearch built, its bound values, and the EXPLAIN result. */
    record Captured(String sql, List<Object> params, JsonNode plan) {}

    /**
     * One search: its times and buffers summed over its statements (nearest first: the KNN page, plus the tie step
     * when the page ends inside a group of equally distant jobs), the rows of its first statement, and its plans.
     */
    record Measured(
            Sample sample,
            double executionMs,
            double planningMs,
            long rows,
            Set<String> nodes,
            long hit,
            long read,
            int statements) {}

    /** The first search of a shape (or the first one that needed the tie step) and its statements. */
    record Example(Sample sample, List<Captured> statements) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        JdbcEndpoint endpoint = DatabaseUrl.parse(args[0]);
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7L;
        Path urlDir = Path.of(args.length > 3 ? args[3] : "target/search-urls");

        List<Area> areas = new ArrayList<>();
        try (Connection connection = connect(endpoint, "0")) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            SELECT service_latitude, service_longitude, service_radius_km, trades::text[]
                              FROM contractor_profiles WHERE service_latitude IS NOT NULL ORDER BY user_id""")) {
                while (rows.next()) {
                    areas.add(new Area(rows.getDouble(1), rows.getDouble(2), rows.getInt(3), (String[])
                            rows.getArray(4).getArray()));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s; %d contractor service areas; %d samples per shape%n",
                    serverFacts(connection),
                    areas.size(),
                    samples);
        }

        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<Sample>> shapes = new LinkedHashMap<>();
        shapes.put("distance", draw(samples, random, areas, (area, r) -> query(area, null, null, "DISTANCE", null)));
        shapes.put(
                "trade",
                draw(
                        samples,
                        random,
                        areas,
                        (area, r) ->
                                query(area, area.trades()[r.nextInt(area.trades().length)], null, "DISTANCE", null)));
        shapes.put(
                "text",
                draw(
                        samples,
                        random,
                        areas,
                        (area, r) -> query(area, null, TEXT[r.nextInt(TEXT.length)], "DISTANCE", null)));
        shapes.put(
                "text-typo",
                draw(
                        samples,
                        random,
                        areas,
                        (area, r) -> query(area, null, TYPOS[r.nextInt(TYPOS.length)], "DISTANCE", null)));
        shapes.put(
                "text-relevance",
                draw(
                        samples,
                        random,
                        areas,
                        (area, r) -> query(area, null, TEXT[r.nextInt(TEXT.length)], "RELEVANCE", null)));
        shapes.put("newest", draw(samples, random, areas, (area, r) -> query(area, null, null, "NEWEST", null)));
        shapes.put("deadline", draw(samples, random, areas, (area, r) -> query(area, null, null, "DEADLINE", null)));
        // The widest circle the API allows (500 km), at fewer centres: the worst case of every sort by distance.
        shapes.put(
                "distance-500km",
                draw(
                        Math.max(1, samples / 10),
                        random,
                        areas,
                        (area, r) -> query(
                                new Area(area.lat(), area.lng(), 500, area.trades()), null, null, "DISTANCE", null)));

        Files.createDirectories(urlDir);
        Map<String, List<Measured>> results = new LinkedHashMap<>();
        Map<String, Example> examples = new LinkedHashMap<>();
        try (Connection connection = connect(endpoint, "0")) {
            Capture capture = new Capture(connection);
            JobSearch search = new JobSearch(JdbcClient.create(new SingleConnectionDataSource(capture.proxy(), true)));

            // Second pages: the cursor is the one the first page hands out, exactly as the API passes it back.
            for (String sort : List.of("DISTANCE", "NEWEST")) {
                List<Sample> second = new ArrayList<>();
                int guard = 0;
                while (second.size() < samples && guard++ < samples * 20) {
                    Area area = areas.get(random.nextInt(areas.size()));
                    JobSearch.Page first = run(search, capture, connection, query(area, null, null, sort, null), false);
                    if (first.nextCursor() != null) {
                        second.add(new Sample(query(area, null, null, sort, first.nextCursor())));
                    }
                }
                shapes.put("page2-" + sort.toLowerCase(Locale.ROOT), second);
            }

            // Warm-up: every search once, unmeasured, so the measured pass sees the steady-state cache.
            long warm = System.nanoTime();
            for (List<Sample> list : shapes.values()) {
                for (Sample sample : list) {
                    run(search, capture, connection, sample.query(), false);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "warm-up: %d searches in %.1f s%n",
                    shapes.values().stream().mapToInt(List::size).sum(),
                    (System.nanoTime() - warm) / 1e9);

            for (var entry : shapes.entrySet()) {
                List<Measured> measured = new ArrayList<>();
                for (Sample sample : entry.getValue()) {
                    run(search, capture, connection, sample.query(), true);
                    List<Captured> statements = List.copyOf(capture.statements);
                    measured.add(measure(
                            sample, statements.stream().map(Captured::plan).toList()));
                    examples.putIfAbsent(entry.getKey(), new Example(sample, statements));
                    if (statements.size() > 1) {
                        examples.putIfAbsent(entry.getKey() + " (with tie step)", new Example(sample, statements));
                    }
                }
                results.put(entry.getKey(), measured);
                writeUrls(urlDir.resolve(entry.getKey() + ".txt"), entry.getValue());
            }
        }

        System.out.println();
        System.out.println("Pass 1: each search planned for its own values (unnamed statements), EXPLAIN (ANALYZE,"
                + " BUFFERS); times in ms");
        report(results);

        // Pass 2: what a pooled connection runs once the driver has server-prepared the statements.
        Map<String, List<Measured>> prepared = new LinkedHashMap<>();
        Map<String, String> planChoice = new LinkedHashMap<>();
        try (Connection connection = connect(endpoint, "0")) {
            Capture capture = new Capture(connection);
            capture.explain = false;
            JobSearch search = new JobSearch(JdbcClient.create(new SingleConnectionDataSource(capture.proxy(), true)));
            int statementNumber = 0;
            for (var entry : shapes.entrySet()) {
                List<Sample> list = entry.getValue();
                List<List<Captured>> searches = new ArrayList<>();
                for (Sample sample : list) {
                    run(search, capture, connection, sample.query(), false);
                    searches.add(List.copyOf(capture.statements));
                }
                // One prepared statement per distinct SQL text of the shape (nearest first: the page and the tie step).
                Map<String, String> names = new LinkedHashMap<>();
                int warmSearches = Math.min(10, searches.size() / 2);
                List<Measured> measured = new ArrayList<>();
                for (int i = 0; i < searches.size(); i++) {
                    List<JsonNode> plans = new ArrayList<>();
                    for (Captured statement : searches.get(i)) {
                        String name = names.get(statement.sql());
                        if (name == null) {
                            name = "bench_" + statementNumber++;
                            names.put(statement.sql(), name);
                            prepare(connection, name, statement);
                        }
                        String execute = "EXECUTE " + name + "(" + literals(statement.params()) + ")";
                        try (Statement sql = connection.createStatement()) {
                            sql.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)");
                            if (i < warmSearches) {
                                sql.execute(execute);
                            } else {
                                try (ResultSet rows =
                                        sql.executeQuery("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + execute)) {
                                    rows.next();
                                    plans.add(JSON.readTree(rows.getString(1)));
                                }
                            }
                        }
                        connection.commit();
                    }
                    if (!plans.isEmpty()) {
                        measured.add(measure(list.get(i), plans));
                    }
                }
                List<String> choices = new ArrayList<>();
                int statementIndex = 0;
                for (String name : names.values()) {
                    try (Statement sql = connection.createStatement();
                            ResultSet rows = sql.executeQuery("SELECT generic_plans, custom_plans FROM"
                                    + " pg_prepared_statements WHERE name = '" + name + "'")) {
                        rows.next();
                        choices.add((names.size() > 1 ? (statementIndex == 0 ? "page " : "tie step ") : "")
                                + rows.getLong(1) + " generic / " + rows.getLong(2) + " custom");
                    }
                    statementIndex++;
                }
                connection.commit();
                planChoice.put(entry.getKey(), String.join("; ", choices));
                prepared.put(entry.getKey(), measured);
            }
        }
        System.out.println();
        System.out.println("Pass 2: server-prepared as the service's connections run them (PREPARE, "
                + "10 searches EXECUTEd, then EXPLAIN (ANALYZE, BUFFERS) EXECUTE); times in ms");
        report(prepared);
        planChoice.forEach((shape, choice) -> System.out.printf(Locale.ROOT, "  %-15s plans: %s%n", shape, choice));

        System.out.println();
        System.out.println("One plan per shape (the first sample, and the first that needed the tie step),"
                + " EXPLAIN (ANALYZE, BUFFERS):");
        try (Connection connection = connect(endpoint, "0")) {
            for (var entry : examples.entrySet()) {
                System.out.println();
                System.out.println("-- " + entry.getKey() + ": "
                        + describe(entry.getValue().sample()));
                for (Captured captured : entry.getValue().statements()) {
                    System.out.println(captured.sql());
                    try (Statement sql = connection.createStatement()) {
                        sql.execute("SELECT set_config('pg_trgm.word_similarity_threshold', '0.5', true)");
                    }
                    try (PreparedStatement explain =
                            connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + captured.sql())) {
                        for (int i = 0; i < captured.params().size(); i++) {
                            explain.setObject(i + 1, captured.params().get(i));
                        }
                        try (ResultSet rows = explain.executeQuery()) {
                            while (rows.next()) {
                                System.out.println(rows.getString(1));
                            }
                        }
                    }
                    connection.commit();
                }
            }
        }
        System.out.println();
        System.out.println("GET /api/jobs paths written to " + urlDir.toAbsolutePath());
    }

    // ---------------------------------------------------------------- samples

    private static List<Sample> draw(
            int count,
            SplittableRandom random,
            List<Area> areas,
            BiFunction<Area, SplittableRandom, JobSearch.Query> f) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Area area = areas.get(random.nextInt(areas.size()));
            JobSearch.Query query = f.apply(area, random);
            samples.add(new Sample(query));
        }
        return samples;
    }

    private static JobSearch.Query query(Area area, String trade, String text, String sort, String cursor) {
        return new JobSearch.Query(
                area.lat(), area.lng(), area.radiusKm(), trade, text, JobSearch.Sort.valueOf(sort), 20, cursor);
    }

    private static JobSearch.Page run(
            JobSearch search, Capture capture, Connection connection, JobSearch.Query query, boolean explain)
            throws SQLException {
        capture.explain = explain;
        capture.statements.clear();
        try {
            return search.search(query);
        } finally {
            connection.commit();
        }
    }

    private static String describe(Sample sample) {
        return path(sample.query());
    }

    private static void writeUrls(Path file, List<Sample> samples) throws IOException {
        Files.write(file, samples.stream().map(sample -> path(sample.query())).toList());
    }

    /** The API request for the same search (anonymous; limit 20 is the API's default). */
    static String path(JobSearch.Query query) {
        StringBuilder path = new StringBuilder("/api/jobs?lat=")
                .append(query.latitude())
                .append("&lng=")
                .append(query.longitude())
                .append("&radiusKm=")
                .append((int) query.radiusKm())
                .append("&sort=")
                .append(query.sort().name().toLowerCase(Locale.ROOT));
        if (query.trade() != null) {
            path.append("&trade=").append(query.trade());
        }
        if (query.text() != null) {
            path.append("&q=").append(URLEncoder.encode(query.text(), StandardCharsets.UTF_8));
        }
        if (query.cursor() != null) {
            path.append("&cursor=").append(query.cursor());
        }
        return path.toString();
    }

    // ---------------------------------------------------------------- plans

    private static Measured measure(Sample sample, List<JsonNode> explains) {
        double execution = 0;
        double planning = 0;
        long hit = 0;
        long read = 0;
        Set<String> nodes = new TreeSet<>();
        for (JsonNode explain : explains) {
            JsonNode top = explain.get(0);
            JsonNode plan = top.get("Plan");
            collect(plan, nodes);
            execution += top.get("Execution Time").asDouble();
            planning += top.get("Planning Time").asDouble();
            hit += plan.path("Shared Hit Blocks").asLong();
            read += plan.path("Shared Read Blocks").asLong();
        }
        long rows = explains.get(0).get(0).get("Plan").get("Actual Rows").asLong();
        return new Measured(sample, execution, planning, rows, nodes, hit, read, explains.size());
    }

    /** Index names with their scan type, and any sequential scan, anywhere in the plan. */
    private static void collect(JsonNode node, Set<String> nodes) {
        String type = node.get("Node Type").asString();
        if (node.has("Index Name")) {
            nodes.add(node.get("Index Name").asString() + " (" + type + ")");
        } else if (type.equals("Seq Scan")) {
            nodes.add("Seq Scan on " + node.get("Relation Name").asString());
        }
        if (node.has("Plans")) {
            for (JsonNode child : node.get("Plans")) {
                collect(child, nodes);
            }
        }
    }

    private static void report(Map<String, List<Measured>> results) {
        System.out.printf(
                Locale.ROOT,
                "  %-15s %5s %8s %8s %8s %8s %8s %8s  %s%n",
                "shape",
                "n",
                "exec p50",
                "p95",
                "p99",
                "max",
                "plan p50",
                "rows p50",
                "plans (share of samples)");
        for (var entry : results.entrySet()) {
            List<Measured> list = entry.getValue();
            if (list.isEmpty()) {
                continue;
            }
            double[] exec =
                    list.stream().mapToDouble(Measured::executionMs).sorted().toArray();
            double[] planning =
                    list.stream().mapToDouble(Measured::planningMs).sorted().toArray();
            double[] rows = list.stream().mapToDouble(Measured::rows).sorted().toArray();
            Map<String, Long> plans = list.stream()
                    .collect(Collectors.groupingBy(
                            m -> String.join(" + ", m.nodes()), TreeMap::new, Collectors.counting()));
            long tieSteps = list.stream().filter(m -> m.statements() > 1).count();
            String planText = plans.entrySet().stream()
                            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                            .map(e -> e.getKey() + " [" + Math.round(100.0 * e.getValue() / list.size()) + "%]")
                            .collect(Collectors.joining("; "))
                    + (tieSteps > 0 ? "; tie step in " + Math.round(100.0 * tieSteps / list.size()) + "%" : "");
            System.out.printf(
                    Locale.ROOT,
                    "  %-15s %5d %8.2f %8.2f %8.2f %8.2f %8.2f %8.0f  %s%n",
                    entry.getKey(),
                    list.size(),
                    percentile(exec, 50),
                    percentile(exec, 95),
                    percentile(exec, 99),
                    exec[exec.length - 1],
                    percentile(planning, 50),
                    percentile(rows, 50),
                    planText);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    // ---------------------------------------------------------------- prepared statements

    private static void prepare(Connection connection, String name, Captured statement) throws SQLException {
        StringBuilder sql = new StringBuilder();
        int number = 0;
        for (char c : statement.sql().toCharArray()) {
            if (c == '?') {
                sql.append('$').append(++number);
            } else {
                sql.append(c);
            }
        }
        String types = statement.params().stream().map(JobSearchBenchmark::type).collect(Collectors.joining(", "));
        try (Statement prepare = connection.createStatement()) {
            prepare.execute("PREPARE " + name + "(" + types + ") AS " + sql);
        }
        connection.commit();
    }

    /** The types the driver binds: double -> float8, int -> int4, String -> varchar, UUID, Timestamp. */
    private static String type(Object value) {
        if (value instanceof Double) {
            return "float8";
        }
        if (value instanceof Integer) {
            return "int4";
        }
        if (value instanceof String) {
            return "varchar";
        }
        if (value instanceof UUID) {
            return "uuid";
        }
        if (value instanceof Timestamp) {
            return "timestamptz";
        }
        throw new IllegalArgumentException("unexpected parameter " + value.getClass());
    }

    private static String literals(List<Object> params) {
        List<String> values = new ArrayList<>();
        for (Object value : params) {
            String text = value instanceof Timestamp time ? time.toInstant().toString() : value.toString();
            values.add(
                    value instanceof Double || value instanceof Integer ? text : "'" + text.replace("'", "''") + "'");
        }
        return String.join(", ", values);
    }

    // ---------------------------------------------------------------- capture

    /**
     * A connection whose search statements (those reading {@code jobs j}) also run under EXPLAIN with the same bound
     * values before they run for real, so the plan measured is the plan of exactly what JobSearch sent.
     */
    static final class Capture {
        private final Connection target;
        boolean explain;
        /** The search statements of the current search, in the order JobSearch ran them. */
        final List<Captured> statements = new ArrayList<>();

        Capture(Connection target) {
            this.target = target;
        }

        Connection proxy() {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")
                                && args[0] instanceof String sql
                                && sql.contains("FROM jobs j")) {
                            return statement(sql, (PreparedStatement) invoke(method, target, args));
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        return invoke(method, target, args);
                    });
        }

        private PreparedStatement statement(String sql, PreparedStatement real) {
            List<Object> params = new ArrayList<>();
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("set")
                        && args != null
                        && args.length >= 2
                        && args[0] instanceof Integer index
                        && !name.equals("setNull")) {
                    while (params.size() < index) {
                        params.add(null);
                    }
                    params.set(index - 1, args[1]);
                }
                if (name.equals("executeQuery") && (args == null || args.length == 0)) {
                    JsonNode plan = null;
                    if (explain) {
                        try (PreparedStatement explained =
                                target.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
                            for (int i = 0; i < params.size(); i++) {
                                explained.setObject(i + 1, params.get(i));
                            }
                            try (ResultSet rows = explained.executeQuery()) {
                                rows.next();
                                plan = JSON.readTree(rows.getString(1));
                            }
                        }
                    }
                    statements.add(new Captured(sql, List.copyOf(params), plan));
                }
                return invoke(method, real, args);
            };
            return (PreparedStatement) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, handler);
        }

        private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    // ---------------------------------------------------------------- connections

    /** prepareThreshold 0: every statement unnamed, planned for its own values (pass 2 prepares explicitly). */
    private static Connection connect(JdbcEndpoint endpoint, String prepareThreshold) throws SQLException {
        var properties = new java.util.Properties();
        properties.setProperty("user", endpoint.username());
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        properties.setProperty("prepareThreshold", prepareThreshold);
        Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private static String serverFacts(Connection connection) throws SQLException {
        List<String> facts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT version(), current_setting('shared_buffers'), current_setting('work_mem'),
                               current_setting('random_page_cost'), current_setting('effective_cache_size'),
                               current_setting('jit'),
                               (SELECT count(*) FROM jobs WHERE status = 'OPEN'), (SELECT count(*) FROM jobs),
                               (SELECT count(*) FROM bids)""")) {
            rows.next();
            facts.add(rows.getString(1).replaceAll(" on .*", ""));
            facts.add("shared_buffers " + rows.getString(2));
            facts.add("work_mem " + rows.getString(3));
            facts.add("random_page_cost " + rows.getString(4));
            facts.add("effective_cache_size " + rows.getString(5));
            facts.add("jit " + rows.getString(6));
            facts.add(String.format(
                    Locale.ROOT, "%,d open of %,d jobs, %,d bids", rows.getLong(7), rows.getLong(8), rows.getLong(9)));
        }
        connection.commit();
        return String.join(", ", facts);
    }

    private JobSearchBenchmark() {}
}
