package com.fairtradeworker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginalNameTest {

    @Test
    void keepsAnOrdinaryName() {
        assertThat(OriginalName.sanitize("Kitchen after (2).JPG", EvidenceType.JPEG))
                .isEqualTo("Kitchen after (2).JPG");
        assertThat(OriginalName.sanitize("Rechnung Küche.pdf", EvidenceType.PDF))
                .isEqualTo("Rechnung Küche.pdf");
    }

    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(OriginalName.sanitize("../../etc/passwd", EvidenceType.PDF)).isEqualTo("passwd.pdf");
        assertThat(OriginalName.sanitize("C:\\Users\\me\\photo.png", EvidenceType.PNG))
                .isEqualTo("photo.png");
    }

    @Test
    void replacesMarkupAndControlCharacters() {
        assertThat(OriginalName.sanitize("<img src=x onerror=alert(1)>.png", EvidenceType.PNG))
                .doesNotContain("<", ">", "=")
                .endsWith(".png");
        assertThat(OriginalName.sanitize("a\r\nContent-Type: text/html\u0000.jpg", EvidenceType.JPEG))
                .doesNotContain("\r", "\n", "\u0000", ":");
        assertThat(OriginalName.sanitize("\"quoted\";.pdf", EvidenceType.PDF)).doesNotContain("\"", ";");
    }

    @Test
    void givesTheNameTheExtensionOfItsContent() {
        assertThat(OriginalName.sanitize("invoice.html", EvidenceType.PDF)).isEqualTo("invoice.html.pdf");
        assertThat(OriginalName.sanitize("setup.exe", EvidenceType.JPEG)).isEqualTo("setup.exe.jpg");
        assertThat(OriginalName.sanitize("IMG_1234", EvidenceType.HEIC)).isEqualTo("IMG_1234.heic");
        assertThat(OriginalName.sanitize("photo.jpeg", EvidenceType.JPEG)).isEqualTo("photo.jpeg");
    }

    @Test
    void fallsBackForMissingOrHiddenNames() {
        assertThat(OriginalName.sanitize(null, EvidenceType.PDF)).isEqualTo("evidence.pdf");
        assertThat(OriginalName.sanitize("   ", EvidenceType.PNG)).isEqualTo("evidence.png");
        assertThat(OriginalName.sanitize(".htaccess", EvidenceType.PNG)).isEqualTo("htaccess.png");
        assertThat(OriginalName.sanitize("folder/", EvidenceType.WEBP)).isEqualTo("evidence.webp");
    }

    @Test
    void limitsTheLength() {
        String name = OriginalName.sanitize("x".repeat(5000) + ".jpg", EvidenceType.JPEG);

        assertThat(name).hasSizeLessThanOrEqualTo(OriginalName.MAX_LENGTH).endsWith(".jpg");
        assertThat(OriginalName.sanitize("a." + "e".repeat(400), EvidenceType.PDF))
                .hasSizeLessThanOrEqualTo(OriginalName.MAX_LENGTH)
                .endsWith(".pdf");
    }
}
