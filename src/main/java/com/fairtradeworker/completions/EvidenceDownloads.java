package com.fairtradeworker.completions;

import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.storage.EvidenceStorage;
import com.fairtradeworker.storage.EvidenceType;
import com.fairtradeworker.storage.StoredContent;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Who may fetch an evidence file, and how: the contract's two parties and admins (anyone else 404, as if it did not
 * exist), through a five-minute signed link where the storage can sign one, else streamed by the API.
 */
@Service
class EvidenceDownloads {

    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    sealed interface Download {}

    record Redirect(URI link) implements Download {}

    /** The caller sends {@code content} to the client and closes it. */
    record Stream(StoredContent content, String contentType, String fileName) implements Download {}

    private final EvidenceRepository evidence;
    private final ContractsApi contracts;
    private final EvidenceStorage storage;

    EvidenceDownloads(EvidenceRepository evidence, ContractsApi contracts, EvidenceStorage storage) {
        this.evidence = evidence;
        this.contracts = contracts;
        this.storage = storage;
    }

    Download open(AuthenticatedUser user, UUID evidenceId) {
        EvidenceRepository.Located file = evidence.locate(evidenceId)
                .filter(found -> mayRead(user, found.contractId()))
                .orElseThrow(() -> new NotFoundException("evidence file"));
        return download(file, storage);
    }

    /** A signed link where the storage offers one, else the stream with a generated name (never the uploaded one). */
    static Download download(EvidenceRepository.Located file, EvidenceStorage storage) {
        Optional<URI> link = storage.presignedLink(file.storageKey(), LINK_LIFETIME);
        if (link.isPresent()) {
            return new Redirect(link.get());
        }
        EvidenceType type = EvidenceType.fromMimeType(file.contentType()).orElseThrow();
        return new Stream(
                storage.open(file.storageKey()), type.mimeType(), "evidence-" + file.id() + "." + type.extension());
    }

    private boolean mayRead(AuthenticatedUser user, UUID contractId) {
        return user.is(Role.ADMIN)
                || contracts
                        .find(contractId)
                        .map(contract -> contract.isParty(user.userId()))
                        .orElse(false);
    }
}
