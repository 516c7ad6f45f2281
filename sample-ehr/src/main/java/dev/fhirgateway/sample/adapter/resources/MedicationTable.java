package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/** The drug catalog ({@code medication}) as US Core Medication. */
final class MedicationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medication";

    private static final SearchColumns SEARCH = SearchColumns.withId();

    @Override
    public String resourceType() {
        return "Medication";
    }

    @Override
    public List<String> profiles() {
        return List.of(PROFILE);
    }

    @Override
    public String from() {
        return "medication r";
    }

    @Override
    public String columns() {
        return "r.*";
    }

    @Override
    public SearchColumns search() {
        return SEARCH;
    }

    @Override
    public Resource toFhir(TableRow row) {
        Medication medication = new Medication();
        medication.setId(row.string("public_id"));
        medication.getMeta().addProfile(PROFILE);
        medication.setCode(FhirValues.concept(row, "drug"));
        if (row.has("status")) {
            medication.setStatus(Medication.MedicationStatus.fromCode(row.string("status")));
        }
        return medication;
    }
}
