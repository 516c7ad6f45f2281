package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.SpecimenColumns;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Specimen;

/** Specimens collected for the lab ({@code specimen}) as US Core Specimen. */
final class SpecimenTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-specimen";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID);

    SpecimenTable() {
        super("Specimen",
                List.of(PROFILE),
                SpecimenColumns.TABLE + " r LEFT JOIN " + PatientColumns.TABLE + " p ON p." + PatientColumns.ID
                        + " = r." + SpecimenColumns.PATIENT_ID,
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID,
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Specimen specimen = new Specimen();
        specimen.setId(row.string(SpecimenColumns.PUBLIC_ID));
        specimen.getMeta().addProfile(PROFILE);
        if (row.has(SpecimenColumns.SPECIMEN_NUMBER + ColumnGroups.VALUE)) {
            specimen.addIdentifier(FhirValues.identifier(row, SpecimenColumns.SPECIMEN_NUMBER));
        }
        specimen.setAccessionIdentifier(FhirValues.identifier(row, SpecimenColumns.ACCESSION));
        specimen.setType(FhirValues.concept(row, SpecimenColumns.SPECIMEN_TYPE));
        specimen.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has(SpecimenColumns.COLLECTED + ColumnGroups.TEXT) || row.has(SpecimenColumns.BODY_SITE
                + ColumnGroups.CODE) || row.has(SpecimenColumns.BODY_SITE + ColumnGroups.TEXT)) {
            specimen.getCollection().setCollected(FhirValues.dateTime(row, SpecimenColumns.COLLECTED));
            specimen.getCollection().setBodySite(FhirValues.concept(row, SpecimenColumns.BODY_SITE));
        }
        CodeableConcept container = FhirValues.concept(row, SpecimenColumns.CONTAINER);
        if (container != null) {
            specimen.addContainer().setType(container);
        }
        CodeableConcept condition = FhirValues.concept(row, SpecimenColumns.CONDITION);
        if (condition != null) {
            specimen.addCondition(condition);
        }
        return specimen;
    }
}
