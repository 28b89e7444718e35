package com.fairtradeworker.storage;

import java.text.Normalizer;

/**
 * The uploaded file's name, made safe to show and to offer as a download name: the last path segment only, no control
 * or markup characters, at most {@link #MAX_LENGTH} characters, and an extension that matches the recognised content
 * (a PDF called {@code invoice.html} becomes {@code invoice.html.pdf}). It is never used as a storage path.
 */
final class OriginalName {

    static final int MAX_LENGTH = 200;
    private static final String FALLBACK = "evidence";

    private OriginalName() {}

    static String sanitize(String raw, EvidenceType type) {
        String name = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(allowed(c) ? c : '_'));
        name = safe.toString().replaceAll("\\s+", " ").strip().replaceAll("^[.\\s]+", "");
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        String base = dot < 0 ? name : name.substring(0, dot);
        if (base.isBlank()) {
            base = FALLBACK;
        }
        String suffix = type.hasExtension(extension)
                ? extension
                : (extension.isEmpty() ? "" : extension + ".") + type.extension();
        int room = MAX_LENGTH - suffix.length() - 1;
        if (room < 1) {
            suffix = type.extension();
            room = MAX_LENGTH - suffix.length() - 1;
        }
        if (base.length() > room) {
            int cut = Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room;
            base = base.substring(0, cut).strip();
        }
        return base + "." + suffix;
    }

    private static boolean allowed(int c) {
        return Character.isLetterOrDigit(c)
                || c == ' '
                || c == '.'
                || c == '-'
                || c == '_'
                || c == '('
                || c == ')'
                || c == '+'
                || c == ',';
    }
}
