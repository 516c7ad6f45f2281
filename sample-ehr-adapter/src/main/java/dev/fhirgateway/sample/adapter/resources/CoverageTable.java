package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.CoverageClassColumns;
import dev.fhirgateway.sample.adapter.schema.CoverageColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Resource;

/** Insurance coverage ({@code coverage}, {@code coverage_class}) as US Core Coverage. */
final class CoverageTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-coverage";
    static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";
    static final String CLASS_TYPE = "http://terminology.hl7.org/CodeSystem/coverage-class";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID);

    CoverageTable() {
        super("Coverage",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(CoverageColumns.TABLE, CoverageColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "o",
                                CoverageColumns.PAYOR_ORGANIZATION_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", o." + OrganizationColumns.PUBLIC_ID
                        + " AS payor_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("classes", CoverageClassColumns.TABLE, CoverageClassColumns.COVERAGE_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Coverage coverage = new Coverage();
        coverage.setId(row.string(CoverageColumns.PUBLIC_ID));
        coverage.getMeta().addProfile(PROFILE);
        if (row.has(CoverageColumns.MEMBER_ID)) {
            coverage.addIdentifier()
                    .setType(new CodeableConcept(new Coding(IDENTIFIER_TYPE, "MB", "Member Number")))
                    .setSystem(row.string(CoverageColumns.MEMBER_ID_SYSTEM))
                    .setValue(row.string(CoverageColumns.MEMBER_ID));
        }
        coverage.setStatus(Coverage.CoverageStatus.fromCode(row.string(CoverageColumns.STATUS)));
        coverage.setType(FhirValues.concept(row, CoverageColumns.TYPE));
        coverage.setSubscriberId(row.string(CoverageColumns.SUBSCRIBER_ID));
        coverage.setBeneficiary(FhirValues.reference("Patient", row.string("patient_public_id")));
        CodeableConcept relationship = FhirValues.concept(RELATIONSHIP, row.string(CoverageColumns.RELATIONSHIP_CODE));
        if (relationship != null) {
            coverage.setRelationship(relationship.setText(row.string(CoverageColumns.RELATIONSHIP_TEXT)));
        }
        coverage.setPeriod(FhirValues.period(row, CoverageColumns.PERIOD_START, CoverageColumns.PERIOD_END));
        if (row.has("payor_public_id")) {
            coverage.addPayor(FhirValues.reference("Organization", row.string("payor_public_id")));
        }
        for (TableRow c : row.children("classes")) {
            coverage.addClass_()
                    .setType(new CodeableConcept(new Coding(CLASS_TYPE, c.string(CoverageClassColumns.CLASS_TYPE),
                            null))
                            .setText(c.string(CoverageClassColumns.TYPE_TEXT)))
                    .setValue(c.string(CoverageClassColumns.CLASS_VALUE))
                    .setName(c.string(CoverageClassColumns.CLASS_NAME));
        }
        return coverage;
    }
}
