package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", DocumentReferenceStatus.CURRENT.getSystem(), "r.status")
            .tokenInChild("category", "clinical_document_category c WHERE c.document_id = r.id", "c.category_system",
                    "c.category_code")
            .token("type", "r.doc_type_system", "r.doc_type_code")
            .date("date", "r.filed")
            .period("period", "r.service_start", "r.service_end");

    DocumentReferenceTable() {
        super("DocumentReference",
                List.of(PROFILE),
                "clinical_document r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN practitioner au ON au.id = r.author_id"
                        + " LEFT JOIN practitioner an ON an.id = r.authenticator_id"
                        + " LEFT JOIN organization cu ON cu.id = r.custodian_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, au.public_id AS author_public_id,"
                        + " an.public_id AS authenticator_public_id, cu.public_id AS custodian_public_id,"
                        + " e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", "clinical_document_category", "document_id"),
                new ChildTable("files", "clinical_document_file", "document_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        DocumentReference doc = new DocumentReference();
        doc.setId(row.string("public_id"));
        doc.getMeta().addProfile(PROFILE);
        if (row.has("document_number_value")) {
            doc.addIdentifier(FhirValues.identifier(row, "document_number"));
        }
        doc.setStatus(DocumentReferenceStatus.fromCode(row.string("status")));
        doc.setType(FhirValues.concept(row, "doc_type"));
        for (TableRow category : row.children("categories")) {
            doc.addCategory(FhirValues.concept(category, "category"));
        }
        doc.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("filed_text")) {
            doc.setDateElement(new InstantType(row.string("filed_text")));
        }
        if (row.has("author_public_id")) {
            doc.addAuthor(FhirValues.reference("Practitioner", row.string("author_public_id")));
        }
        doc.setAuthenticator(FhirValues.reference("Practitioner", row.string("authenticator_public_id")));
        doc.setCustodian(FhirValues.reference("Organization", row.string("custodian_public_id")));
        doc.setDescription(row.string("description"));
        for (TableRow file : row.children("files")) {
            doc.addContent(content(file));
        }
        if (row.has("encounter_public_id")) {
            doc.getContext().addEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        }
        if (row.has("service_start_text") || row.has("service_end_text")) {
            doc.getContext().setPeriod(FhirValues.period(row, "service_start", "service_end"));
        }
        return doc;
    }

    private static DocumentReference.DocumentReferenceContentComponent content(TableRow file) {
        Attachment attachment = new Attachment();
        attachment.setContentType(file.string("content_type"));
        if (file.has("data_base64")) {
            attachment.setDataElement(new Base64BinaryType(file.string("data_base64")));
        } else if (file.has("data_absent_reason")) {
            Base64BinaryType absent = new Base64BinaryType();
            absent.addExtension(DATA_ABSENT_REASON, new CodeType(file.string("data_absent_reason")));
            attachment.setDataElement(absent);
        }
        attachment.setUrl(file.string("file_url"));
        if (file.has("file_hash")) {
            attachment.setHashElement(new Base64BinaryType(file.string("file_hash")));
        }
        if (file.has("file_size")) {
            attachment.setSize(file.intValue("file_size"));
        }
        attachment.setTitle(file.string("title"));
        if (file.has("file_created_text")) {
            attachment.setCreationElement(new DateTimeType(file.string("file_created_text")));
        }
        DocumentReference.DocumentReferenceContentComponent content =
                new DocumentReference.DocumentReferenceContentComponent(attachment);
        if (file.has("format_code")) {
            content.setFormat(new Coding(file.string("format_system"), file.string("format_code"),
                    file.string("format_display")));
        }
        return content;
    }
}
