package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;

/**
 * A DocumentReference into the document index ({@code clinical_document}, {@code clinical_document_category},
 * {@code clinical_document_file}): one author, the authenticating clinician, the custodian, one encounter.
 */
final class DocumentReferenceImporter implements ResourceImporter {

    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    @Override
    public String resourceType() {
        return "DocumentReference";
    }

    @Override
    public String table() {
        return "clinical_document";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "type", "category", "subject", "date", "author", "authenticator",
                "custodian", "description", "content", "context");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        DocumentReference d = (DocumentReference) resource;
        Map<String, Object> row = context.row(d);
        row.put("patient_id", RequiredPatient.internalId(context, d.getSubject(), "subject", d));
        Identifiers.put(row, "document_number", d.getIdentifier(), context, "identifier");
        row.put("status", d.getStatus().toCode());
        Codes.put(row, "doc_type", d.getType(), context, "type");
        ClinicalTime.put(row, "filed", d.hasDate() ? d.getDateElement().getValueAsString() : null);
        row.put("description", d.getDescription());
        row.put("author_id", d.hasAuthor() ? context.internalId(d.getAuthorFirstRep(), "author", "Practitioner")
                : null);
        if (d.getAuthor().size() > 1) {
            context.notMapped("author", "only the first author is kept");
        }
        row.put("authenticator_id", context.internalId(d.getAuthenticator(), "authenticator", "Practitioner"));
        row.put("custodian_id", context.internalId(d.getCustodian(), "custodian", "Organization"));
        DocumentReference.DocumentReferenceContextComponent ctx = d.getContext();
        row.put("encounter_id", ctx.hasEncounter()
                ? context.internalId(ctx.getEncounterFirstRep(), "context.encounter", "Encounter") : null);
        if (ctx.getEncounter().size() > 1) {
            context.notMapped("context.encounter", "only the first encounter is kept");
        }
        ClinicalTime.put(row, "service_start", ctx.getPeriod().hasStart()
                ? ctx.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, "service_end", ctx.getPeriod().hasEnd()
                ? ctx.getPeriod().getEndElement().getValueAsString() : null);
        if (ctx.hasEvent() || ctx.hasFacilityType() || ctx.hasPracticeSetting() || ctx.hasSourcePatientInfo()
                || ctx.hasRelated()) {
            context.notMapped("context", "only the encounter and the period are kept");
        }
        long documentId = context.insert("clinical_document", row);
        for (CodeableConcept category : d.getCategory()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("document_id", documentId);
            Codes.put(c, "category", category, context, "category");
            context.insert("clinical_document_category", c);
        }
        for (DocumentReference.DocumentReferenceContentComponent content : d.getContent()) {
            context.insert("clinical_document_file", file(documentId, content));
        }
    }

    private static Map<String, Object> file(long documentId,
            DocumentReference.DocumentReferenceContentComponent content) {
        Attachment a = content.getAttachment();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("document_id", documentId);
        f.put("content_type", a.getContentType());
        f.put("data_base64", a.getDataElement().getValueAsString());
        Extension absent = a.getDataElement().getExtensionByUrl(DATA_ABSENT_REASON);
        f.put("data_absent_reason", absent == null ? null : absent.getValue().primitiveValue());
        f.put("file_url", a.getUrl());
        f.put("title", a.getTitle());
        f.put("file_hash", a.getHashElement().getValueAsString());
        f.put("file_size", a.hasSize() ? a.getSize() : null);
        f.put("file_created_text", a.hasCreation() ? a.getCreationElement().getValueAsString() : null);
        f.put("format_system", content.hasFormat() ? content.getFormat().getSystem() : null);
        f.put("format_code", content.hasFormat() ? content.getFormat().getCode() : null);
        f.put("format_display", content.hasFormat() ? content.getFormat().getDisplay() : null);
        return f;
    }
}
