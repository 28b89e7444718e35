package com.fairtradeworker.completions;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Real evidence files and impostors, built here so every byte that matters is visible. */
final class Samples {

    /** A file to upload: the client's name and declared type, and its bytes. */
    record Upload(String name, String declaredType, byte[] bytes) {}

    private Samples() {}

    static Upload png(String name) {
        return new Upload(name, "image/png", image("png"));
    }

    static Upload jpeg(String name) {
        return new Upload(name, "image/jpeg", image("jpeg"));
    }

    static Upload pdf(String name) {
        return new Upload(
                name,
                "application/pdf",
                ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n"
                                + "%%EOF\n")
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** A page that claims to be a photo. */
    static Upload htmlRenamedToPng() {
        return new Upload(
                "kitchen.png",
                "image/png",
                "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
                        .getBytes(StandardCharsets.US_ASCII));
    }

    /** The start of a Windows executable that claims to be a photo. */
    static Upload exeRenamedToJpg() {
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[2] = (byte) 0x90;
        System.arraycopy("This program cannot be run in DOS mode".getBytes(StandardCharsets.US_ASCII), 0, exe, 78, 38);
        return new Upload("invoice.jpg", "image/jpeg", exe);
    }

    private static byte[] image(String format) {
        BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 24, 16);
        g.setColor(Color.BLUE);
        g.fillOval(4, 3, 10, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
