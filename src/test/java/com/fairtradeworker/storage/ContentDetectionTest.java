package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentDetectionTest {

    @Test
    void recognisesEachAcceptedTypeByItsFirstBytes() {
        assertThat(detect(EvidenceSamples.jpeg(false))).contains(EvidenceType.JPEG);
        assertThat(detect(EvidenceSamples.png())).contains(EvidenceType.PNG);
        assertThat(detect(EvidenceSamples.WEBP_1X1)).contains(EvidenceType.WEBP);
        assertThat(detect(EvidenceSamples.heic())).contains(EvidenceType.HEIC);
        assertThat(detect(EvidenceSamples.heifGenericBrand())).contains(EvidenceType.HEIC);
        assertThat(detect(EvidenceSamples.pdf())).contains(EvidenceType.PDF);
    }

    @Test
    void refusesOtherFilesWhateverTheyAreCalled() {
        assertThat(detect(bytes("MZ\u0090\u0000\u0003\u0000\u0000\u0000\u0004\u0000This program cannot be run")))
                .as("a Windows executable renamed to photo.jpg")
                .isEmpty();
        assertThat(detect(bytes("<!DOCTYPE html><html><script>alert(1)</script></html>")))
                .isEmpty();
        assertThat(detect(bytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")))
                .isEmpty();
        assertThat(detect(bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")))
                .isEmpty();
        assertThat(detect(bytes("PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000 word/document.xml")))
                .as("a zip (or .docx)")
                .isEmpty();
        assertThat(detect(EvidenceSamples.avif()))
                .as("AVIF is HEIF, but not HEVC")
                .isEmpty();
        assertThat(detect(bytes("RIFF\u0024\u0000\u0000\u0000WAVEfmt ")))
                .as("a RIFF that is not WebP")
                .isEmpty();
        assertThat(detect(bytes(" %PDF-1.7")))
                .as("the signature must come first")
                .isEmpty();
    }

    @Test
    void refusesEmptyAndTruncatedSignatures() {
        assertThat(detect(new byte[0])).isEmpty();
        assertThat(detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(detect(Arrays.copyOf(EvidenceSamples.png(), 7))).isEmpty();
        assertThat(detect(Arrays.copyOf(EvidenceSamples.WEBP_1X1, 11))).isEmpty();
        assertThat(detect(bytes("%PDF"))).isEmpty();
        assertThat(detect(Arrays.copyOf(EvidenceSamples.heic(), 11))).isEmpty();
    }

    private static Optional<EvidenceType> detect(byte[] file) {
        byte[] head = Arrays.copyOf(file, Math.min(file.length, ContentDetection.HEAD_BYTES));
        return ContentDetection.detect(head, head.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
