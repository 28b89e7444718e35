package com.fairtradeworker.infrastructure.terraform;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * hcl4j 0.9.4 prints a trace line to System.out for every expression it evaluates; thousands per parse would bury
 * the test report, so parsing runs with System.out silenced.
 */
final class QuietConsole {

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private QuietConsole() {}

    static synchronized <T> T call(Callable<T> action) throws Exception {
        PrintStream original = System.out;
        System.setOut(DISCARD);
        try {
            return action.call();
        } finally {
            System.setOut(original);
        }
    }
}
