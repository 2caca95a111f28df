package de.fallnetz.interactions.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/** Keeps the PDFs partners upload: only real PDFs (they start with {@code %PDF-}) up to the configured size. */
@ApplicationScoped
public class DocumentService {

    private static final byte[] PDF_MAGIC = { '%', 'P', 'D', 'F', '-' };

    private final InteractionService interactions;
    private final InteractionConfig config;
    private final InteractionClock clock;

    public DocumentService(InteractionService interactions, InteractionConfig config, InteractionClock clock) {
        this.interactions = interactions;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public DocumentEntity upload(String interactionId, String organisation, String user, long expectedVersion,
            String fileName, byte[] content) {
        if (content == null || content.length == 0 || content.length > config.maxDocumentBytes()) {
            throw new ProblemException(Problem.typed("document-too-large", "Payload Too Large", 413,
                    "A document has between 1 and " + config.maxDocumentBytes() + " bytes"));
        }
        if (!startsWithPdfMagic(content)) {
            throw new ProblemException(Problem.typed("not-a-pdf", "Unsupported Media Type", 415,
                    "The document is not a PDF (it does not start with %PDF-)"));
        }
        interactions.touch(interactionId, organisation, expectedVersion);
        DocumentEntity d = new DocumentEntity();
        d.id = UUID.randomUUID();
        d.interactionId = interactionId;
        d.fileName = fileName == null || fileName.isBlank() ? "document.pdf" : fileName;
        d.contentType = "application/pdf";
        d.sizeBytes = content.length;
        d.sha256 = sha256(content);
        d.content = content;
        d.uploadedBy = user;
        d.uploadedAt = clock.instant();
        d.persist();
        return d;
    }

    private static boolean startsWithPdfMagic(byte[] content) {
        if (content.length < PDF_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < PDF_MAGIC.length; i++) {
            if (content[i] != PDF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
