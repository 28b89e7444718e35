package com.fairtradeworker.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/** Reading helpers for the strippers: a file that ends early is an incomplete file of its type, never a crash. */
final class StreamBytes {

    private static final int BUFFER = 64 * 1024;

    private StreamBytes() {}

    /** A buffered stream onto the channel that does not close it; flush before using the channel directly. */
    static OutputStream output(WritableByteChannel channel) {
        return new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
    }

    static byte[] readFully(InputStream in, int length, EvidenceType type) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw Rejections.incomplete(type);
        }
        return bytes;
    }

    static int readByte(InputStream in, EvidenceType type) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw Rejections.incomplete(type);
        }
        return b;
    }

    static void copy(InputStream in, OutputStream out, long length, EvidenceType type) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw Rejections.incomplete(type);
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    static void skip(InputStream in, long length, EvidenceType type) throws IOException {
        copy(in, OutputStream.nullOutputStream(), length, type);
    }

    static int u16be(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    static long u32be(byte[] bytes, int offset) {
        return ((long) u16be(bytes, offset) << 16) | u16be(bytes, offset + 2);
    }

    static long u32le(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL)
                | (bytes[offset + 1] & 0xFFL) << 8
                | (bytes[offset + 2] & 0xFFL) << 16
                | (bytes[offset + 3] & 0xFFL) << 24;
    }
}
