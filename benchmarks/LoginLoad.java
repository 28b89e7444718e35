import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load for accounts and sessions (issue 3), run as a single-file source program (no build):
 *
 * <pre>
 * java benchmarks/LoginLoad.java login BASE_URL ACCOUNTS_FILE open   RATE_PER_S  SECONDS [FIRST_IP=0]
 * java benchmarks/LoginLoad.java login BASE_URL ACCOUNTS_FILE closed CONCURRENCY SECONDS [FIRST_IP=0]
 * java benchmarks/LoginLoad.java get   BASE_URL PATH TOKENS_FILE|ab:TOKENS_FILE|none open|closed RATE|CONCURRENCY
 *                                      SECONDS
 * </pre>
 *
 * {@code login}: POST /api/auth/login. ACCOUNTS_FILE holds one e-mail address per line, all with the password
 * {@code $LOGIN_PASSWORD} (default: the benchmark data's documented {@code bench-data-Password-2024}); request i signs
 * in account i mod n with {@code X-Forwarded-For: 10.a.b.c}, the (FIRST_IP + i + 1)-th address of 10.0.0.0/8, so no
 * two requests of a run share a client IP (the service must run with {@code TRUSTED_PROXIES=127.0.0.1}). Login
 * attempts are limited to 10 per 15 minutes per account and per IP: the run refuses to start (open) or stops sending
 * (closed) before any account would get more than {@value #MAX_PER_ACCOUNT} attempts, so a 429 is never what is
 * measured (reset the counters between runs; see benchmarks/login-benchmark.sh). Success is a 200 carrying an access
 * token. With {@code TOKENS_OUT=file} the access tokens of the successful logins (one per account) are written there,
 * owner-readable only; they are never printed.
 *
 * <p>{@code get}: GET PATH, with {@code Authorization: Bearer} and the tokens of TOKENS_FILE round robin (one per
 * line), or anonymous with {@code none}. With {@code ab:TOKENS_FILE} the even-numbered requests are anonymous and the
 * odd-numbered ones carry a token, and latencies are reported for each half: the two variants then share the same
 * moments of a noisy machine, so the difference of their percentiles is the token's own cost (A/B interleaving).
 * Success is 200.
 *
 * <p>{@code open}: request i is due at start + i / rate whatever happened to the earlier ones, and its latency is
 * measured from that due time (no coordinated omission); beyond 256 requests in flight a request counts as an error
 * ("shed"). {@code closed}: CONCURRENCY loops each sending the next request when the last one returns, for the
 * throughput the service sustains. Loopback only, at most 600 s and 5000/s. Prints one line: requests, throughput,
 * errors by status, latency p50/p95/p99/p99.9/max in ms.
 */
public final class LoginLoad {

    static final int MAX_PER_ACCOUNT = 9;
    static final int MAX_IN_FLIGHT = 256;
    static final Pattern ACCESS_TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String kind;
    private final String base;
    private final List<String> items;
    private final boolean alternate;
    private final String path;
    private final long firstIp;
    private final String password;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> byStatus = new TreeMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private volatile String firstError;

    private LoginLoad(
            String kind,
            String base,
            List<String> items,
            boolean alternate,
            String path,
            long firstIp,
            String password) {
        this.kind = kind;
        this.base = base;
        this.items = items;
        this.alternate = alternate;
        this.path = path;
        this.firstIp = firstIp;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6 || !Set.of("login", "get").contains(args[0])
                || !Set.of("open", "closed").contains(args[args[0].equals("login") ? 3 : 4])) {
            System.err.println("usage: LoginLoad login BASE_URL ACCOUNTS_FILE open|closed RATE|CONCURRENCY SECONDS"
                    + " [FIRST_IP]\n       LoginLoad get BASE_URL PATH TOKENS_FILE|ab:TOKENS_FILE|none open|closed"
                    + " RATE|CONCURRENCY SECONDS");
            System.exit(2);
        }
        String kind = args[0];
        String base = args[1].replaceAll("/$", "");
        if (!base.startsWith("http://127.0.0.1:") && !base.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        boolean login = kind.equals("login");
        int at = login ? 3 : 4;
        String mode = args[at];
        double level = Double.parseDouble(args[at + 1]);
        double seconds = Double.parseDouble(args[at + 2]);
        if (seconds > 600 || level > 5000 || level <= 0) {
            throw new IllegalArgumentException("bounded runs only: at most 600 s and 5000 per second or loops");
        }
        String path = login ? "/api/auth/login" : args[2];
        String file = login ? args[2] : args[3];
        boolean alternate = !login && file.startsWith("ab:");
        if (alternate) {
            file = file.substring(3);
        }
        List<String> items = file.equals("none")
                ? List.of()
                : Files.readAllLines(Path.of(file)).stream()
                        .map(String::trim)
                        .filter(line -> !line.isEmpty())
                        .toList();
        if ((login || alternate) && items.isEmpty()) {
            throw new IllegalArgumentException("no accounts or tokens in " + file);
        }
        long firstIp = login && args.length > 6 ? Long.parseLong(args[6]) : 0;
        String password = System.getenv().getOrDefault("LOGIN_PASSWORD", "bench-data-Password-2024");
        LoginLoad load = new LoginLoad(kind, base, items, alternate, path, firstIp, password);
        int limit = login ? items.size() * MAX_PER_ACCOUNT : Integer.MAX_VALUE;
        if (login && firstIp + limit > (1L << 24) - 2) {
            throw new IllegalArgumentException("FIRST_IP leaves too few addresses in 10.0.0.0/8");
        }
        Result result = mode.equals("open")
                ? load.open(level, seconds, limit)
                : load.closed((int) level, seconds, limit);
        String tokensOut = System.getenv("TOKENS_OUT");
        if (login && tokensOut != null && !tokensOut.isBlank()) {
            Path out = Path.of(tokensOut);
            Files.deleteIfExists(out);
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(out, load.tokens.values());
        }
        String label = login ? "login accounts=" + items.size()
                : "get path=" + path + " auth="
                        + (alternate ? "ab" : items.isEmpty() ? "none" : "bearer") + " tokens=" + items.size();
        System.out.println(
                result.summary(mode, level, label, alternate ? List.of("none", "bearer") : List.of(""),
                        load.byStatus, load.firstError));
        System.exit(0);
    }

    /** The request numbered {@code i} of this run. */
    private HttpRequest request(int i) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (kind.equals("login")) {
            String email = items.get(i % items.size());
            long n = firstIp + i + 1;
            String ip = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
            String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
            return builder.header("Content-Type", "application/json")
                    .header("X-Forwarded-For", ip)
                    .header("User-Agent", "LoginLoad")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
        if (!items.isEmpty() && (!alternate || i % 2 == 1)) {
            builder.header("Authorization", "Bearer " + items.get((alternate ? i / 2 : i) % items.size()));
        }
        return builder.GET().build();
    }

    /** Counts the outcome; true for a success. */
    private boolean record(int i, HttpResponse<byte[]> response, Throwable failure) {
        String status = failure != null ? failure.getClass().getSimpleName() : Integer.toString(response.statusCode());
        synchronized (byStatus) {
            byStatus.merge(status, 1, Integer::sum);
        }
        boolean ok = failure == null && response.statusCode() == 200;
        if (ok && kind.equals("login")) {
            Matcher token = ACCESS_TOKEN.matcher(new String(response.body(), StandardCharsets.UTF_8));
            ok = token.find();
            if (ok) {
                tokens.put(items.get(i % items.size()), token.group(1));
            }
        }
        if (!ok) {
            errors.incrementAndGet();
            if (firstError == null) {
                // Bodies of failed requests are problem details; a successful login's body (tokens) is never shown.
                firstError = failure != null ? failure.toString() : response.statusCode() + " "
                        + new String(response.body(), StandardCharsets.UTF_8)
                                .substring(0, Math.min(200, response.body().length));
            }
        }
        return ok;
    }

    private Result open(double rate, double seconds, int limit) throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        if (total > limit) {
            throw new IllegalArgumentException(total + " logins would give some account more than " + MAX_PER_ACCOUNT
                    + " attempts: use more accounts or a shorter run");
        }
        long[] latencies = new long[total];
        byte[] groups = new byte[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
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
                errors.incrementAndGet();
                synchronized (byStatus) {
                    byStatus.merge("shed", 1, Integer::sum);
                }
                int slot = done.getAndIncrement();
                latencies[slot] = System.nanoTime() - due;
                groups[slot] = group(i);
                finished.countDown();
                continue;
            }
            int index = i;
            client.sendAsync(request(i), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                inFlight.release();
                record(index, response, failure);
                int slot = done.getAndIncrement();
                latencies[slot] = end - due;
                groups[slot] = group(index);
                lastEnd.accumulateAndGet(end, Math::max);
                finished.countDown();
            });
        }
        finished.await(60, TimeUnit.SECONDS);
        double elapsed = (Math.max(lastEnd.get(), start + (total - 1) * intervalNanos) - start) / 1e9;
        return new Result(latencies, groups, done.get(), total, errors.get(), shed.get(), elapsed, false);
    }

    private Result closed(int concurrency, double seconds, int limit) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int capacity = (int) Math.min(limit, seconds * 5000);
        long[] latencies = new long[capacity];
        byte[] groups = new byte[capacity];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        boolean[] capped = new boolean[1];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int loop = 0; loop < concurrency; loop++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= capacity) {
                        capped[0] = true;
                        return;
                    }
                    long begin = System.nanoTime();
                    HttpResponse<byte[]> response = null;
                    Throwable failure = null;
                    try {
                        response = client.send(request(i), HttpResponse.BodyHandlers.ofByteArray());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        failure = e;
                    }
                    long end = System.nanoTime();
                    record(i, response, failure);
                    int slot = done.getAndIncrement();
                    latencies[slot] = end - begin;
                    groups[slot] = group(i);
                    lastEnd.accumulateAndGet(end, Math::max);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (Math.max(lastEnd.get(), start) - start) / 1e9;
        return new Result(latencies, groups, done.get(), done.get(), errors.get(), 0, elapsed, capped[0]);
    }

    /** 0, or for A/B runs 0 (anonymous) and 1 (with a token). */
    private byte group(int i) {
        return (byte) (alternate ? i % 2 : 0);
    }

    record Result(long[] latencyNanos, byte[] groups, int count, int planned, int errors, int shed,
            double elapsedSeconds, boolean capped) {

        String summary(
                String mode,
                double level,
                String label,
                List<String> groupNames,
                Map<String, Integer> byStatus,
                String firstError) {
            StringBuilder latencies = new StringBuilder();
            for (int g = 0; g < groupNames.size(); g++) {
                long[] sorted = new long[count];
                int n = 0;
                for (int i = 0; i < count; i++) {
                    if (groups[i] == g) {
                        sorted[n++] = latencyNanos[i];
                    }
                }
                sorted = Arrays.copyOf(sorted, n);
                Arrays.sort(sorted);
                latencies.append(String.format(
                        Locale.ROOT,
                        "%s%sp50=%.2f p95=%.1f p99=%.1f p99.9=%.1f max=%.1f ms",
                        g == 0 ? "" : "; ",
                        groupNames.get(g).isEmpty() ? "" : groupNames.get(g) + "(" + n + "): ",
                        millis(sorted, 50),
                        millis(sorted, 95),
                        millis(sorted, 99),
                        millis(sorted, 99.9),
                        sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6));
            }
            return String.format(
                    Locale.ROOT,
                    "%s %s=%s %s requests=%d (of %d) throughput=%.1f/s ok=%.1f/s errors=%d (%.2f%%, shed %d)"
                            + " status=%s %s%s%s",
                    mode,
                    mode.equals("open") ? "rate" : "concurrency",
                    level % 1 == 0 ? Long.toString((long) level) : Double.toString(level),
                    label,
                    count,
                    planned,
                    count / elapsedSeconds,
                    (count - errors) / elapsedSeconds,
                    errors,
                    count == 0 ? 0.0 : 100.0 * errors / count,
                    shed,
                    byStatus,
                    latencies,
                    capped ? " (stopped early: attempts per account capped at " + MAX_PER_ACCOUNT + ")" : "",
                    firstError == null ? "" : " first error: " + firstError);
        }

        private static double millis(long[] sorted, double percent) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }
    }
}
