package com.fairtradeworker.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses a stream as soon as it yields one byte more than the limit: it never asks the source for more than
 * {@code limit + 1} bytes, so an endless upload costs at most that much reading. Closing does not close the source (the
 * caller owns it).
 */
final class SizeLimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    SizeLimitedInputStream(InputStream source, long limit) {
        super(source);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        if (count > limit) {
            throw Rejections.tooLarge(limit);
        }
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count > limit) {
            throw Rejections.tooLarge(limit);
        }
        long allowed = limit + 1 - count;
        int n = in.read(buffer, offset, (int) Math.min(length, allowed));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes count too: read them through the limit rather than letting the source skip unseen.
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    /** Reads and discards the rest of the source (up to the limit), so an oversized upload is refused in full. */
    void drain() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // discard
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // The caller owns the source.
    }

    private void counted(int n) {
        count += n;
        if (count > limit) {
            throw Rejections.tooLarge(limit);
        }
    }
}
