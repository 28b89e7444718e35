package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebpMetadataStripperTest {

    @TempDir
    Path directory;

    @Test
    void removesExifAndXmpChunksClearsTheirFlagsAndFixesTheRiffSize() throws IOException {
        byte[] input = EvidenceSamples.webpWithGps();
        assertThat(EvidenceSamples.webpChunks(input)).containsExactly("VP8X", "VP8L", "EXIF", "XMP ");

        byte[] output = EvidenceSamples.strip(EvidenceType.WEBP, input, directory);

        assertThat(EvidenceSamples.webpChunks(output)).containsExactly("VP8X", "VP8L");
        assertThat(riffSize(output)).isEqualTo(output.length - 8);
        assertThat(output[20] & 0x0C).as("VP8X Exif and XMP flags").isZero();
        byte[] imageChunk = Arrays.copyOfRange(EvidenceSamples.WEBP_1X1, 12, EvidenceSamples.WEBP_1X1.length);
        assertThat(Arrays.copyOfRange(output, 12 + 18, output.length)).isEqualTo(imageChunk);
        assertThat(EvidenceSamples.indexOf(output, EvidenceSamples.tiffWithGps()))
                .isNegative();
        assertThat(EvidenceSamples.contains(output, "GPS")).isFalse();
    }

    @Test
    void leavesASimpleWebpAsItWas() throws IOException {
        byte[] output = EvidenceSamples.strip(EvidenceType.WEBP, EvidenceSamples.WEBP_1X1, directory);

        assertThat(output).isEqualTo(EvidenceSamples.WEBP_1X1);
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] webp = EvidenceSamples.webpWithGps();
        for (int length : new int[] {12, 20, 31, webp.length - 1}) {
            assertThatThrownBy(() -> EvidenceSamples.strip(EvidenceType.WEBP, Arrays.copyOf(webp, length), directory))
                    .as("cut after %d of %d bytes", length, webp.length)
                    .isInstanceOf(ProblemException.class);
        }
    }

    private static long riffSize(byte[] webp) {
        return ByteBuffer.wrap(webp, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }
}
