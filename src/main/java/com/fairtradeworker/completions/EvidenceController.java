package com.fairtradeworker.completions;

import com.fairtradeworker.identity.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Evidence downloads, for completions and disputes alike. */
@RestController
class EvidenceController {

    private final EvidenceDownloads downloads;

    EvidenceController(EvidenceDownloads downloads) {
        this.downloads = downloads;
    }

    @Operation(
            summary = "Download an evidence file",
            description = "The two parties of the file's contract and ADMIN; anyone else 404. The file as an"
                    + " attachment with a generated name and the type recognised at upload; with S3 storage a 302 to a"
                    + " link valid for five minutes instead.")
    @GetMapping("/api/evidence/{evidenceId}")
    ResponseEntity<?> download(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID evidenceId) {
        EvidenceDownloads.Download download = downloads.open(CompletionController.signedIn(user), evidenceId);
        if (download instanceof EvidenceDownloads.Redirect redirect) {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(redirect.link())
                    .cacheControl(CacheControl.noStore())
                    .build();
        }
        EvidenceDownloads.Stream stream = (EvidenceDownloads.Stream) download;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(stream.contentType()))
                .contentLength(stream.content().sizeBytes())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(stream.fileName())
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .body(new InputStreamResource(stream.content().content()));
    }
}
