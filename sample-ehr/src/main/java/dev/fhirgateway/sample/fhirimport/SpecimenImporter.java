package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.SpecimenColumns;
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
        return SpecimenColumns.TABLE;
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
        row.put(SpecimenColumns.PATIENT_ID, context.internalId(s.getSubject(), "subject", "Patient"));
        Identifiers.put(row, SpecimenColumns.SPECIMEN_NUMBER, s.getIdentifier(), context, "identifier");
        row.put(SpecimenColumns.ACCESSION + ColumnGroups.SYSTEM, s.getAccessionIdentifier().getSystem());
        row.put(SpecimenColumns.ACCESSION + ColumnGroups.VALUE, s.getAccessionIdentifier().getValue());
        Codes.put(row, SpecimenColumns.SPECIMEN_TYPE, s.getType(), context, "type");
        Specimen.SpecimenCollectionComponent collection = s.getCollection();
        ClinicalTime.put(row, SpecimenColumns.COLLECTED, collection.hasCollectedDateTimeType()
                ? collection.getCollectedDateTimeType().getValueAsString() : null);
        Codes.put(row, SpecimenColumns.BODY_SITE, collection.hasBodySite() ? collection.getBodySite() : null, context,
                "collection.bodySite");
        if (collection.hasCollector() || collection.hasMethod() || collection.hasQuantity()
                || collection.hasCollectedPeriod() || collection.hasFastingStatus()) {
            context.notMapped("collection", "only the collection time and body site are kept");
        }
        Codes.put(row, SpecimenColumns.CONTAINER, s.hasContainer() ? s.getContainerFirstRep().getType() : null, context,
                "container.type");
        if (s.getContainer().size() > 1) {
            context.notMapped("container", "only the first container is kept");
        }
        Codes.put(row, SpecimenColumns.CONDITION, s.hasCondition() ? s.getConditionFirstRep() : null, context,
                "condition");
        if (s.getCondition().size() > 1) {
            context.notMapped("condition", "only the first condition is kept");
        }
        context.insert(SpecimenColumns.TABLE, row);
    }
}
