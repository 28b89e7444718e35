import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evidence upload load for benchmarks/upload-benchmark.sh (issue 8). Single file, JDK only:
 *
 * <pre>
 *   java benchmarks/UploadLoad.java BASE FILE CONTRACTS WORKERS WARMUP MEASURE
 * </pre>
 *
 * CONTRACTS has lines "contractId contractorToken homeownerToken", one FUNDED contract per worker (the first WORKERS
 * lines are used). Each worker loops on its own contract: the contractor submits the completion (POST
 * /api/contracts/{id}/completion, multipart: part {@code completion} JSON plus one part {@code files} streamed from
 * FILE on disk with {@code BodyPublishers.ofFile}, never held in memory), which is the timed request; then the
 * homeowner asks for changes (POST /api/contracts/{id}/completion/changes), which makes the contract FUNDED again for
 * the next upload (timed separately, not counted as upload). WARMUP uploads per worker are made first and not
 * measured. MEASURE is {@code n=COUNT} (uploads per worker) or {@code s=SECONDS} (each worker starts uploads until
 * the deadline; the wall time runs to the last answer).
 *
 * Prints one line: ok uploads, failures by status, uploaded MB (10^6 bytes of file content, the multipart framing is
 * not counted), wall seconds, MB/s over the wall time, upload latency p50/p95/max/mean in ms, changes-request
 * latency p50/max. Exits 1 if any request failed.
 */
public class UploadLoad {

    record Contract(String id, String contractor, String homeowner) {}

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: UploadLoad BASE FILE CONTRACTS WORKERS WARMUP n=COUNT|s=SECONDS");
            System.exit(2);
        }
        String base = args[0];
        Path file = Path.of(args[1]);
        List<Contract> contracts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3) {
                contracts.add(new Contract(f[0], f[1], f[2]));
            }
        }
        int workers = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        String measure = args[5];
        if (contracts.size() < workers) {
            throw new IllegalArgumentException(contracts.size() + " contracts for " + workers + " workers");
        }
        long fileBytes = Files.size(file);

        // warm-up: every worker at once, not measured
        if (runAll(workers, w -> {
                    for (int i = 0; i < warmup; i++) {
                        cycle(base, file, contracts.get(w), null);
                    }
                })
                > 0) {
            System.exit(1);
        }

        Stats stats = new Stats();
        long start = System.nanoTime();
        if (measure.startsWith("n=")) {
            int count = Integer.parseInt(measure.substring(2));
            runAll(workers, w -> {
                for (int i = 0; i < count; i++) {
                    cycle(base, file, contracts.get(w), stats);
                }
            });
        } else if (measure.startsWith("s=")) {
            long deadline = start + (long) (Double.parseDouble(measure.substring(2)) * 1e9);
            runAll(workers, w -> {
                while (System.nanoTime() < deadline) {
                    cycle(base, file, contracts.get(w), stats);
                }
            });
        } else {
            throw new IllegalArgumentException(measure);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        List<Double> up = sorted(stats.upload);
        List<Double> ch = sorted(stats.changes);
        double mb = stats.ok.get() * fileBytes / 1e6;
        System.out.printf(
                "workers=%d file=%dB ok=%d failed=%d statuses=%s MB=%.0f wall=%.1fs MB/s=%.1f"
                        + " upload-ms p50=%.0f p95=%.0f max=%.0f mean=%.0f changes-ms p50=%.0f max=%.0f%n",
                workers, fileBytes, stats.ok.get(), stats.failed.get(), new TreeMap<>(stats.statuses), mb, wall,
                mb / wall, pct(up, 50), pct(up, 95), pct(up, 100), mean(up), pct(ch, 50), pct(ch, 100));
        if (stats.failed.get() > 0) {
            System.exit(1);
        }
    }

    /** One upload (timed) and one change request that makes the contract FUNDED again. */
    static void cycle(String base, Path file, Contract c, Stats stats) throws IOException, InterruptedException {
        String boundary = "ftw-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"completion\"\r\n"
                        + "Content-Type: application/json\r\n\r\n"
                        + "{\"summary\":\"Benchmark upload\",\"notes\":\"issue 8\"}\r\n"
                        + "--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"files\"; filename=\"evidence.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/api/contracts/" + c.id() + "/completion"))
                .timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + c.contractor())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.concat(
                        BodyPublishers.ofByteArray(head), BodyPublishers.ofFile(file), BodyPublishers.ofByteArray(tail)))
                .build();
        long t0 = System.nanoTime();
        var response = CLIENT.send(upload, BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (stats != null) {
            stats.statuses.merge(response.statusCode(), 1L, Long::sum);
        }
        if (response.statusCode() != 201) {
            if (stats != null) {
                stats.failed.incrementAndGet();
            }
            System.err.println("upload " + c.id() + ": " + response.statusCode() + " " + response.body());
            throw new IOException("upload failed: " + response.statusCode());
        }
        if (stats != null) {
            stats.ok.incrementAndGet();
            stats.upload.add(ms);
        }
        HttpRequest changes = HttpRequest.newBuilder(
                        URI.create(base + "/api/contracts/" + c.id() + "/completion/changes"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + c.homeowner())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"reason\":\"benchmark: next upload\"}"))
                .build();
        t0 = System.nanoTime();
        var answer = CLIENT.send(changes, BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            System.err.println("changes " + c.id() + ": " + answer.statusCode() + " " + answer.body());
            throw new IOException("changes failed: " + answer.statusCode());
        }
        if (stats != null) {
            stats.changes.add((System.nanoTime() - t0) / 1e6);
        }
    }

    interface Work {
        void run(int worker) throws Exception;
    }

    static int runAll(int workers, Work work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                try {
                    work.run(worker);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            System.err.println(errors.size() + " worker(s) stopped: " + errors.get(0));
        }
        return errors.size();
    }

    static final class Stats {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        final List<Double> upload = Collections.synchronizedList(new ArrayList<>());
        final List<Double> changes = Collections.synchronizedList(new ArrayList<>());
    }

    static List<Double> sorted(List<Double> values) {
        List<Double> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
