package dev.fhirgateway.gateway.internal.docref;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;

/**
 * What {@code $docref} answers without a date range. The OperationDefinition: "The most recent or current document
 * is in scope if neither a start date nor an end date is provided", and without parameters the server "SHALL return
 * a DocumentReference to the patient's current C-CDA CCD". So: for each document type, the patient's most recent
 * document of that type that is still current (not {@code superseded} or {@code entered-in-error}).
 *
 * <p>Most recent by {@code DocumentReference.date} (when the document was made), else the end, else the start of
 * {@code context.period}; documents with none of these rank last. Types are told apart by their first coding
 * ({@code system|code}), else their text.
 */
final class CurrentDocuments {

    /** Older first; documents without a date are the oldest. */
    private static final Comparator<DocumentReference> RECENCY = Comparator.comparing(CurrentDocuments::recency,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    private CurrentDocuments() {
    }

    /** @return per type its most recent current document, most recent first */
    static List<Resource> select(List<Resource> documents) {
        Map<String, DocumentReference> latest = new LinkedHashMap<>();
        for (Resource r : documents) {
            if (!(r instanceof DocumentReference doc) || !isCurrent(doc)) {
                continue;
            }
            latest.merge(typeKey(doc), doc, (a, b) -> RECENCY.compare(b, a) > 0 ? b : a);
        }
        List<Resource> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(r -> (DocumentReference) r, RECENCY).reversed());
        return out;
    }

    private static boolean isCurrent(DocumentReference doc) {
        return doc.getStatus() != DocumentReferenceStatus.SUPERSEDED
                && doc.getStatus() != DocumentReferenceStatus.ENTEREDINERROR;
    }

    private static Instant recency(DocumentReference doc) {
        if (doc.hasDate()) {
            return doc.getDate().toInstant();
        }
        Period period = doc.getContext().getPeriod();
        if (period.hasEnd()) {
            return period.getEnd().toInstant();
        }
        return period.hasStart() ? period.getStart().toInstant() : null;
    }

    private static String typeKey(DocumentReference doc) {
        CodeableConcept type = doc.getType();
        Optional<Coding> first = type.getCoding().stream().filter(Coding::hasCode).findFirst();
        return first.map(c -> (c.hasSystem() ? c.getSystem() : "") + "|" + c.getCode())
                .orElse(type.hasText() ? "text:" + type.getText() : "");
    }
}
