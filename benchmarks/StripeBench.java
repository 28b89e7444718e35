import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Stripe benchmark's helper (issue 7, benchmarks/stripe-benchmark.sh), a single-file source program, JDK only:
 *
 * <pre>
 * java benchmarks/StripeBench.java stub PORT [MAX_SECONDS=3600]
 * java benchmarks/StripeBench.java probe STUB_BASE WARMUP REQUESTS
 * java benchmarks/StripeBench.java webhooks|redeliver BASE EVENTS_FILE closed CLIENTS REQUESTS
 * java benchmarks/StripeBench.java webhooks BASE EVENTS_FILE open RATE_PER_S SECONDS [MAX_IN_FLIGHT=256]
 * </pre>
 *
 * <b>stub</b>: a stand-in for api.stripe.com on 127.0.0.1:PORT (a JDK HttpServer, TCP_NODELAY, 16 worker threads)
 * that speaks just enough of Stripe's API for funding and the payment webhooks, in the JSON shapes the adapter's tests
 * use (src/test/java/com/fairtradeworker/escrow/stripe/StripeStub.java):
 *
 * <ul>
 *   <li>POST /v1/payment_intents (form-encoded, as stripe-java sends it): a new PaymentIntent
 *       {@code requires_payment_method} with id, client_secret, amount, currency, transfer_group and metadata, kept in
 *       a table; a repeated Idempotency-Key answers the first intent again ({@code Idempotent-Replayed: true}).
 *   <li>GET /v1/payment_intents/{id}: the intent from the table as it is now.
 *   <li>GET /v1/charges/{id} (the intent's {@code latest_charge}): the charge with its balance transaction expanded,
 *       fee 2.9% + 30 minor units.
 *   <li>POST /_bench/confirm (body: PaymentIntent ids, one a line): each becomes {@code succeeded} with a
 *       {@code latest_charge}, as if the payer had confirmed it in the browser with Stripe.js.
 *   <li>GET /_bench/stats[?reset=true]: per route the count and the handler's service time (from the handler's entry
 *       to the response body closed) p50/p95/p99/max in ms, plus the idempotent replays; reset clears them.
 *   <li>POST /_bench/delay?ms=N: every /v1 answer waits N ms first (0, the default, to 10,000), to stand in for
 *       Stripe's own latency over the internet; the handler's service time then includes it.
 * </ul>
 *
 * Every /v1 request needs {@code Authorization: Bearer sk_test_...} (anything else is 401, so no live key can be used
 * by mistake); unknown ids are Stripe's 404 {@code resource_missing}; other routes 404. It stops itself after
 * MAX_SECONDS.
 *
 * <p><b>probe</b>: the stand-in's round trip as a client sees it, over the transport stripe-java uses
 * (HttpURLConnection, keep-alive): WARMUP then REQUESTS sequential POST /v1/payment_intents with the same form fields
 * the adapter sends and a fresh Idempotency-Key each; the key comes from STRIPE_SECRET_KEY (never printed).
 *
 * <p><b>webhooks</b>: signed {@code payment_intent.succeeded} events POSTed to BASE/api/webhooks/stripe. EVENTS_FILE
 * has one line per event, "paymentIntentId paymentId contractId amountMinor currency", used once in file order; the
 * event id is derived from the payment id ({@code evt_bench_<payment>}), so a second delivery of a line is a duplicate.
 * The payload is a full-size event (a PaymentIntent object of about 2 KB, as Stripe sends), signed at send time as
 * Stripe does ({@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<payload>") keyed with
 * STRIPE_WEBHOOK_SECRET>}; the secret comes from the environment, never printed). Success is 200 with
 * {@code "duplicate":false}; <b>redeliver</b> expects {@code "duplicate":true}. Closed: CLIENTS senders, each sending
 * its next event when the previous answered, latency from its send. Open: event i due at start + i / rate, latency from
 * its due time (no coordinated omission), beyond MAX_IN_FLIGHT shed and counted as an error.
 *
 * <p>Loopback only; at most 600 s, 2,000/s, 100,000 requests a run. Prints one line: requests, throughput, errors by
 * status, latency p50/p95/p99/p99.9/max in ms.
 */
public final class StripeBench {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            usage();
        }
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 3600);
            case "probe" -> {
                requireArgs(args, 4);
                System.out.println(probe(loopback(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])));
                System.exit(0);
            }
            case "webhooks", "redeliver" -> {
                requireArgs(args, 5);
                System.out.println(webhooks(args));
                System.exit(0);
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: StripeBench stub PORT [MAX_SECONDS]\n"
                + "       StripeBench probe STUB_BASE WARMUP REQUESTS\n"
                + "       StripeBench webhooks|redeliver BASE EVENTS_FILE closed CLIENTS REQUESTS\n"
                + "       StripeBench webhooks BASE EVENTS_FILE open RATE SECONDS [MAX_IN_FLIGHT]");
        System.exit(2);
    }

    private static void requireArgs(String[] args, int n) {
        if (args.length < n) {
            usage();
        }
    }

    private static String loopback(String base) {
        String trimmed = base.replaceAll("/$", "");
        if (!trimmed.startsWith("http://127.0.0.1:") && !trimmed.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        return trimmed;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The stand-in
    // ---------------------------------------------------------------------------------------------------------------

    /** A PaymentIntent as the stand-in keeps it. */
    private static final class Intent {
        final String id;
        final long amount;
        final String currency;
        final String transferGroup;
        final Map<String, String> metadata;
        final long created;
        volatile boolean succeeded;

        Intent(String id, long amount, String currency, String transferGroup, Map<String, String> metadata) {
            this.id = id;
            this.amount = amount;
            this.currency = currency;
            this.transferGroup = transferGroup;
            this.metadata = metadata;
            this.created = System.currentTimeMillis() / 1000;
        }

        String suffix() {
            return id.substring(3);
        }
    }

    /** Service times of one route, in nanoseconds. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                if (size >= 4_000_000) {
                    return;
                }
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

        synchronized void clear() {
            size = 0;
        }
    }

    private static final Map<String, Intent> INTENTS = new ConcurrentHashMap<>();
    private static final Map<String, String> IDEMPOTENCY = new ConcurrentHashMap<>();
    private static final Map<String, Samples> STATS = new ConcurrentHashMap<>();
    private static final AtomicLong REPLAYS = new AtomicLong();
    /** Added to every /v1 answer (POST /_bench/delay?ms=N), to stand in for Stripe's latency over the internet. */
    private static volatile long delayMillis;

    private static void stub(int port, long maxSeconds) throws IOException {
        // The JDK server leaves Nagle on by default: small answers written in two pieces would then wait for the
        // client's delayed ACK (about 40 ms), a stand-in artefact that would be blamed on the adapter.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ExecutorService workers = Executors.newFixedThreadPool(16);
        server.setExecutor(workers);
        server.createContext("/", StripeBench::handle);
        server.start();
        System.out.println(
                "stripe stand-in on http://127.0.0.1:" + port + " (stops itself after " + maxSeconds + " s)");
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000);
            } catch (InterruptedException ignored) {
                // stop now
            }
            server.stop(0);
            workers.shutdownNow();
            System.exit(0);
        });
        stopper.setDaemon(true);
        stopper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String route = "other";
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/_bench/")) {
                route = null; // not a Stripe route: not timed
                bench(exchange, method, path, body);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer sk_test_")) {
                route = "unauthorized";
                send(exchange, 401, error("invalid_request_error", null, "Test keys only (sk_test_...)."), false);
                return;
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (method.equals("POST") && path.equals("/v1/payment_intents")) {
                route = "POST /v1/payment_intents";
                createIntent(exchange, new String(body, StandardCharsets.UTF_8));
            } else if (method.equals("GET") && path.startsWith("/v1/payment_intents/")) {
                route = "GET /v1/payment_intents/{id}";
                Intent intent = INTENTS.get(path.substring("/v1/payment_intents/".length()));
                if (intent == null) {
                    send(exchange, 404, missing("payment_intent"), false);
                } else {
                    send(exchange, 200, paymentIntent(intent), false);
                }
            } else if (method.equals("GET") && path.startsWith("/v1/charges/ch_")) {
                route = "GET /v1/charges/{id}";
                Intent intent = INTENTS.get("pi_" + path.substring("/v1/charges/ch_".length()));
                if (intent == null || !intent.succeeded) {
                    send(exchange, 404, missing("charge"), false);
                } else {
                    send(exchange, 200, charge(intent), false);
                }
            } else {
                send(exchange, 404, error("invalid_request_error", "resource_missing",
                        "Unrecognized request URL (" + method + ": " + path + ")."), false);
            }
        } finally {
            if (route != null) {
                STATS.computeIfAbsent(route, key -> new Samples()).add(System.nanoTime() - start);
            }
        }
    }

    private static void createIntent(HttpExchange exchange, String form) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> metadata = new TreeMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.startsWith("metadata[") && key.endsWith("]")) {
                metadata.put(key.substring(9, key.length() - 1), value);
            } else {
                fields.put(key, value);
            }
        }
        if (!fields.containsKey("amount") || !fields.containsKey("currency")) {
            send(exchange, 400, error("invalid_request_error", "parameter_missing", "Missing amount or currency."),
                    false);
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String newId = "pi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String id = key == null ? newId : IDEMPOTENCY.computeIfAbsent(key, k -> newId);
        boolean replayed = !id.equals(newId);
        Intent intent = replayed
                ? INTENTS.get(id)
                : new Intent(id, Long.parseLong(fields.get("amount")), fields.get("currency").toLowerCase(Locale.ROOT),
                        fields.get("transfer_group"), metadata);
        if (replayed) {
            REPLAYS.incrementAndGet();
            while (intent == null) { // the first request with this key is still storing it
                Thread.onSpinWait();
                intent = INTENTS.get(id);
            }
        } else {
            INTENTS.put(id, intent);
        }
        send(exchange, 200, paymentIntent(intent), replayed);
    }

    private static void bench(HttpExchange exchange, String method, String path, byte[] body) throws IOException {
        if (method.equals("POST") && path.equals("/_bench/confirm")) {
            int confirmed = 0;
            int unknown = 0;
            for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
                Intent intent = INTENTS.get(line.trim());
                if (intent == null) {
                    unknown += line.isBlank() ? 0 : 1;
                } else {
                    intent.succeeded = true;
                    confirmed++;
                }
            }
            sendText(exchange, 200, "confirmed=" + confirmed + " unknown=" + unknown + "\n");
        } else if (method.equals("POST") && path.equals("/_bench/delay")) {
            String query = exchange.getRequestURI().getQuery();
            long ms = query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 0;
            if (ms < 0 || ms > 10_000) {
                sendText(exchange, 400, "0 <= ms <= 10000\n");
                return;
            }
            delayMillis = ms;
            sendText(exchange, 200, "delay=" + ms + "ms\n");
        } else if (method.equals("GET") && path.equals("/_bench/stats")) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "stub intents=%d idempotent-replays=%d%n", INTENTS.size(),
                    REPLAYS.get()));
            new TreeMap<>(STATS).forEach((route, samples) -> {
                long[] sorted = samples.sorted();
                if (sorted.length > 0) {
                    text.append(String.format(Locale.ROOT, "stub route=\"%s\" n=%d %s%n", route, sorted.length,
                            percentiles(sorted, 3)));
                }
            });
            String query = exchange.getRequestURI().getQuery();
            if (query != null && query.contains("reset=true")) {
                STATS.values().forEach(Samples::clear);
                REPLAYS.set(0);
            }
            sendText(exchange, 200, text.toString());
        } else {
            sendText(exchange, 404, "no such route\n");
        }
    }

    private static void send(HttpExchange exchange, int status, String json, boolean replayed) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 14));
        exchange.getResponseHeaders().set("Stripe-Version", "2026-07-29.dahlia");
        if (replayed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String type, String code, String message) {
        return "{\"error\": {\"type\": \"" + type + "\", \"code\": " + (code == null ? "null" : "\"" + code + "\"")
                + ", \"message\": \"" + escape(message) + "\"}}";
    }

    private static String missing(String kind) {
        return error("invalid_request_error", "resource_missing", "No such " + kind + ".");
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String metadataJson(Map<String, String> metadata) {
        StringBuilder out = new StringBuilder("{");
        metadata.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append('"').append(escape(key)).append("\": \"").append(escape(value)).append('"');
        });
        return out.append('}').toString();
    }

    /** A PaymentIntent in the shape Stripe sends (API 2026-07-29.dahlia), about 2 KB; as it is now in the table. */
    private static String paymentIntent(Intent intent) {
        return paymentIntentJson(intent.id, intent.amount, intent.currency, intent.transferGroup,
                metadataJson(intent.metadata), intent.created, intent.succeeded);
    }

    private static String paymentIntentJson(String id, long amount, String currency, String transferGroup,
            String metadataJson, long created, boolean succeeded) {
        String suffix = id.substring(3);
        return """
                {"id": "%s", "object": "payment_intent", "amount": %d, "amount_capturable": 0,
                 "amount_details": {"tip": {}}, "amount_received": %d, "application": null,
                 "application_fee_amount": null,
                 "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
                 "canceled_at": null, "cancellation_reason": null, "capture_method": "automatic_async",
                 "client_secret": "%s_secret_%s", "confirmation_method": "automatic", "created": %d,
                 "currency": "%s", "customer": null, "description": null, "last_payment_error": null,
                 "latest_charge": %s, "livemode": false, "metadata": %s, "next_action": null,
                 "on_behalf_of": null, "payment_method": %s,
                 "payment_method_configuration_details": {"id": "pmc_1BenchStandInConfig000", "parent": null},
                 "payment_method_options": {"card": {"installments": null, "mandate_options": null,
                   "network": null, "request_three_d_secure": "automatic"},
                   "link": {"persistent_token": null}},
                 "payment_method_types": ["card", "link"], "processing": null, "receipt_email": null,
                 "review": null, "setup_future_usage": null, "shipping": null, "source": null,
                 "statement_descriptor": null, "statement_descriptor_suffix": null, "status": "%s",
                 "transfer_data": null, "transfer_group": %s}""".formatted(
                id,
                amount,
                succeeded ? amount : 0,
                id,
                "bench" + suffix.substring(0, 12),
                created,
                currency,
                succeeded ? "\"ch_" + suffix + "\"" : "null",
                metadataJson,
                succeeded ? "\"pm_" + suffix + "\"" : "null",
                succeeded ? "succeeded" : "requires_payment_method",
                transferGroup == null ? "null" : "\"" + escape(transferGroup) + "\"");
    }

    /** The intent's charge with its balance transaction expanded (fee 2.9% + 30). */
    private static String charge(Intent intent) {
        String suffix = intent.suffix();
        long fee = Math.round(intent.amount * 0.029) + 30;
        return """
                {"id": "ch_%s", "object": "charge", "amount": %d, "amount_captured": %d, "amount_refunded": 0,
                 "balance_transaction": {"id": "txn_%s", "object": "balance_transaction", "amount": %d,
                   "available_on": %d, "created": %d, "currency": "%s", "description": null,
                   "exchange_rate": null, "fee": %d,
                   "fee_details": [{"amount": %d, "application": null, "currency": "%s",
                                    "description": "Stripe processing fees", "type": "stripe_fee"}],
                   "net": %d, "reporting_category": "charge", "source": "ch_%s", "status": "pending",
                   "type": "charge"},
                 "captured": true, "created": %d, "currency": "%s", "customer": null, "disputed": false,
                 "livemode": false, "metadata": %s, "paid": true, "payment_intent": "%s",
                 "payment_method": "pm_%s", "refunded": false, "status": "succeeded",
                 "transfer_group": %s}""".formatted(
                suffix, intent.amount, intent.amount,
                suffix, intent.amount, intent.created + 2 * 86400, intent.created, intent.currency, fee,
                fee, intent.currency,
                intent.amount - fee, suffix,
                intent.created, intent.currency, metadataJson(intent.metadata), intent.id,
                suffix,
                intent.transferGroup == null ? "null" : "\"" + escape(intent.transferGroup) + "\"");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // probe: the stand-in's round trip from a client
    // ---------------------------------------------------------------------------------------------------------------

    private static String probe(String stubBase, int warmup, int requests) throws IOException {
        String key = System.getenv("STRIPE_SECRET_KEY");
        if (key == null || !key.startsWith("sk_test_")) {
            throw new IllegalArgumentException("STRIPE_SECRET_KEY must be set to a test key (sk_test_...)");
        }
        if (warmup + requests > 100_000) {
            throw new IllegalArgumentException("bounded runs only: at most 100,000 requests");
        }
        long[] latencies = new long[requests];
        int errors = 0;
        long start = 0;
        for (int i = 0; i < warmup + requests; i++) {
            if (i == warmup) {
                start = System.nanoTime();
            }
            UUID contract = UUID.randomUUID();
            UUID payment = UUID.randomUUID();
            String form = "amount=" + (50_000 + i) + "&currency=usd"
                    + "&transfer_group=" + enc("contract_" + contract)
                    + "&automatic_payment_methods" + enc("[enabled]") + "=true"
                    + "&" + enc("metadata[contract_id]") + "=" + contract
                    + "&" + enc("metadata[payment_id]") + "=" + payment;
            long sent = System.nanoTime();
            HttpURLConnection connection =
                    (HttpURLConnection) new URL(stubBase + "/v1/payment_intents").openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(30000);
            connection.setDoOutput(true);
            connection.setRequestProperty("Authorization", "Bearer " + key);
            connection.setRequestProperty("Idempotency-Key", "probe:" + UUID.randomUUID());
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
            connection.setRequestProperty("Accept", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            long took = System.nanoTime() - sent;
            if (i >= warmup) {
                latencies[i - warmup] = took;
                if (status != 200) {
                    errors++;
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "mode=probe POST /v1/payment_intents closed clients=1 warm-up=%d requests=%d throughput=%.1f/s"
                        + " errors=%d %s",
                warmup, requests, requests / elapsed, errors, percentiles(sorted, 2));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // webhooks: signed payment_intent.succeeded deliveries
    // ---------------------------------------------------------------------------------------------------------------

    private static String webhooks(String[] args) throws Exception {
        boolean redeliver = args[0].equals("redeliver");
        String base = loopback(args[1]);
        String secret = System.getenv("STRIPE_WEBHOOK_SECRET");
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("STRIPE_WEBHOOK_SECRET must be set (whsec_...)");
        }
        List<String[]> events = Files.readAllLines(Path.of(args[2])).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+"))
                .toList();
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Signer signer = new Signer(secret);
        String expected = redeliver ? "\"duplicate\":true" : "\"duplicate\":false";
        String mode = "mode=" + args[0] + " ";
        int payloadBytes = payload(events.get(0)).getBytes(StandardCharsets.UTF_8).length;
        if (args[3].equals("closed")) {
            requireArgs(args, 6);
            int clients = Integer.parseInt(args[4]);
            int total = Integer.parseInt(args[5]);
            if (total > 100_000 || clients < 1 || clients > 64) {
                throw new IllegalArgumentException("bounded runs only: at most 100,000 requests and 64 clients");
            }
            requireLines(events, total);
            return mode + closed(client, base, signer, events, clients, total, expected) + " payload=" + payloadBytes
                    + "B";
        }
        double rate = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        if (seconds > 600 || rate > 2000) {
            throw new IllegalArgumentException("bounded runs only: at most 600 s and 2000 per second");
        }
        int maxInFlight = args.length > 6 ? Integer.parseInt(args[6]) : 256;
        int total = (int) Math.round(rate * seconds);
        requireLines(events, total);
        return mode + open(client, base, signer, events, rate, total, maxInFlight, expected) + " payload="
                + payloadBytes + "B";
    }

    private static void requireLines(List<String[]> events, int total) {
        if (events.size() < total) {
            throw new IllegalArgumentException("need " + total + " events, file has " + events.size());
        }
    }

    /** Stripe's signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">. */
    private static final class Signer {
        private final byte[] key;

        Signer(String secret) {
            this.key = secret.getBytes(StandardCharsets.UTF_8);
        }

        String header(String payload) {
            try {
                long t = System.currentTimeMillis() / 1000;
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] digest = mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8));
                return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The event Stripe sends when the payer's confirmation succeeded (the intent as the stand-in then answers it). */
    private static String payload(String[] line) {
        String intentId = line[0];
        String payment = line[1];
        String contract = line[2];
        long amount = Long.parseLong(line[3]);
        String currency = line[4].toLowerCase(Locale.ROOT);
        long now = System.currentTimeMillis() / 1000;
        String intent = paymentIntentJson(intentId, amount, currency, "contract_" + contract,
                "{\"contract_id\": \"" + contract + "\", \"payment_id\": \"" + payment + "\"}", now - 5, true);
        return """
                {"id": "evt_bench_%s", "object": "event", "api_version": "2026-07-29.dahlia", "created": %d,
                 "data": {"object": %s},
                 "livemode": false, "pending_webhooks": 1,
                 "request": {"id": null, "idempotency_key": null}, "type": "payment_intent.succeeded"}""".formatted(
                payment.replace("-", ""), now, intent);
    }

    private static HttpRequest request(String base, Signer signer, String[] line) {
        String payload = payload(line);
        return HttpRequest.newBuilder(URI.create(base + "/api/webhooks/stripe"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                .header("Stripe-Signature", signer.header(payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
    }

    /** Tallies outcomes; shared by the senders and the client's completion threads. */
    private static final class Tally {
        final String expected;
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, Integer> byStatus = new TreeMap<>();
        String firstError;

        Tally(String expected) {
            this.expected = expected;
        }

        void record(HttpResponse<String> response, Throwable failure) {
            boolean ok = failure == null && response.statusCode() == 200 && response.body().contains(expected);
            String status = failure != null ? failure.getClass().getSimpleName()
                    : response.statusCode() + (response.statusCode() == 200 && !ok ? " unexpected" : "");
            synchronized (this) {
                byStatus.merge(status, 1, Integer::sum);
                if (!ok) {
                    errors.incrementAndGet();
                    if (firstError == null) {
                        firstError = failure != null ? failure.toString() : status + " "
                                + response.body().substring(0, Math.min(200, response.body().length()));
                    }
                }
            }
        }

        synchronized void shed() {
            errors.incrementAndGet();
            byStatus.merge("shed", 1, Integer::sum);
        }
    }

    private static String closed(HttpClient client, String base, Signer signer, List<String[]> events, int clients,
            int total, String expected) throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        Tally tally = new Tally(expected);
        List<Thread> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread sender = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    HttpRequest request = request(base, signer, events.get(i));
                    long sent = System.nanoTime();
                    HttpResponse<String> response = null;
                    Throwable failure = null;
                    try {
                        response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        failure = e;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencies[i] = System.nanoTime() - sent;
                    tally.record(response, failure);
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join(TimeUnit.SECONDS.toMillis(900));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "closed clients=%d requests=%d throughput=%.1f/s ok=%.1f/s errors=%d (%.2f%%) status=%s %s%s",
                clients, total, total / elapsed, (total - tally.errors.get()) / elapsed, tally.errors.get(),
                100.0 * tally.errors.get() / total, tally.byStatus, percentiles(sorted, 1),
                tally.firstError == null ? "" : " first error: " + tally.firstError);
    }

    private static String open(HttpClient client, String base, Signer signer, List<String[]> events, double rate,
            int total, int maxInFlight, String expected) throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        Tally tally = new Tally(expected);
        Semaphore inFlight = new Semaphore(maxInFlight);
        CountDownLatch finished = new CountDownLatch(total);
        long intervalNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                shed.incrementAndGet();
                tally.shed();
                latencies[done.getAndIncrement()] = System.nanoTime() - due;
                finished.countDown();
                continue;
            }
            client.sendAsync(request(base, signer, events.get(i)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long end = System.nanoTime();
                        inFlight.release();
                        tally.record(response, failure);
                        latencies[done.getAndIncrement()] = end - due;
                        lastEnd.accumulateAndGet(end, Math::max);
                        finished.countDown();
                    });
        }
        finished.await(60, TimeUnit.SECONDS);
        double elapsed = (Math.max(lastEnd.get(), start + (total - 1) * intervalNanos) - start) / 1e9;
        int count = done.get();
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "open rate=%s requests=%d (of %d) throughput=%.1f/s ok=%.1f/s errors=%d (%.2f%%, shed %d) status=%s"
                        + " %s%s",
                rate % 1 == 0 ? Long.toString((long) rate) : Double.toString(rate), count, total, count / elapsed,
                (count - tally.errors.get()) / elapsed, tally.errors.get(),
                count == 0 ? 0.0 : 100.0 * tally.errors.get() / count, shed.get(), tally.byStatus,
                percentiles(sorted, 1), tally.firstError == null ? "" : " first error: " + tally.firstError);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static String percentiles(long[] sorted, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT,
                "p50=" + f + " p95=" + f + " p99=" + f + " p99.9=" + f + " max=" + f + " ms",
                millis(sorted, 50), millis(sorted, 95), millis(sorted, 99), millis(sorted, 99.9),
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6);
    }

    private static double millis(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
