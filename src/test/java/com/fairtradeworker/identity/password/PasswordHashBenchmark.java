package com.fairtradeworker.identity.password;

import java.util.Arrays;

/**
 * Argon2id cost on this machine with the configured parameters: 5 warm-up rounds, then 50 measured hashes and 50
 * verifications, reported as p50, p95 and max in milliseconds. Not a test (surefire does not pick it up); run it with
 * the test classpath:
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   com.fairtradeworker.identity.password.PasswordHashBenchmark [memoryKib iterations parallelism]
 * </pre>
 */
public final class PasswordHashBenchmark {

    private static final int WARM_UP = 5;
    private static final int MEASURED = 50;

    private PasswordHashBenchmark() {}

    public static void main(String[] args) {
        Argon2Settings settings = args.length == 3
                ? new Argon2Settings(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]))
                : Argon2Settings.DEFAULTS;
        PasswordHasher hasher = new PasswordHasher(settings);
        String password = "benchmark-password-0123456789";

        for (int i = 0; i < WARM_UP; i++) {
            hasher.matches(password, hasher.hash(password));
        }
        long[] hashNanos = new long[MEASURED];
        long[] verifyNanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            String stored = hasher.hash(password);
            long hashed = System.nanoTime();
            hasher.matches(password, stored);
            verifyNanos[i] = System.nanoTime() - hashed;
            hashNanos[i] = hashed - start;
        }

        System.out.printf(
                "Argon2id m=%d KiB, t=%d, p=%d; %d runs after %d warm-up; %d CPUs, Java %s%n",
                settings.memoryKib(),
                settings.iterations(),
                settings.parallelism(),
                MEASURED,
                WARM_UP,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        report("hash", hashNanos);
        report("verify", verifyNanos);
    }

    private static void report(String operation, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-6s p50 %6.1f ms   p95 %6.1f ms   max %6.1f ms%n",
                operation,
                millis(percentile(sorted, 50)),
                millis(percentile(sorted, 95)),
                millis(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
