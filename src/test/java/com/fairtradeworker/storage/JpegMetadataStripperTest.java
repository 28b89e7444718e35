package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class JpegMetadataStripperTest {

    private static final int APP1 = 0xE1;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "progressive: {0}")
    @ValueSource(booleans = {false, true})
    void removesExifWithItsGpsBlockAndXmpAndKeepsTheImage(boolean progressive) throws IOException {
        byte[] input = EvidenceSamples.jpegWithGps(progressive);
        assertThat(EvidenceSamples.jpegMarkersBeforeScan(input)).containsSubsequence(0xE0, APP1, APP1);
        assertThat(unknownMarkersSeenByImageIo(input))
                .as("ImageIO sees the spliced APP1 segments")
                .contains(APP1);

        byte[] output = EvidenceSamples.strip(EvidenceType.JPEG, input, directory);

        assertThat(EvidenceSamples.jpegMarkersBeforeScan(output))
                .doesNotContain(APP1)
                .contains(0xE0, 0xDB, 0xC4);
        assertThat(unknownMarkersSeenByImageIo(output)).doesNotContain(APP1);
        assertThat(EvidenceSamples.indexOf(output, EvidenceSamples.tiffWithGps()))
                .isNegative();
        assertThat(EvidenceSamples.contains(output, "Exif")).isFalse();
        assertThat(EvidenceSamples.contains(output, "GPSLatitude")).isFalse();
        assertThat(EvidenceSamples.contains(output, "ns.adobe.com")).isFalse();
        assertThat(output).as("exactly the JPEG before the splice").isEqualTo(EvidenceSamples.jpeg(progressive));
        assertThat(pixels(output)).isEqualTo(pixels(input));
    }

    @Test
    void dropsPhotoshopIptcAndTheMultiPictureIndexButKeepsOtherSegments() throws IOException {
        byte[] plain = EvidenceSamples.jpeg(false);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write(plain, 0, 2);
        segment(input, 0xED, "Photoshop 3.0\0" + "8BIM location");
        segment(input, 0xE2, "MPF\0" + "II*\0 index of the images after EOI");
        segment(input, 0xE2, "FPXR\0 kept");
        segment(input, 0xFE, "a comment");
        input.write(plain, 2, plain.length - 2);

        byte[] output = EvidenceSamples.strip(EvidenceType.JPEG, input.toByteArray(), directory);

        List<Integer> markers = EvidenceSamples.jpegMarkersBeforeScan(output);
        assertThat(markers).doesNotContain(0xED).containsOnlyOnce(0xE2).contains(0xFE);
        assertThat(EvidenceSamples.contains(output, "MPF")).isFalse();
        assertThat(EvidenceSamples.contains(output, "FPXR")).isTrue();
        assertThat(pixels(output)).isEqualTo(pixels(plain));
    }

    @Test
    void dropsEverythingAfterTheEndOfTheImage() throws IOException {
        byte[] first = EvidenceSamples.jpegWithGps(false);
        byte[] secondImageWithItsOwnExif = EvidenceSamples.jpegWithGps(false);

        byte[] output = EvidenceSamples.strip(
                EvidenceType.JPEG, EvidenceSamples.concat(first, secondImageWithItsOwnExif), directory);

        assertThat(output).isEqualTo(EvidenceSamples.jpeg(false));
        assertThat(EvidenceSamples.contains(output, "Exif")).isFalse();
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] jpeg = EvidenceSamples.jpegWithGps(false);
        int scan = EvidenceSamples.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA});
        for (int length : new int[] {2, 3, 5, 30, scan, scan + 20, jpeg.length - 2}) {
            assertThatThrownBy(() -> EvidenceSamples.strip(EvidenceType.JPEG, Arrays.copyOf(jpeg, length), directory))
                    .as("cut after %d of %d bytes", length, jpeg.length)
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
        }
    }

    @Test
    void refusesAFileWithoutAnImage() {
        byte[] headerOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        assertThatThrownBy(() -> EvidenceSamples.strip(EvidenceType.JPEG, headerOnly, directory))
                .isInstanceOf(ProblemException.class);
    }

    static int[] pixels(byte[] image) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
        assertThat(decoded).as("decodes").isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(EvidenceSamples.WIDTH);
        assertThat(decoded.getHeight()).isEqualTo(EvidenceSamples.HEIGHT);
        return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
    }

    /** The marker numbers ImageIO's JPEG reader keeps as "unknown" segments (APP1 among them when present). */
    private static List<Integer> unknownMarkersSeenByImageIo(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata metadata = reader.getImageMetadata(0);
            Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
            List<Integer> markers = new ArrayList<>();
            collectUnknown(root, markers);
            reader.dispose();
            return markers;
        }
    }

    private static void collectUnknown(Node node, List<Integer> markers) {
        if (node instanceof Element element && element.getNodeName().equals("unknown")) {
            markers.add(Integer.parseInt(element.getAttribute("MarkerTag")));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collectUnknown(child, markers);
        }
    }

    private static void segment(ByteArrayOutputStream out, int marker, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        out.write(0xFF);
        out.write(marker);
        out.write((bytes.length + 2) >> 8);
        out.write((bytes.length + 2) & 0xFF);
        out.writeBytes(bytes);
    }
}
