package com.fairtradeworker.storage;

import static com.fairtradeworker.storage.StreamBytes.readFully;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Copies a PNG chunk by chunk without {@code eXIf} (Exif, GPS included) and the text chunks ({@code tEXt},
 * {@code iTXt}, {@code zTXt}), which carry XMP and the raw Exif profiles some tools write as text. All of these are
 * ancillary, so decoders need none of them. Bytes after {@code IEND} are dropped.
 */
final class PngMetadataStripper implements MetadataStripper {

    private static final EvidenceType TYPE = EvidenceType.PNG;
    private static final int SIGNATURE_LENGTH = 8;
    private static final int CRC_LENGTH = 4;
    private static final long MAX_CHUNK_LENGTH = 0x7FFF_FFFFL;
    private static final Set<String> DROPPED = Set.of("eXIf", "tEXt", "iTXt", "zTXt");

    @Override
    public void strip(InputStream in, SeekableByteChannel channel) throws IOException {
        OutputStream out = StreamBytes.output(channel);
        out.write(readFully(in, SIGNATURE_LENGTH, TYPE));
        String chunkType;
        do {
            byte[] header = readFully(in, 8, TYPE);
            long length = StreamBytes.u32be(header, 0);
            chunkType = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (length > MAX_CHUNK_LENGTH) {
                throw Rejections.incomplete(TYPE);
            }
            if (DROPPED.contains(chunkType)) {
                StreamBytes.skip(in, length + CRC_LENGTH, TYPE);
            } else {
                out.write(header);
                StreamBytes.copy(in, out, length + CRC_LENGTH, TYPE);
            }
        } while (!chunkType.equals("IEND"));
        out.flush();
    }
}
