package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentColumns;
import dev.fhirgateway.sample.adapter.schema.ClinicalDocumentFileColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/** The document index ({@code clinical_document} with its categories and files) as US Core DocumentReference. */
final class DocumentReferenceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference";
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", DocumentReferenceStatus.CURRENT.getSystem(), "r." + ClinicalDocumentColumns.STATUS)
            .tokenInChild("category", ClinicalDocumentCategoryColumns.TABLE + " c WHERE c."
                    + ClinicalDocumentCategoryColumns.DOCUMENT_ID + " = r." + ClinicalDocumentColumns.ID, "c."
                    + ClinicalDocumentCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + ClinicalDocumentCategoryColumns.CATEGORY + ColumnGroups.CODE)
            .token("type", "r." + ClinicalDocumentColumns.DOC_TYPE + ColumnGroups.SYSTEM, "r."
                    + ClinicalDocumentColumns.DOC_TYPE + ColumnGroups.CODE)
            .date("date", "r." + ClinicalDocumentColumns.FILED)
            .period("period", "r." + ClinicalDocumentColumns.SERVICE_START, "r." + ClinicalDocumentColumns.SERVICE_END);

    DocumentReferenceTable() {
        super("DocumentReference",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ClinicalDocumentColumns.TABLE, ClinicalDocumentColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "au", ClinicalDocumentColumns.AUTHOR_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "an",
                                ClinicalDocumentColumns.AUTHENTICATOR_ID)
                        + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "cu", ClinicalDocumentColumns.CUSTODIAN_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ClinicalDocumentColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", au." + PractitionerColumns.PUBLIC_ID
                        + " AS author_public_id,"
                        + " an." + PractitionerColumns.PUBLIC_ID + " AS authenticator_public_id, cu."
                        + OrganizationColumns.PUBLIC_ID + " AS custodian_public_id,"
                        + " e." + EncounterColumns.PUBLIC_ID + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", ClinicalDocumentCategoryColumns.TABLE,
                ClinicalDocumentCategoryColumns.DOCUMENT_ID),
                new ChildTable("files", ClinicalDocumentFileColumns.TABLE, ClinicalDocumentFileColumns.DOCUMENT_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        DocumentReference doc = new DocumentReference();
        doc.setId(row.string(ClinicalDocumentColumns.PUBLIC_ID));
        doc.getMeta().addProfile(PROFILE);
        if (row.has(ClinicalDocumentColumns.DOCUMENT_NUMBER + ColumnGroups.VALUE)) {
            doc.addIdentifier(FhirValues.identifier(row, ClinicalDocumentColumns.DOCUMENT_NUMBER));
        }
        doc.setStatus(DocumentReferenceStatus.fromCode(row.string(ClinicalDocumentColumns.STATUS)));
        doc.setType(FhirValues.concept(row, ClinicalDocumentColumns.DOC_TYPE));
        for (TableRow category : row.children("categories")) {
            doc.addCategory(FhirValues.concept(category, ClinicalDocumentCategoryColumns.CATEGORY));
        }
        doc.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has(ClinicalDocumentColumns.FILED + ColumnGroups.TEXT)) {
            doc.setDateElement(new InstantType(row.string(ClinicalDocumentColumns.FILED + ColumnGroups.TEXT)));
        }
        if (row.has("author_public_id")) {
            doc.addAuthor(FhirValues.reference("Practitioner", row.string("author_public_id")));
        }
        doc.setAuthenticator(FhirValues.reference("Practitioner", row.string("authenticator_public_id")));
        doc.setCustodian(FhirValues.reference("Organization", row.string("custodian_public_id")));
        doc.setDescription(row.string(ClinicalDocumentColumns.DESCRIPTION));
        for (TableRow file : row.children("files")) {
            doc.addContent(content(file));
        }
        if (row.has("encounter_public_id")) {
            doc.getContext().addEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        }
        if (row.has(ClinicalDocumentColumns.SERVICE_START
                + ColumnGroups.TEXT) || row.has(ClinicalDocumentColumns.SERVICE_END + ColumnGroups.TEXT)) {
            doc.getContext().setPeriod(FhirValues.period(row, ClinicalDocumentColumns.SERVICE_START,
                    ClinicalDocumentColumns.SERVICE_END));
        }
        return doc;
    }

    private static DocumentReference.DocumentReferenceContentComponent content(TableRow file) {
        Attachment attachment = new Attachment();
        attachment.setContentType(file.string(ClinicalDocumentFileColumns.CONTENT_TYPE));
        if (file.has(ClinicalDocumentFileColumns.DATA_BASE64)) {
            attachment.setDataElement(new Base64BinaryType(file.string(ClinicalDocumentFileColumns.DATA_BASE64)));
        } else if (file.has(ClinicalDocumentFileColumns.DATA_ABSENT_REASON)) {
            Base64BinaryType absent = new Base64BinaryType();
            absent.addExtension(DATA_ABSENT_REASON,
                    new CodeType(file.string(ClinicalDocumentFileColumns.DATA_ABSENT_REASON)));
            attachment.setDataElement(absent);
        }
        attachment.setUrl(file.string(ClinicalDocumentFileColumns.FILE_URL));
        if (file.has(ClinicalDocumentFileColumns.FILE_HASH)) {
            attachment.setHashElement(new Base64BinaryType(file.string(ClinicalDocumentFileColumns.FILE_HASH)));
        }
        if (file.has(ClinicalDocumentFileColumns.FILE_SIZE)) {
            attachment.setSize(file.intValue(ClinicalDocumentFileColumns.FILE_SIZE));
        }
        attachment.setTitle(file.string(ClinicalDocumentFileColumns.TITLE));
        if (file.has(ClinicalDocumentFileColumns.FILE_CREATED_TEXT)) {
            attachment.setCreationElement(new DateTimeType(file.string(ClinicalDocumentFileColumns.FILE_CREATED_TEXT)));
        }
        DocumentReference.DocumentReferenceContentComponent content =
                new DocumentReference.DocumentReferenceContentComponent(attachment);
        if (file.has(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.CODE)) {
            content.setFormat(new Coding(file.string(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.SYSTEM),
                    file.string(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.CODE),
                    file.string(ClinicalDocumentFileColumns.FORMAT + ColumnGroups.DISPLAY)));
        }
        return content;
    }
}
