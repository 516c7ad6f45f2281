package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Media;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Clinical images ({@code clinical_image}) as FHIR Media, the images US Core diagnostic reports link to. US Core
 * 6.1.0 has no Media profile, so rows claim none.
 */
final class MediaTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/Media";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id");

    MediaTable() {
        // US Core 6.1.0 lists Media (SHALL) without a profile of its own: the base FHIR profile applies.
        super("Media",
                List.of(PROFILE),
                "clinical_image r JOIN patient p ON p.id = r.patient_id LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Media media = new Media();
        media.setId(row.string("public_id"));
        media.getMeta().addProfile(PROFILE);
        if (row.has("order_number_value")) {
            Reference order = new Reference().setIdentifier(FhirValues.identifier(row, "order_number"));
            if (row.has("order_number_assigner")) {
                order.getIdentifier().getAssigner().setDisplay(row.string("order_number_assigner"));
            }
            media.addBasedOn(order);
        }
        media.setStatus(Media.MediaStatus.fromCode(row.string("status")));
        media.setModality(FhirValues.concept(row, "modality"));
        media.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        media.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        media.setCreated(FhirValues.dateTime(row, "taken"));
        media.setBodySite(FhirValues.concept(row, "body_site"));
        if (row.has("height_px")) {
            media.setHeight(row.intValue("height_px"));
        }
        if (row.has("width_px")) {
            media.setWidth(row.intValue("width_px"));
        }
        Attachment content = new Attachment().setContentType(row.string("content_type")).setUrl(row.string("file_url"));
        content.setId(row.string("file_label"));
        if (row.has("file_created_text")) {
            content.setCreationElement(new DateTimeType(row.string("file_created_text")));
        }
        media.setContent(content);
        return media;
    }
}
