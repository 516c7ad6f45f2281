package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.MedicationColumns;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/** A Medication into the drug catalog ({@code medication}). */
final class MedicationImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Medication";
    }

    @Override
    public String table() {
        return MedicationColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("code", "status");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Medication m = (Medication) resource;
        Map<String, Object> row = context.row(m);
        Codes.put(row, MedicationColumns.DRUG, m.getCode(), context, "code");
        row.put(MedicationColumns.STATUS, m.hasStatus() ? m.getStatus().toCode() : null);
        context.insert(MedicationColumns.TABLE, row);
    }
}
