package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/** Specimens collected for the lab ({@code specimen}) as US Core Specimen. */
final class SpecimenTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-specimen";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id");

    SpecimenTable() {
        super("Specimen",
                List.of(PROFILE),
                "specimen r LEFT JOIN patient p ON p.id = r.patient_id",
                "r.*, p.public_id AS patient_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Specimen specimen = new Specimen();
        specimen.setId(row.string("public_id"));
        specimen.getMeta().addProfile(PROFILE);
        if (row.has("specimen_number_value")) {
            specimen.addIdentifier(FhirValues.identifier(row, "specimen_number"));
        }
        specimen.setAccessionIdentifier(FhirValues.identifier(row, "accession"));
        specimen.setType(FhirValues.concept(row, "specimen_type"));
        specimen.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("collected_text") || row.has("body_site_code") || row.has("body_site_text")) {
            specimen.getCollection().setCollected(FhirValues.dateTime(row, "collected"));
            specimen.getCollection().setBodySite(FhirValues.concept(row, "body_site"));
        }
        CodeableConcept container = FhirValues.concept(row, "container");
        if (container != null) {
            specimen.addContainer().setType(container);
        }
        CodeableConcept condition = FhirValues.concept(row, "condition");
        if (condition != null) {
            specimen.addCondition(condition);
        }
        return specimen;
    }
}
