package com.fairtradeworker.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises an evidence file by its first bytes. Names and declared content types are never consulted: a renamed
 * executable, page or archive starts with bytes none of these signatures accept.
 */
final class ContentDetection {

    /** Enough for every signature, including an HEIF {@code ftyp} box with a few compatible brands. */
    static final int HEAD_BYTES = 64;

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");
    private static final byte[] FTYP = ascii("ftyp");
    private static final byte[] PDF = ascii("%PDF-");
    /** HEVC-coded HEIF brands; AVIF and other HEIF codecs are not accepted. */
    private static final Set<String> HEIC_BRANDS =
            Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs");
    /** Generic HEIF brands that are HEIC when a compatible brand says so. */
    private static final Set<String> GENERIC_HEIF_BRANDS = Set.of("mif1", "msf1");

    private ContentDetection() {}

    /** The type whose signature {@code head} (its first {@code length} bytes) starts with, if any. */
    static Optional<EvidenceType> detect(byte[] head, int length) {
        if (startsWith(head, length, 0, JPEG)) {
            return Optional.of(EvidenceType.JPEG);
        }
        if (startsWith(head, length, 0, PNG)) {
            return Optional.of(EvidenceType.PNG);
        }
        if (startsWith(head, length, 0, RIFF) && startsWith(head, length, 8, WEBP)) {
            return Optional.of(EvidenceType.WEBP);
        }
        if (startsWith(head, length, 0, PDF)) {
            return Optional.of(EvidenceType.PDF);
        }
        if (isHeic(head, length)) {
            return Optional.of(EvidenceType.HEIC);
        }
        return Optional.empty();
    }

    /** A stream's first bytes (fewer when it is shorter), left unconsumed. */
    static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(HEAD_BYTES);
        byte[] head = in.readNBytes(HEAD_BYTES);
        in.reset();
        return head;
    }

    private static boolean isHeic(byte[] head, int length) {
        if (!startsWith(head, length, 4, FTYP) || length < 16) {
            return false;
        }
        long boxSize =
                ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        if (boxSize < 16) {
            return false;
        }
        String major = brand(head, 8);
        if (HEIC_BRANDS.contains(major)) {
            return true;
        }
        if (!GENERIC_HEIF_BRANDS.contains(major)) {
            return false;
        }
        int end = (int) Math.min(boxSize, length);
        for (int offset = 16; offset + 4 <= end; offset += 4) {
            if (HEIC_BRANDS.contains(brand(head, offset))) {
                return true;
            }
        }
        return false;
    }

    private static String brand(byte[] head, int offset) {
        return new String(head, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] head, int length, int offset, byte[] signature) {
        return length >= offset + signature.length
                && Arrays.equals(head, offset, offset + signature.length, signature, 0, signature.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
