package com.fairtradeworker.storage;

import static com.fairtradeworker.storage.StreamBytes.readByte;
import static com.fairtradeworker.storage.StreamBytes.readFully;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * Rewrites a JPEG's marker segments without APP1 (Exif, where the GPS block lives, and XMP), APP13 (Photoshop/IPTC) and
 * the APP2 multi-picture index; everything after the image's end marker (the extra images that index pointed to, each
 * with its own Exif) is dropped too. Entropy-coded data is copied as is; nothing is decoded.
 */
final class JpegMetadataStripper implements MetadataStripper {

    private static final EvidenceType TYPE = EvidenceType.JPEG;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP13 = 0xED;
    private static final int TEM = 0x01;
    private static final byte[] MPF = {'M', 'P', 'F', 0};

    @Override
    public void strip(InputStream in, SeekableByteChannel channel) throws IOException {
        OutputStream out = StreamBytes.output(channel);
        if (readByte(in, TYPE) != 0xFF || readByte(in, TYPE) != SOI) {
            throw Rejections.incomplete(TYPE);
        }
        writeMarker(out, SOI);
        boolean scanned = false;
        int marker = nextMarker(in);
        while (marker != EOI) {
            if (marker == TEM || isRestart(marker)) {
                writeMarker(out, marker);
                marker = nextMarker(in);
                continue;
            }
            if (marker == SOI) {
                throw Rejections.incomplete(TYPE);
            }
            copyOrDropSegment(in, out, marker);
            if (marker == SOS) {
                scanned = true;
                marker = copyEntropyCodedData(in, out);
            } else {
                marker = nextMarker(in);
            }
        }
        if (!scanned) {
            throw Rejections.incomplete(TYPE);
        }
        writeMarker(out, EOI);
        out.flush();
    }

    private static void copyOrDropSegment(InputStream in, OutputStream out, int marker) throws IOException {
        byte[] lengthBytes = readFully(in, 2, TYPE);
        int payload = StreamBytes.u16be(lengthBytes, 0) - 2;
        if (payload < 0) {
            throw Rejections.incomplete(TYPE);
        }
        if (marker == APP1 || marker == APP13) {
            StreamBytes.skip(in, payload, TYPE);
            return;
        }
        byte[] prefix = new byte[0];
        if (marker == APP2) {
            prefix = readFully(in, Math.min(MPF.length, payload), TYPE);
            if (Arrays.equals(prefix, MPF)) {
                StreamBytes.skip(in, payload - prefix.length, TYPE);
                return;
            }
        }
        writeMarker(out, marker);
        out.write(lengthBytes);
        out.write(prefix);
        StreamBytes.copy(in, out, payload - prefix.length, TYPE);
    }

    /**
     * Copies a scan's entropy-coded bytes up to the next marker and returns that marker. Inside a scan 0xFF is always
     * followed by a stuffed 0x00 or a restart marker; anything else ends the scan.
     */
    private static int copyEntropyCodedData(InputStream in, OutputStream out) throws IOException {
        while (true) {
            int b = readByte(in, TYPE);
            if (b != 0xFF) {
                out.write(b);
                continue;
            }
            int next = readByte(in, TYPE);
            while (next == 0xFF) {
                next = readByte(in, TYPE);
            }
            if (next == 0x00 || isRestart(next)) {
                out.write(0xFF);
                out.write(next);
            } else {
                return next;
            }
        }
    }

    /** Reads a marker, skipping the fill bytes (0xFF) allowed before it. */
    private static int nextMarker(InputStream in) throws IOException {
        if (readByte(in, TYPE) != 0xFF) {
            throw Rejections.incomplete(TYPE);
        }
        int marker = readByte(in, TYPE);
        while (marker == 0xFF) {
            marker = readByte(in, TYPE);
        }
        if (marker == 0x00) {
            throw Rejections.incomplete(TYPE);
        }
        return marker;
    }

    private static boolean isRestart(int marker) {
        return marker >= 0xD0 && marker <= 0xD7;
    }

    private static void writeMarker(OutputStream out, int marker) throws IOException {
        out.write(0xFF);
        out.write(marker);
    }
}
