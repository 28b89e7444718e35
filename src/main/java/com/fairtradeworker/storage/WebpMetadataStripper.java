package com.fairtradeworker.storage;

import static com.fairtradeworker.storage.StreamBytes.readFully;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Copies a WebP (RIFF) file chunk by chunk without its {@code EXIF} and {@code XMP } chunks, clears the matching flags
 * of the {@code VP8X} header chunk, and rewrites the RIFF size once the copy's length is known. Bytes after the RIFF
 * container are dropped.
 */
final class WebpMetadataStripper implements MetadataStripper {

    private static final EvidenceType TYPE = EvidenceType.WEBP;
    private static final int RIFF_HEADER = 12;
    private static final int CHUNK_HEADER = 8;
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;
    /** VP8X is 10 bytes; a larger one is malformed and not worth reading into memory. */
    private static final int MAX_VP8X = 64;

    @Override
    public void strip(InputStream in, SeekableByteChannel channel) throws IOException {
        OutputStream out = StreamBytes.output(channel);
        byte[] header = readFully(in, RIFF_HEADER, TYPE);
        long remaining = StreamBytes.u32le(header, 4) - 4;
        if (remaining < CHUNK_HEADER) {
            throw Rejections.incomplete(TYPE);
        }
        out.write(header);
        long written = RIFF_HEADER;
        while (remaining > 0) {
            byte[] chunkHeader = readFully(in, CHUNK_HEADER, TYPE);
            String fourCc = new String(chunkHeader, 0, 4, StandardCharsets.ISO_8859_1);
            long size = StreamBytes.u32le(chunkHeader, 4);
            long padded = size + (size & 1);
            remaining -= CHUNK_HEADER + padded;
            if (remaining < 0) {
                throw Rejections.incomplete(TYPE);
            }
            switch (fourCc) {
                case "EXIF", "XMP " -> StreamBytes.skip(in, padded, TYPE);
                case "VP8X" -> written += copyExtendedHeader(in, out, chunkHeader, padded);
                default -> {
                    out.write(chunkHeader);
                    StreamBytes.copy(in, out, padded, TYPE);
                    written += CHUNK_HEADER + padded;
                }
            }
        }
        out.flush();
        writeRiffSize(channel, written - 8);
    }

    private static long copyExtendedHeader(InputStream in, OutputStream out, byte[] chunkHeader, long padded)
            throws IOException {
        if (padded < 1 || padded > MAX_VP8X) {
            throw Rejections.incomplete(TYPE);
        }
        byte[] payload = readFully(in, (int) padded, TYPE);
        payload[0] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
        out.write(chunkHeader);
        out.write(payload);
        return CHUNK_HEADER + padded;
    }

    private static void writeRiffSize(SeekableByteChannel channel, long riffSize) throws IOException {
        long end = channel.position();
        ByteBuffer size = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) riffSize)
                .flip();
        channel.position(4);
        while (size.hasRemaining()) {
            channel.write(size);
        }
        channel.position(end);
    }
}
