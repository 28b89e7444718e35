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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model HTTP load for the marketplace's write routes, run as a single-file source program. Written for bid
 * placement (issue 5, benchmarks/bid-benchmark.sh); an optional first argument names another route (issue 6, escrow,
 * benchmarks/escrow-benchmark.sh):
 *
 * <pre>
 * java benchmarks/BidLoad.java [MODE] BASE_URL PAIRS_FILE RATE_PER_S SECONDS [MAX_IN_FLIGHT=256]
 * java benchmarks/BidLoad.java MODE BASE_URL PAIRS_FILE closed REQUESTS
 * </pre>
 *
 * PAIRS_FILE: one line per request, "accessToken target [currency]"; lines are used once, in file order, and the run
 * refuses to start if the file holds fewer lines than requests. MODE (default bid) and its line, route and success:
 *
 * <ul>
 *   <li>bid: "token jobId currency", POST /api/jobs/{jobId}/bids with amount, proposal and duration; 201. Each line a
 *       distinct (contractor, job) pair on which the contractor has no bid yet.
 *   <li>accept: "token bidId", POST /api/bids/{bidId}/accept (the homeowner; the bid becomes a contract); 201.
 *   <li>fund: "token contractId", POST /api/contracts/{id}/fund (the homeowner); 200.
 *   <li>complete: "token contractId", POST /api/contracts/{id}/completion, JSON {summary, notes} (the contractor); 201.
 *   <li>approve: "token contractId", POST /api/contracts/{id}/completion/approve (the homeowner; escrow released);
 *       200.
 *   <li>propose-cancel: "token contractId", POST /api/contracts/{id}/cancellation-proposal (either party); 200.
 *   <li>accept-cancel: "token contractId", POST /api/contracts/{id}/cancellation-proposal/accept (the other party;
 *       escrow refunded); 200.
 *   <li>statement: "token contractId", GET /api/contracts/{id}/escrow; 200.
 * </ul>
 *
 * fund, approve and accept-cancel send a fresh random Idempotency-Key with every request; a response marked
 * Idempotent-Replayed counts as an error ("replayed"). Open model (RATE a number): request i is due at start + i / rate
 * and its latency is measured from that due time (no coordinated omission); beyond MAX_IN_FLIGHT a request counts as an
 * error ("shed"). Closed (RATE "closed"): REQUESTS requests one after another from one client, each sent when the
 * previous answered, latency from its send. Every status other than the mode's success is an error and counted by
 * status. Loopback only, at most 600 s and 5000/s (closed: 100,000 requests). Prints one line: requests, throughput,
 * errors by status, latency p50/p95/p99/p99.9/max in ms (prefixed "mode=MODE" for every mode but bid).
 */
public final class BidLoad {

    private static final List<String> MODES = List.of(
            "bid", "accept", "fund", "complete", "approve", "propose-cancel", "accept-cancel", "statement");

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 && MODES.contains(args[0]) ? args[0] : "bid";
        if (!mode.equals("bid") || (args.length > 0 && args[0].equals("bid"))) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 4) {
            System.err.println("usage: BidLoad [MODE] BASE_URL PAIRS_FILE RATE SECONDS [MAX_IN_FLIGHT]\n"
                    + "       BidLoad MODE BASE_URL PAIRS_FILE closed REQUESTS\n       MODE: " + MODES);
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
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String prefix = mode.equals("bid") ? "" : "mode=" + mode + " ";
        if (args[2].equals("closed")) {
            int total = Integer.parseInt(args[3]);
            if (total > 100_000) {
                throw new IllegalArgumentException("bounded runs only: at most 100,000 requests");
            }
            requireLines(pairs, total);
            System.out.println(prefix + closed(client, base, mode, pairs, total));
        } else {
            double rate = Double.parseDouble(args[2]);
            double seconds = Double.parseDouble(args[3]);
            if (seconds > 600 || rate > 5000) {
                throw new IllegalArgumentException("bounded runs only: at most 600 s and 5000 per second");
            }
            int maxInFlight = args.length > 4 ? Integer.parseInt(args[4]) : 256;
            int total = (int) Math.round(rate * seconds);
            requireLines(pairs, total);
            System.out.println(prefix + open(client, base, mode, pairs, rate, total, maxInFlight));
        }
        System.exit(0);
    }

    private static void requireLines(List<String[]> pairs, int total) {
        if (pairs.size() < total) {
            throw new IllegalArgumentException("need " + total + " pairs, file has " + pairs.size());
        }
    }

    /** The request of line i of the pairs file in this mode. */
    private static HttpRequest request(String base, String mode, String[] pair, int i) {
        String token = pair[0];
        String target = pair[1];
        String path;
        String body = null;
        boolean idempotencyKey = false;
        switch (mode) {
            case "bid" -> {
                path = "/api/jobs/" + target + "/bids";
                body = String.format(Locale.ROOT,
                        "{\"amount\":{\"amountMinor\":%d,\"currency\":\"%s\"},\"proposal\":\"Benchmark bid %d: licensed"
                                + " crew, materials included, clean-up daily.\",\"estimatedDurationDays\":%d}",
                        50_000 + (i % 1000) * 100, pair[2], i, 1 + i % 30);
            }
            case "accept" -> {
                path = "/api/bids/" + target + "/accept";
                body = "";
            }
            case "fund" -> {
                path = "/api/contracts/" + target + "/fund";
                body = "";
                idempotencyKey = true;
            }
            case "complete" -> {
                path = "/api/contracts/" + target + "/completion";
                body = String.format(Locale.ROOT,
                        "{\"summary\":\"Benchmark completion %d: work finished as agreed, site cleaned.\","
                                + "\"notes\":\"Photos on request.\"}",
                        i);
            }
            case "approve" -> {
                path = "/api/contracts/" + target + "/completion/approve";
                body = "";
                idempotencyKey = true;
            }
            case "propose-cancel" -> {
                path = "/api/contracts/" + target + "/cancellation-proposal";
                body = "";
            }
            case "accept-cancel" -> {
                path = "/api/contracts/" + target + "/cancellation-proposal/accept";
                body = "";
                idempotencyKey = true;
            }
            case "statement" -> path = "/api/contracts/" + target + "/escrow";
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (idempotencyKey) {
            builder.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (body == null) {
            builder.GET();
        } else if (body.isEmpty()) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return builder.build();
    }

    private static int success(String mode) {
        return switch (mode) {
            case "bid", "accept", "complete" -> 201;
            default -> 200;
        };
    }

    /** Tallies outcomes; shared by the sending loop and the client's completion threads. */
    private static final class Tally {
        final int success;
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, Integer> byStatus = new TreeMap<>();
        String firstError;

        Tally(int success) {
            this.success = success;
        }

        void record(HttpResponse<byte[]> response, Throwable failure) {
            boolean replayed = response != null
                    && response.headers().firstValue("Idempotent-Replayed").orElse("").equals("true");
            String status = failure != null ? failure.getClass().getSimpleName()
                    : response.statusCode() + (replayed ? " replayed" : "");
            synchronized (this) {
                byStatus.merge(status, 1, Integer::sum);
                if (failure != null || response.statusCode() != success || replayed) {
                    errors.incrementAndGet();
                    if (firstError == null) {
                        firstError = failure != null ? failure.toString() : status + " "
                                + new String(response.body()).substring(0, Math.min(200, response.body().length));
                    }
                }
            }
        }

        synchronized void shed() {
            errors.incrementAndGet();
            byStatus.merge("shed", 1, Integer::sum);
        }
    }

    private static String open(HttpClient client, String base, String mode, List<String[]> pairs, double rate,
            int total, int maxInFlight) throws InterruptedException {
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong lastEnd = new AtomicLong();
        Tally tally = new Tally(success(mode));
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
            HttpRequest request = request(base, mode, pairs.get(i), i);
            client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
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
                percentiles(sorted), tally.firstError == null ? "" : " first error: " + tally.firstError);
    }

    private static String closed(HttpClient client, String base, String mode, List<String[]> pairs, int total)
            throws InterruptedException {
        long[] latencies = new long[total];
        Tally tally = new Tally(success(mode));
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            HttpRequest request = request(base, mode, pairs.get(i), i);
            long sent = System.nanoTime();
            HttpResponse<byte[]> response = null;
            Throwable failure = null;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException e) {
                failure = e;
            }
            latencies[i] = System.nanoTime() - sent;
            tally.record(response, failure);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT,
                "closed clients=1 requests=%d throughput=%.1f/s ok=%.1f/s errors=%d (%.2f%%) status=%s %s%s",
                total, total / elapsed, (total - tally.errors.get()) / elapsed, tally.errors.get(),
                total == 0 ? 0.0 : 100.0 * tally.errors.get() / total, tally.byStatus, percentiles(sorted),
                tally.firstError == null ? "" : " first error: " + tally.firstError);
    }

    private static String percentiles(long[] sorted) {
        return String.format(Locale.ROOT, "p50=%.1f p95=%.1f p99=%.1f p99.9=%.1f max=%.1f ms",
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
