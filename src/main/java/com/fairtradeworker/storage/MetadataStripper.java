package com.fairtradeworker.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Copies one file's bytes while leaving out the metadata that may say where it was made (Exif with its GPS block, XMP),
 * segment by segment or chunk by chunk: nothing is decoded and no file is held in memory. The output is an empty
 * channel, seekable so a container's size field can be fixed once the copy is done.
 */
interface MetadataStripper {

    /** Stores HEIC and PDF as they are (see docs/storage.md for why). */
    MetadataStripper UNCHANGED = (in, out) -> {
        var sink = StreamBytes.output(out);
        in.transferTo(sink);
        sink.flush();
    };

    /**
     * @throws com.fairtradeworker.shared.ProblemException unsupported media type when the file ends early or its
     *     structure is broken
     */
    void strip(InputStream in, SeekableByteChannel out) throws IOException;

    static MetadataStripper forType(EvidenceType type) {
        return switch (type) {
            case JPEG -> new JpegMetadataStripper();
            case PNG -> new PngMetadataStripper();
            case WEBP -> new WebpMetadataStripper();
            case HEIC, PDF -> UNCHANGED;
        };
    }
}
