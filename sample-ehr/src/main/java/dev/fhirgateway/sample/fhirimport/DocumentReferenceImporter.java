package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentColumns;
import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentFileColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
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
        return ClinicalDocumentColumns.TABLE;
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
        row.put(ClinicalDocumentColumns.PATIENT_ID, RequiredPatient.internalId(context, d.getSubject(), "subject", d));
        Identifiers.put(row, ClinicalDocumentColumns.DOCUMENT_NUMBER, d.getIdentifier(), context, "identifier");
        row.put(ClinicalDocumentColumns.STATUS, d.getStatus().toCode());
        Codes.put(row, ClinicalDocumentColumns.DOC_TYPE, d.getType(), context, "type");
        ClinicalTime.put(row, ClinicalDocumentColumns.FILED, d.hasDate() ? d.getDateElement().getValueAsString()
                : null);
        row.put(ClinicalDocumentColumns.DESCRIPTION, d.getDescription());
        row.put(ClinicalDocumentColumns.AUTHOR_ID, d.hasAuthor()
                ? context.internalId(d.getAuthorFirstRep(), "author", "Practitioner")
                : null);
        if (d.getAuthor().size() > 1) {
            context.notMapped("author", "only the first author is kept");
        }
        row.put(ClinicalDocumentColumns.AUTHENTICATOR_ID,
                context.internalId(d.getAuthenticator(), "authenticator", "Practitioner"));
        row.put(ClinicalDocumentColumns.CUSTODIAN_ID,
                context.internalId(d.getCustodian(), "custodian", "Organization"));
        DocumentReference.DocumentReferenceContextComponent ctx = d.getContext();
        row.put(ClinicalDocumentColumns.ENCOUNTER_ID, ctx.hasEncounter()
                ? context.internalId(ctx.getEncounterFirstRep(), "context.encounter", "Encounter") : null);
        if (ctx.getEncounter().size() > 1) {
            context.notMapped("context.encounter", "only the first encounter is kept");
        }
        ClinicalTime.put(row, ClinicalDocumentColumns.SERVICE_START, ctx.getPeriod().hasStart()
                ? ctx.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, ClinicalDocumentColumns.SERVICE_END, ctx.getPeriod().hasEnd()
                ? ctx.getPeriod().getEndElement().getValueAsString() : null);
        if (ctx.hasEvent() || ctx.hasFacilityType() || ctx.hasPracticeSetting() || ctx.hasSourcePatientInfo()
                || ctx.hasRelated()) {
            context.notMapped("context", "only the encounter and the period are kept");
        }
        long documentId = context.insert(ClinicalDocumentColumns.TABLE, row);
        for (CodeableConcept category : d.getCategory()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(ClinicalDocumentCategoryColumns.DOCUMENT_ID, documentId);
            Codes.put(c, ClinicalDocumentCategoryColumns.CATEGORY, category, context, "category");
            context.insert(ClinicalDocumentCategoryColumns.TABLE, c);
        }
        for (DocumentReference.DocumentReferenceContentComponent content : d.getContent()) {
            context.insert(ClinicalDocumentFileColumns.TABLE, file(documentId, content));
        }
    }

    private static Map<String, Object> file(long documentId,
            DocumentReference.DocumentReferenceContentComponent content) {
        Attachment a = content.getAttachment();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(ClinicalDocumentFileColumns.DOCUMENT_ID, documentId);
        f.put(ClinicalDocumentFileColumns.CONTENT_TYPE, a.getContentType());
        f.put(ClinicalDocumentFileColumns.DATA_BASE64, a.getDataElement().getValueAsString());
        Extension absent = a.getDataElement().getExtensionByUrl(DATA_ABSENT_REASON);
        f.put(ClinicalDocumentFileColumns.DATA_ABSENT_REASON, absent == null ? null
                : absent.getValue().primitiveValue());
        f.put(ClinicalDocumentFileColumns.FILE_URL, a.getUrl());
        f.put(ClinicalDocumentFileColumns.TITLE, a.getTitle());
        f.put(ClinicalDocumentFileColumns.FILE_HASH, a.getHashElement().getValueAsString());
        f.put(ClinicalDocumentFileColumns.FILE_SIZE, a.hasSize() ? a.getSize() : null);
        f.put(ClinicalDocumentFileColumns.FILE_CREATED_TEXT, a.hasCreation()
                ? a.getCreationElement().getValueAsString() : null);
        f.put(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.SYSTEM, content.hasFormat()
                ? content.getFormat().getSystem() : null);
        f.put(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.CODE, content.hasFormat()
                ? content.getFormat().getCode() : null);
        f.put(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.DISPLAY, content.hasFormat()
                ? content.getFormat().getDisplay() : null);
        return f;
    }
}
