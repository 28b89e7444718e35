package com.fairtradeworker.storage;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Real files for the storage tests, built here so every byte that matters is visible. */
final class EvidenceSamples {

    static final int WIDTH = 48;
    static final int HEIGHT = 32;
    /** A latitude second value that only the GPS block contains, to find it in a file's bytes. */
    static final String XMP_GPS = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description"
            + " exif:GPSLatitude=\"40,26.772N\" exif:GPSLongitude=\"79,58.936W\"/></rdf:RDF></x:xmpmeta>";

    /** A 1x1 lossless WebP (a widely used feature-detection image): RIFF, WEBP, one VP8L chunk. */
    static final byte[] WEBP_1X1 = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private EvidenceSamples() {}

    static BufferedImage picture() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, WIDTH, HEIGHT, Color.BLUE));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.WHITE);
        g.fillOval(8, 6, 20, 14);
        g.dispose();
        return image;
    }

    static byte[] jpeg(boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(picture(), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A JPEG from ImageIO with an Exif APP1 (GPS block included) and an XMP APP1 spliced in after its JFIF APP0. */
    static byte[] jpegWithGps(boolean progressive) {
        byte[] plain = jpeg(progressive);
        int app0End = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, app0End);
        writeSegment(out, 0xE1, concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiffWithGps()));
        writeSegment(out, 0xE1, ("http://ns.adobe.com/xap/1.0/\0" + XMP_GPS).getBytes(StandardCharsets.UTF_8));
        out.write(plain, app0End, plain.length - app0End);
        return out.toByteArray();
    }

    /** A TIFF structure (little-endian) as Exif carries it: IFD0 pointing at a GPS IFD with latitude and longitude. */
    static byte[] tiffWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int gpsIfd = 8 + 2 + 12 + 4;
        tiff.putShort((short) 1);
        entry(tiff, 0x8825, 4, 1, gpsIfd); // GPSInfo
        tiff.putInt(0);
        int data = gpsIfd + 2 + 4 * 12 + 4;
        tiff.putShort((short) 4);
        entry(tiff, 0x0001, 2, 2, 'N'); // GPSLatitudeRef
        entry(tiff, 0x0002, 5, 3, data); // GPSLatitude
        entry(tiff, 0x0003, 2, 2, 'W'); // GPSLongitudeRef
        entry(tiff, 0x0004, 5, 3, data + 24); // GPSLongitude
        tiff.putInt(0);
        for (int[] rational : new int[][] {{40, 1}, {26, 1}, {4632, 100}, {79, 1}, {58, 1}, {5616, 100}}) {
            tiff.putInt(rational[0]).putInt(rational[1]);
        }
        byte[] bytes = new byte[tiff.position()];
        tiff.flip().get(bytes);
        return bytes;
    }

    /** A PNG from ImageIO with eXIf (GPS), an XMP iTXt and a tEXt chunk after IHDR, and a gAMA chunk to keep. */
    static byte[] pngWithGps() {
        byte[] plain = png();
        int ihdrEnd = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, ihdrEnd);
        writeChunk(out, "gAMA", ByteBuffer.allocate(4).putInt(45455).array());
        writeChunk(out, "eXIf", tiffWithGps());
        writeChunk(out, "iTXt", ("XML:com.adobe.xmp\0\0\0\0\0" + XMP_GPS).getBytes(StandardCharsets.UTF_8));
        writeChunk(out, "tEXt", "exif:GPSLatitude\u000040/1, 26/1, 4632/100".getBytes(StandardCharsets.ISO_8859_1));
        out.write(plain, ihdrEnd, plain.length - ihdrEnd);
        return out.toByteArray();
    }

    static byte[] png() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture(), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** An extended WebP: VP8X (Exif and XMP flags set), the 1x1 VP8L image, an odd-sized EXIF chunk and an XMP chunk. */
    static byte[] webpWithGps() {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04;
        writeRiffChunk(chunks, "VP8X", vp8x);
        chunks.write(WEBP_1X1, 12, WEBP_1X1.length - 12);
        byte[] exif = concat(tiffWithGps(), new byte[] {7}); // odd length: the chunk carries a pad byte
        writeRiffChunk(chunks, "EXIF", exif);
        writeRiffChunk(chunks, "XMP ", XMP_GPS.getBytes(StandardCharsets.UTF_8));
        return riff(chunks.toByteArray());
    }

    static byte[] riff(byte[] chunks) {
        ByteBuffer file = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + chunks.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(chunks);
        return file.array();
    }

    /** The start of an iPhone-style HEIC: an ftyp box (heic, compatible mif1) and the beginning of a meta box. */
    static byte[] heic() {
        ByteBuffer file = ByteBuffer.allocate(24 + 16);
        file.putInt(24)
                .put(ascii("ftyp"))
                .put(ascii("heic"))
                .putInt(0)
                .put(ascii("mif1"))
                .put(ascii("heic"));
        file.putInt(16).put(ascii("meta")).putInt(0).putInt(0);
        return file.array();
    }

    /** An HEIF whose major brand is generic, made HEIC by a compatible brand. */
    static byte[] heifGenericBrand() {
        ByteBuffer file = ByteBuffer.allocate(28);
        file.putInt(28)
                .put(ascii("ftyp"))
                .put(ascii("mif1"))
                .putInt(0)
                .put(ascii("mif1"))
                .put(ascii("miaf"));
        file.put(ascii("heic"));
        return file.array();
    }

    static byte[] avif() {
        ByteBuffer file = ByteBuffer.allocate(24);
        file.putInt(24)
                .put(ascii("ftyp"))
                .put(ascii("avif"))
                .putInt(0)
                .put(ascii("mif1"))
                .put(ascii("miaf"));
        return file.array();
    }

    static byte[] pdf() {
        return ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The chunk types of a PNG, in order. */
    static List<String> pngChunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        int offset = 8;
        while (offset + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, offset, 4).getInt();
            types.add(new String(png, offset + 4, 4, StandardCharsets.US_ASCII));
            offset += 12 + length;
        }
        return types;
    }

    /** The marker segments of a JPEG before its first scan, as marker bytes (0xE0 for APP0 and so on). */
    static List<Integer> jpegMarkersBeforeScan(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int offset = 2;
        while (offset + 4 <= jpeg.length && (jpeg[offset] & 0xFF) == 0xFF) {
            int marker = jpeg[offset + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            offset += 2 + (((jpeg[offset + 2] & 0xFF) << 8) | (jpeg[offset + 3] & 0xFF));
        }
        return markers;
    }

    /** The chunk FourCCs of a WebP file, in order. */
    static List<String> webpChunks(byte[] webp) {
        List<String> chunks = new ArrayList<>();
        int offset = 12;
        while (offset + 8 <= webp.length) {
            chunks.add(new String(webp, offset, 4, StandardCharsets.US_ASCII));
            long size = ByteBuffer.wrap(webp, offset + 4, 4)
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .getInt()
                    & 0xFFFFFFFFL;
            offset += 8 + (int) (size + (size & 1));
        }
        return chunks;
    }

    static boolean contains(byte[] haystack, String needle) {
        return indexOf(haystack, needle.getBytes(StandardCharsets.ISO_8859_1)) >= 0;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Runs a type's stripper over {@code input} into a file in {@code directory} and returns what it wrote. */
    static byte[] strip(EvidenceType type, byte[] input, java.nio.file.Path directory) throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(directory, "stripped-", ".bin");
        try (var out = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            MetadataStripper.forType(type).strip(new java.io.ByteArrayInputStream(input), out);
        }
        return java.nio.file.Files.readAllBytes(file);
    }

    private static void entry(ByteBuffer ifd, int tag, int type, int count, int value) {
        ifd.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] payload) {
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = ascii(type);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void writeRiffChunk(ByteArrayOutputStream out, String fourCc, byte[] data) {
        out.writeBytes(ascii(fourCc));
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(data.length)
                .array());
        out.writeBytes(data);
        if (data.length % 2 == 1) {
            out.write(0);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
