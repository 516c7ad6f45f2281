package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ClinicalImageColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
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
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID);

    MediaTable() {
        // US Core 6.1.0 lists Media (SHALL) without a profile of its own: the base FHIR profile applies.
        super("Media",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ClinicalImageColumns.TABLE, ClinicalImageColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ClinicalImageColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Media media = new Media();
        media.setId(row.string(ClinicalImageColumns.PUBLIC_ID));
        media.getMeta().addProfile(PROFILE);
        if (row.has(ClinicalImageColumns.ORDER_NUMBER + ColumnGroups.VALUE)) {
            Reference order = new Reference().setIdentifier(FhirValues.identifier(row,
                    ClinicalImageColumns.ORDER_NUMBER));
            if (row.has(ClinicalImageColumns.ORDER_NUMBER_ASSIGNER)) {
                order.getIdentifier().getAssigner().setDisplay(row.string(ClinicalImageColumns.ORDER_NUMBER_ASSIGNER));
            }
            media.addBasedOn(order);
        }
        media.setStatus(Media.MediaStatus.fromCode(row.string(ClinicalImageColumns.STATUS)));
        media.setModality(FhirValues.concept(row, ClinicalImageColumns.MODALITY));
        media.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        media.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        media.setCreated(FhirValues.dateTime(row, ClinicalImageColumns.TAKEN));
        media.setBodySite(FhirValues.concept(row, ClinicalImageColumns.BODY_SITE));
        if (row.has(ClinicalImageColumns.HEIGHT_PX)) {
            media.setHeight(row.intValue(ClinicalImageColumns.HEIGHT_PX));
        }
        if (row.has(ClinicalImageColumns.WIDTH_PX)) {
            media.setWidth(row.intValue(ClinicalImageColumns.WIDTH_PX));
        }
        Attachment content = new Attachment().setContentType(row.string(ClinicalImageColumns.CONTENT_TYPE))
                .setUrl(row.string(ClinicalImageColumns.FILE_URL));
        content.setId(row.string(ClinicalImageColumns.FILE_LABEL));
        if (row.has(ClinicalImageColumns.FILE_CREATED_TEXT)) {
            content.setCreationElement(new DateTimeType(row.string(ClinicalImageColumns.FILE_CREATED_TEXT)));
        }
        media.setContent(content);
        return media;
    }
}
