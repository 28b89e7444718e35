package com.fairtradeworker.storage;

import java.io.InputStream;

/** A stream of a given length made up as it is read (a header, then filler), counting what was taken from it. */
final class GeneratedStream extends InputStream {

    private final byte[] header;
    private final long length;
    private final byte filler;
    private long served;

    GeneratedStream(byte[] header, long length, byte filler) {
        this.header = header;
        this.length = length;
        this.filler = filler;
    }

    long served() {
        return served;
    }

    @Override
    public int read() {
        if (served >= length) {
            return -1;
        }
        int b = served < header.length ? header[(int) served] & 0xFF : filler & 0xFF;
        served++;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        if (served >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - served);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = served < header.length ? header[(int) served] : filler;
            served++;
        }
        return n;
    }
}
