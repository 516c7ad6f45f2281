package dev.fhirgateway.sample.fhirimport;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/** A Specimen into the {@code specimen} table: one container type and one condition. */
final class SpecimenImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Specimen";
    }

    @Override
    public String table() {
        return "specimen";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "accessionIdentifier", "type", "subject", "collection", "container",
                "condition");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Specimen s = (Specimen) resource;
        Map<String, Object> row = context.row(s);
        row.put("patient_id", context.internalId(s.getSubject(), "subject", "Patient"));
        Identifiers.put(row, "specimen_number", s.getIdentifier(), context, "identifier");
        row.put("accession_system", s.getAccessionIdentifier().getSystem());
        row.put("accession_value", s.getAccessionIdentifier().getValue());
        Codes.put(row, "specimen_type", s.getType(), context, "type");
        Specimen.SpecimenCollectionComponent collection = s.getCollection();
        ClinicalTime.put(row, "collected", collection.hasCollectedDateTimeType()
                ? collection.getCollectedDateTimeType().getValueAsString() : null);
        Codes.put(row, "body_site", collection.hasBodySite() ? collection.getBodySite() : null, context,
                "collection.bodySite");
        if (collection.hasCollector() || collection.hasMethod() || collection.hasQuantity()
                || collection.hasCollectedPeriod() || collection.hasFastingStatus()) {
            context.notMapped("collection", "only the collection time and body site are kept");
        }
        Codes.put(row, "container", s.hasContainer() ? s.getContainerFirstRep().getType() : null, context,
                "container.type");
        if (s.getContainer().size() > 1) {
            context.notMapped("container", "only the first container is kept");
        }
        Codes.put(row, "condition", s.hasCondition() ? s.getConditionFirstRep() : null, context, "condition");
        if (s.getCondition().size() > 1) {
            context.notMapped("condition", "only the first condition is kept");
        }
        context.insert("specimen", row);
    }
}
