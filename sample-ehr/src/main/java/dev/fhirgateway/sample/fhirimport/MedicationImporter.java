package dev.fhirgateway.sample.fhirimport;

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
        return "medication";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("code", "status");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Medication m = (Medication) resource;
        Map<String, Object> row = context.row(m);
        Codes.put(row, "drug", m.getCode(), context, "code");
        row.put("status", m.hasStatus() ? m.getStatus().toCode() : null);
        context.insert("medication", row);
    }
}
