package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.MedicationColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Resource;

/** The drug catalog ({@code medication}) as US Core Medication. */
final class MedicationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medication";

    private static final SearchColumns SEARCH = SearchColumns.withId();

    MedicationTable() {
        super("Medication",
                List.of(PROFILE),
                MedicationColumns.TABLE + " r",
                "r.*",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Medication medication = new Medication();
        medication.setId(row.string(MedicationColumns.PUBLIC_ID));
        medication.getMeta().addProfile(PROFILE);
        medication.setCode(FhirValues.concept(row, MedicationColumns.DRUG));
        if (row.has(MedicationColumns.STATUS)) {
            medication.setStatus(Medication.MedicationStatus.fromCode(row.string(MedicationColumns.STATUS)));
        }
        return medication;
    }
}
