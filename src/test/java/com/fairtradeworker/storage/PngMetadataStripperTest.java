package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngMetadataStripperTest {

    @TempDir
    Path directory;

    @Test
    void removesExifAndTextChunksAndKeepsTheImage() throws IOException {
        byte[] input = EvidenceSamples.pngWithGps();
        assertThat(EvidenceSamples.pngChunkTypes(input)).contains("eXIf", "iTXt", "tEXt");

        byte[] output = EvidenceSamples.strip(EvidenceType.PNG, input, directory);

        assertThat(EvidenceSamples.pngChunkTypes(output))
                .doesNotContain("eXIf", "iTXt", "tEXt", "zTXt")
                .startsWith("IHDR", "gAMA")
                .contains("IDAT")
                .endsWith("IEND");
        assertThat(EvidenceSamples.indexOf(output, EvidenceSamples.tiffWithGps()))
                .isNegative();
        assertThat(EvidenceSamples.contains(output, "GPS")).isFalse();
        assertThat(JpegMetadataStripperTest.pixels(output)).isEqualTo(JpegMetadataStripperTest.pixels(input));
    }

    @Test
    void leavesAPlainPngAsItWasAndDropsBytesAfterTheEnd() throws IOException {
        byte[] plain = EvidenceSamples.png();

        byte[] output = EvidenceSamples.strip(
                EvidenceType.PNG, EvidenceSamples.concat(plain, "<html>appended</html>".getBytes()), directory);

        assertThat(output).isEqualTo(plain);
    }

    @Test
    void refusesTruncatedFiles() {
        byte[] png = EvidenceSamples.pngWithGps();
        for (int length : new int[] {8, 12, 40, png.length / 2, png.length - 1}) {
            assertThatThrownBy(() -> EvidenceSamples.strip(EvidenceType.PNG, Arrays.copyOf(png, length), directory))
                    .as("cut after %d of %d bytes", length, png.length)
                    .isInstanceOfSatisfying(
                            ProblemException.class,
                            e -> assertThat(e.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
        }
    }
}
