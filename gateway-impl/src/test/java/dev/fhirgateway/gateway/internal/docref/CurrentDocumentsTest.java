package dev.fhirgateway.gateway.internal.docref;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What {@code $docref} answers without a date range: per document type, the most recent current document. */
class CurrentDocumentsTest {

    @Test
    @DisplayName("keeps per type the most recent document, by date, else care period end, else start")
    void mostRecentPerType() {
        DocumentReference byDate = doc("by-date", coded("http://loinc.org", "34133-9"), "2024-01-01T00:00:00Z", null, null);
        DocumentReference byPeriodEnd = doc("by-end", coded("http://loinc.org", "34133-9"), null, "2023-01-01T00:00:00Z",
                "2024-06-01T00:00:00Z");
        DocumentReference byPeriodStart = doc("by-start", coded("http://loinc.org", "34133-9"), null,
                "2024-03-01T00:00:00Z", null);

        assertThat(ids(CurrentDocuments.select(List.of(byDate, byPeriodEnd, byPeriodStart)))).containsExactly("by-end");
    }

    @Test
    @DisplayName("tells types apart by first coding or text, ranks undated documents last, and drops non-current ones")
    void typesStatusesAndUndated() {
        DocumentReference note = doc("note", coded("http://loinc.org", "11506-3"), "2024-02-01T00:00:00Z", null, null);
        DocumentReference localNote = doc("local-note", coded("urn:local", "11506-3"), "2024-01-01T00:00:00Z", null, null);
        DocumentReference letter = doc("letter", new CodeableConcept().setText("Letter"), "2024-03-01T00:00:00Z", null, null);
        DocumentReference undated = doc("undated", new CodeableConcept().setText("Scan"), null, null, null);
        DocumentReference error = doc("error", new CodeableConcept().setText("Letter"), "2024-04-01T00:00:00Z", null, null);
        error.setStatus(DocumentReferenceStatus.ENTEREDINERROR);

        assertThat(ids(CurrentDocuments.select(List.of(undated, note, localNote, letter, error))))
                .containsExactly("letter", "note", "local-note", "undated");
    }

    private static CodeableConcept coded(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static DocumentReference doc(String id, CodeableConcept type, String date, String start, String end) {
        DocumentReference d = new DocumentReference();
        d.setId(id);
        d.setStatus(DocumentReferenceStatus.CURRENT);
        d.setType(type);
        if (date != null) {
            d.setDate(Date.from(Instant.parse(date)));
        }
        Period period = d.getContext().getPeriod();
        if (start != null) {
            period.setStart(Date.from(Instant.parse(start)));
        }
        if (end != null) {
            period.setEnd(Date.from(Instant.parse(end)));
        }
        return d;
    }

    private static List<String> ids(List<Resource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
    }
}
