package dev.fhirgateway.sample.fhirimport;

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
        return "clinical_image";
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
        row.put("patient_id", RequiredPatient.internalId(context, m.getSubject(), "subject", m));
        // The imaging order is known by its number only (the order may live in another system).
        Identifier order = m.hasBasedOn() ? m.getBasedOnFirstRep().getIdentifier() : new Identifier();
        row.put("order_number_system", order.getSystem());
        row.put("order_number_value", order.getValue());
        row.put("order_number_assigner", order.getAssigner().getDisplay());
        if (m.getBasedOn().size() > 1 || (m.hasBasedOn() && m.getBasedOnFirstRep().hasReference())) {
            context.notMapped("basedOn", "only the first order number is kept");
        }
        row.put("status", m.getStatus().toCode());
        Codes.put(row, "modality", m.getModality(), context, "modality");
        row.put("encounter_id", context.internalId(m.getEncounter(), "encounter", "Encounter"));
        ClinicalTime.put(row, "taken", m.hasCreatedDateTimeType() ? m.getCreatedDateTimeType().getValueAsString()
                : null);
        Codes.put(row, "body_site", m.getBodySite(), context, "bodySite");
        row.put("height_px", m.hasHeight() ? m.getHeight() : null);
        row.put("width_px", m.hasWidth() ? m.getWidth() : null);
        Attachment content = m.getContent();
        row.put("file_label", content.getId());
        row.put("content_type", content.getContentType());
        row.put("file_url", content.getUrl());
        row.put("file_created_text", content.hasCreation() ? content.getCreationElement().getValueAsString() : null);
        if (content.hasData()) {
            context.notMapped("content.data", "images are kept by URL only");
        }
        context.insert("clinical_image", row);
    }
}
