import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load for bid placement (issue 5), POST /api/jobs/{jobId}/bids, run as a single-file source program:
 *
 * <pre>
 * java benchmarks/BidLoad.java BASE_URL PAIRS_FILE RATE_PER_S SECONDS [MAX_IN_FLIGHT=256]
 * </pre>
 *
 * PAIRS_FILE: one line per request, "accessToken jobId currency", each a distinct (contractor, job) pair on which
 * the contractor has no bid yet (see benchmarks/bid-benchmark.sh); lines are used once, in file order, and the run
 * refuses to start if the file holds fewer than RATE x SECONDS lines. Request i is due at start + i / rate and its
 * latency is measured from that due time (no coordinated omission); beyond MAX_IN_FLIGHT a request counts as an
 * error ("shed"). Success is 201 only; every other status is an error and counted by status. Loopback only, at most
 * 600 s and 5000/s. Prints one line: requests, throughput, errors by status, latency p50/p95/p99/p99.9/max in ms.
 */
public final class BidLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BidLoad BASE_URL PAIRS_FILE RATE SECONDS [MAX_IN_FLIGHT]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        if (!base.startsWith("http://127.0.0.1:") && !base.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        List<String[]> pairs = Files.readAllLines(Path.of(args[1])).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+"))
                .toList();
        double rate = Double.parseDouble(args[2]);
        double seconds = Double.parseDouble(args[3]);
        if (seconds > 600 || rate > 5000) {
            throw new IllegalArgumentException("bounded runs only: at most 600 s and 5000 per second");
        }
        int maxInFlight = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        int total = (int) Math.round(rate * seconds);
        if (pairs.size() < total) {
            throw new IllegalArgumentException("need " + total + " pairs, file has " + pairs.size());
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        Map<String, Integer> byStatus = new TreeMap<>();
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
                synchronized (byStatus) {
                    byStatus.merge("shed", 1, Integer::sum);
                }
                latencies[done.getAndIncrement()] = System.nanoTime() - due;
                finished.countDown();
                continue;
            }
            String[] pair = pairs.get(i);
            String body = String.format(Locale.ROOT,
                    "{\"amount\":{\"amountMinor\":%d,\"currency\":\"%s\"},\"proposal\":\"Benchmark bid %d: licensed"
                            + " crew, materials included, clean-up daily.\",\"estimatedDurationDays\":%d}",
                    50_000 + (i % 1000) * 100, pair[2], i, 1 + i % 30);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + pair[1] + "/bids"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + pair[0])
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
                long end = System.nanoTime();
                inFlight.release();
                String status = failure != null ? failure.getClass().getSimpleName()
                        : Integer.toString(response.statusCode());
                synchronized (byStatus) {
                    byStatus.merge(status, 1, Integer::sum);
                }
                if (failure != null || response.statusCode() != 201) {
                    errors.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = failure != null ? failure.toString() : response.statusCode() + " "
                                    + new String(response.body()).substring(0, Math.min(200, response.body().length));
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
        int count = done.get();
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT,
                "open rate=%s requests=%d (of %d) throughput=%.1f/s ok=%.1f/s errors=%d (%.2f%%, shed %d) status=%s"
                        + " p50=%.1f p95=%.1f p99=%.1f p99.9=%.1f max=%.1f ms%s",
                rate % 1 == 0 ? Long.toString((long) rate) : Double.toString(rate), count, total, count / elapsed,
                (count - errors.get()) / elapsed, errors.get(), count == 0 ? 0.0 : 100.0 * errors.get() / count,
                shed.get(), byStatus, millis(sorted, 50), millis(sorted, 95), millis(sorted, 99), millis(sorted, 99.9),
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
                firstError[0] == null ? "" : " first error: " + firstError[0]));
        System.exit(0);
    }

    private static double millis(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
