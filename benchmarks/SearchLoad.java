import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP load generator for GET requests, run as a single-file source program (no build):
 *
 * <pre>
 * java benchmarks/SearchLoad.java open   BASE_URL PATHS_FILE RATE_PER_S SECONDS [MAX_IN_FLIGHT=256]
 * java benchmarks/SearchLoad.java closed BASE_URL PATHS_FILE CONCURRENCY SECONDS
 * </pre>
 *
 * {@code open}: an open workload model. Request i is due at start + i / rate whatever happened to the earlier ones,
 * and its latency is measured from that due time, so a slow server is not hidden by the generator waiting for it
 * (no coordinated omission). Requests still running beyond MAX_IN_FLIGHT count as errors ("shed") instead of
 * queueing in the generator. {@code closed}: CONCURRENCY loops each sending the next request when the last one
 * returns, as fast as the server answers (the way pgbench runs), for the throughput the server can sustain.
 *
 * <p>Paths are taken in file order, round robin (one path per line, e.g. {@code /api/jobs?lat=...}). Loopback only:
 * the base URL must be http://127.0.0.1 or http://localhost. Prints one line: requests, throughput, error rate,
 * latency p50/p95/p99/p99.9/max in ms.
 */
public final class SearchLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: SearchLoad open|closed BASE_URL PATHS_FILE RATE|CONCURRENCY SECONDS [MAX]");
            System.exit(2);
        }
        String mode = args[0];
        String base = args[1].replaceAll("/$", "");
        if (!base.startsWith("http://127.0.0.1:") && !base.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        List<String> paths = Files.readAllLines(Path.of(args[2])).stream()
                .filter(line -> !line.isBlank())
                .toList();
        double level = Double.parseDouble(args[3]);
        double seconds = Double.parseDouble(args[4]);
        if (seconds > 600 || level > 5000) {
            throw new IllegalArgumentException("bounded runs only: at most 600 s and 5000 per second or loops");
        }
        int maxInFlight = args.length > 5 ? Integer.parseInt(args[5]) : 256;
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<URI> uris = paths.stream().map(path -> URI.create(base + path)).toList();
        Result result = mode.equals("open")
                ? open(client, uris, level, seconds, maxInFlight)
                : closed(client, uris, (int) level, seconds);
        System.out.println(result.summary(mode, level, Path.of(args[2]).getFileName().toString()));
    }

    record Result(long[] latencyNanos, int count, int errors, int shed, double elapsedSeconds, String firstError) {

        String summary(String mode, double level, String paths) {
            long[] sorted = Arrays.copyOf(latencyNanos, count);
            Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "%s %s=%s paths=%s requests=%d throughput=%.1f/s errors=%d (%.2f%%, shed %d) p50=%.1f p95=%.1f"
                            + " p99=%.1f p99.9=%.1f max=%.1f ms%s",
                    mode,
                    mode.equals("open") ? "rate" : "concurrency",
                    level % 1 == 0 ? Long.toString((long) level) : Double.toString(level),
                    paths,
                    count,
                    count / elapsedSeconds,
                    errors,
                    count == 0 ? 0.0 : 100.0 * errors / count,
                    shed,
                    millis(sorted, 50),
                    millis(sorted, 95),
                    millis(sorted, 99),
                    millis(sorted, 99.9),
                    sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
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

    private static Result open(HttpClient client, List<URI> uris, double rate, double seconds, int maxInFlight)
            throws InterruptedException {
        int total = (int) Math.round(rate * seconds);
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        String[] firstError = new String[1];
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
                errors.incrementAndGet();
                latencies[done.getAndIncrement()] = System.nanoTime() - due;
                finished.countDown();
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(uris.get(i % uris.size()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .GET()
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                inFlight.release();
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = failure != null
                                    ? failure.toString()
                                    : response.statusCode() + " " + new String(response.body()).substring(
                                            0, Math.min(200, response.body().length));
                        }
                    }
                }
                latencies[done.getAndIncrement()] = end - due;
                lastEnd.accumulateAndGet(end, Math::max);
                finished.countDown();
            });
        }
        finished.await(60, TimeUnit.SECONDS);
        double elapsed = (Math.max(lastEnd.get(), start + (total - 1) * intervalNanos) - start) / 1e9;
        return new Result(latencies, done.get(), errors.get(), shed.get(), elapsed, firstError[0]);
    }

    private static Result closed(HttpClient client, List<URI> uris, int concurrency, double seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<long[]> perLoop = new ArrayList<>();
        int[] counts = new int[concurrency];
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        String[] firstError = new String[1];
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int loop = 0; loop < concurrency; loop++) {
            long[] latencies = new long[(int) (seconds * 5000)];
            perLoop.add(latencies);
            int index = loop;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < deadline && counts[index] < latencies.length) {
                    HttpRequest request = HttpRequest.newBuilder(uris.get(next.getAndIncrement() % uris.size()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Accept", "application/json")
                            .GET()
                            .build();
                    long begin = System.nanoTime();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = Integer.toString(response.statusCode());
                                }
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e.toString();
                            }
                        }
                    }
                    latencies[counts[index]++] = System.nanoTime() - begin;
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int position = 0;
        for (int loop = 0; loop < concurrency; loop++) {
            System.arraycopy(perLoop.get(loop), 0, all, position, counts[loop]);
            position += counts[loop];
        }
        return new Result(all, total, errors.get(), 0, elapsed, firstError[0]);
    }
}
