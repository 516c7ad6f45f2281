package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ClinicalImageColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Media;
import org.hl7.fhir.r4.model.Resource;

/** A Media into the clinical images ({@code clinical_image}): the image stays where its URL points. */
final class MediaImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Media";
    }

    @Override
    public String table() {
        return ClinicalImageColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("basedOn", "status", "modality", "subject", "encounter", "created", "bodySite", "height",
                "width", "content");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Media m = (Media) resource;
        Map<String, Object> row = context.row(m);
        row.put(ClinicalImageColumns.PATIENT_ID, RequiredPatient.internalId(context, m.getSubject(), "subject", m));
        // The imaging order is known by its number only (the order may live in another system).
        Identifier order = m.hasBasedOn() ? m.getBasedOnFirstRep().getIdentifier() : new Identifier();
        row.put(ClinicalImageColumns.ORDER_NUMBER + ColumnGroups.SYSTEM, order.getSystem());
        row.put(ClinicalImageColumns.ORDER_NUMBER + ColumnGroups.VALUE, order.getValue());
        row.put(ClinicalImageColumns.ORDER_NUMBER_ASSIGNER, order.getAssigner().getDisplay());
        if (m.getBasedOn().size() > 1 || (m.hasBasedOn() && m.getBasedOnFirstRep().hasReference())) {
            context.notMapped("basedOn", "only the first order number is kept");
        }
        row.put(ClinicalImageColumns.STATUS, m.getStatus().toCode());
        Codes.put(row, ClinicalImageColumns.MODALITY, m.getModality(), context, "modality");
        row.put(ClinicalImageColumns.ENCOUNTER_ID, context.internalId(m.getEncounter(), "encounter", "Encounter"));
        ClinicalTime.put(row, ClinicalImageColumns.TAKEN, m.hasCreatedDateTimeType()
                ? m.getCreatedDateTimeType().getValueAsString()
                : null);
        Codes.put(row, ClinicalImageColumns.BODY_SITE, m.getBodySite(), context, "bodySite");
        row.put(ClinicalImageColumns.HEIGHT_PX, m.hasHeight() ? m.getHeight() : null);
        row.put(ClinicalImageColumns.WIDTH_PX, m.hasWidth() ? m.getWidth() : null);
        Attachment content = m.getContent();
        row.put(ClinicalImageColumns.FILE_LABEL, content.getId());
        row.put(ClinicalImageColumns.CONTENT_TYPE, content.getContentType());
        row.put(ClinicalImageColumns.FILE_URL, content.getUrl());
        row.put(ClinicalImageColumns.FILE_CREATED_TEXT, content.hasCreation()
                ? content.getCreationElement().getValueAsString() : null);
        if (content.hasData()) {
            context.notMapped("content.data", "images are kept by URL only");
        }
        context.insert(ClinicalImageColumns.TABLE, row);
    }
}
