import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notifications outbox benchmark's two halves (issue 9, benchmarks/notification-benchmark.sh), run as a single-file
 * source program (JDK only, no build):
 *
 * <pre>
 * java benchmarks/NotificationLoad.java sink PORT OUT_FILE [MAX_SECONDS=1800]
 * java benchmarks/NotificationLoad.java bids BASE_URL PAIRS_FILE CONCURRENCY OUT_FILE
 * </pre>
 *
 * <p>{@code sink}: a minimal SMTP server on 127.0.0.1:PORT, plain SMTP (no STARTTLS offered, no AUTH), that answers
 * every command with success and keeps nothing but one line per accepted message, appended to OUT_FILE and flushed at
 * once: {@code acceptMicros connectMicros notificationId jobId session}. acceptMicros is the wall clock (epoch
 * microseconds, the same clock as PostgreSQL's on this machine) right after the message's final "." line was read,
 * just before the sink answers 250; connectMicros is when the SMTP connection of that message was accepted.
 * notificationId is the local part of the Message-ID (the service sets it to the outbox row's id); jobId the first
 * {@code /jobs/<uuid>} link in the message (quoted-printable soft line breaks undone), "-" when there is none (account
 * mails); session numbers the connections. Addresses, subjects and bodies are never written. Stops after MAX_SECONDS
 * or when killed.
 *
 * <p>{@code bids}: PAIRS_FILE holds "accessToken jobId currency" per line; CONCURRENCY loops (closed model) take the
 * lines in order and POST /api/jobs/{jobId}/bids for each, each loop sending its next bid when the last one answered,
 * so the bids go in as fast as the service takes them. OUT_FILE gets "jobId status sentMicros answeredMicros" per
 * request (answeredMicros: the 201 arrived, so the bid's transaction had committed). Success is 201. Prints one line:
 * requests, wall time, rate, errors by status, latency p50/p95/p99/max in ms. Loopback only, at most 100,000 bids.
 */
public final class NotificationLoad {

    private static final Pattern JOB_LINK = Pattern.compile("/jobs/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?i)^message-id:\\s*<([^@>\\s]+)@");

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("sink")) {
            sink(Integer.parseInt(args[1]), Path.of(args[2]), args.length > 3 ? Long.parseLong(args[3]) : 1800);
        } else if (args.length >= 5 && args[0].equals("bids")) {
            bids(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
        } else {
            System.err.println("usage: NotificationLoad sink PORT OUT_FILE [MAX_SECONDS]\n"
                    + "       NotificationLoad bids BASE_URL PAIRS_FILE CONCURRENCY OUT_FILE");
            System.exit(2);
        }
        System.exit(0);
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    // --- SMTP sink ---------------------------------------------------------------------------------------------------

    private static void sink(int port, Path out, long maxSeconds) throws IOException {
        if (maxSeconds > 7200) {
            throw new IllegalArgumentException("bounded runs only: at most 7200 s");
        }
        PrintWriter records = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII));
        ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "smtp-session");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger sessionCount = new AtomicInteger();
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("sink: " + maxSeconds + " s passed, stopping");
            System.exit(1);
        });
        stopper.setDaemon(true);
        stopper.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (records) {
                records.flush();
            }
        }));
        System.err.println("sink: listening on 127.0.0.1:" + port);
        while (true) {
            Socket socket = server.accept();
            long connected = micros(Instant.now());
            int session = sessionCount.incrementAndGet();
            sessions.execute(() -> {
                try (socket) {
                    socket.setSoTimeout(60_000);
                    socket.setTcpNoDelay(true);
                    converse(socket, connected, session, records);
                } catch (IOException e) {
                    System.err.println("sink: session " + session + ": " + e);
                }
            });
        }
    }

    private static void converse(Socket socket, long connected, int session, PrintWriter records) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        reply(out, "220 127.0.0.1 ESMTP notification-benchmark sink");
        String line;
        while ((line = readLine(in)) != null) {
            String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (command) {
                case "EHLO" -> reply(out, "250-127.0.0.1\r\n250-8BITMIME\r\n250 SIZE 52428800");
                case "HELO" -> reply(out, "250 127.0.0.1");
                case "MAIL" -> reply(out, "250 2.1.0 Ok");
                case "RCPT" -> reply(out, "250 2.1.5 Ok");
                case "RSET", "NOOP" -> reply(out, "250 2.0.0 Ok");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String[] ids = readMessage(in);
                    long accepted = micros(Instant.now());
                    synchronized (records) {
                        records.println(accepted + " " + connected + " " + ids[0] + " " + ids[1] + " " + session);
                        records.flush();
                    }
                    reply(out, "250 2.0.0 Ok: queued");
                }
                default -> reply(out, "502 5.5.2 Command not recognised");
            }
        }
    }

    /** Reads DATA up to the lone "."; returns {notificationId, jobId}, "-" for what is not there. */
    private static String[] readMessage(InputStream in) throws IOException {
        String messageId = "-";
        boolean inHeaders = true;
        StringBuilder body = new StringBuilder();
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                break;
            }
            if (line.startsWith("..")) {
                line = line.substring(1);
            }
            if (inHeaders) {
                if (line.isEmpty()) {
                    inHeaders = false;
                    continue;
                }
                Matcher id = MESSAGE_ID.matcher(line);
                if (id.find()) {
                    messageId = id.group(1);
                }
                continue;
            }
            // Quoted-printable soft line break: the next line continues this one.
            if (line.endsWith("=")) {
                body.append(line, 0, line.length() - 1);
            } else {
                body.append(line).append('\n');
            }
        }
        Matcher job = JOB_LINK.matcher(body);
        return new String[] {messageId, job.find() ? job.group(1).toLowerCase(Locale.ROOT) : "-"};
    }

    /** One line without its CRLF (ISO-8859-1, byte for byte), or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            buffer.write(b);
            if (buffer.size() > 1_000_000) {
                throw new IOException("line too long");
            }
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    // --- bids --------------------------------------------------------------------------------------------------------

    private static void bids(String baseUrl, Path pairsFile, int concurrency, Path out) throws Exception {
        String base = baseUrl.replaceAll("/$", "");
        if (!base.startsWith("http://127.0.0.1:") && !base.startsWith("http://localhost:")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        List<String[]> pairs = Files.readAllLines(pairsFile).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.trim().split("\\s+"))
                .toList();
        if (pairs.size() > 100_000 || concurrency < 1 || concurrency > 256) {
            throw new IllegalArgumentException("bounded runs only: at most 100,000 bids and 256 loops");
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String[] lines = new String[pairs.size()];
        long[] latencies = new long[pairs.size()];
        Map<String, Integer> byStatus = new TreeMap<>();
        AtomicInteger next = new AtomicInteger();
        List<String> firstError = new ArrayList<>();
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        List<Thread> loops = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread loop = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < pairs.size()) {
                    String[] pair = pairs.get(i);
                    String body = String.format(Locale.ROOT,
                            "{\"amount\":{\"amountMinor\":%d,\"currency\":\"%s\"},\"proposal\":\"Notification benchmark"
                                    + " bid %d: licensed crew, materials included.\",\"estimatedDurationDays\":%d}",
                            50_000 + (i % 1000) * 100, pair[2], i, 1 + i % 30);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + pair[1] + "/bids"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Accept", "application/json")
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + pair[0])
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    long sent = micros(Instant.now());
                    long sentNanos = System.nanoTime();
                    String status;
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        status = Integer.toString(response.statusCode());
                        if (response.statusCode() != 201) {
                            synchronized (firstError) {
                                if (firstError.isEmpty()) {
                                    firstError.add(status + " " + response.body()
                                            .substring(0, Math.min(200, response.body().length())));
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        status = e.getClass().getSimpleName();
                    }
                    long answered = micros(Instant.now());
                    latencies[i] = System.nanoTime() - sentNanos;
                    lines[i] = pair[1] + " " + status + " " + sent + " " + answered;
                    synchronized (byStatus) {
                        byStatus.merge(status, 1, Integer::sum);
                    }
                }
            }, "bids-" + c);
            loop.start();
            loops.add(loop);
        }
        for (Thread loop : loops) {
            loop.join(TimeUnit.MINUTES.toMillis(10));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Files.write(out, Arrays.stream(lines).filter(line -> line != null).toList(), StandardCharsets.US_ASCII);
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int ok = byStatus.getOrDefault("201", 0);
        System.out.println(String.format(Locale.ROOT,
                "bids closed clients=%d requests=%d started=%s wall=%.2fs rate=%.1f/s ok=%d errors=%d status=%s"
                        + " p50=%.1f p95=%.1f p99=%.1f max=%.1f ms%s",
                concurrency, pairs.size(), startedAt, elapsed, pairs.size() / elapsed, ok, pairs.size() - ok, byStatus,
                millis(sorted, 50), millis(sorted, 95), millis(sorted, 99),
                sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1e6,
                firstError.isEmpty() ? "" : " first error: " + firstError.get(0)));
    }

    private static double millis(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
