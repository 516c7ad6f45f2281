package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .reference("patient", "Patient", "p.public_id");

    CoverageTable() {
        super("Coverage",
                List.of(PROFILE),
                "coverage r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN organization o ON o.id = r.payor_organization_id",
                "r.*, p.public_id AS patient_public_id, o.public_id AS payor_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("classes", "coverage_class", "coverage_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Coverage coverage = new Coverage();
        coverage.setId(row.string("public_id"));
        coverage.getMeta().addProfile(PROFILE);
        if (row.has("member_id")) {
            coverage.addIdentifier()
                    .setType(new CodeableConcept(new Coding(IDENTIFIER_TYPE, "MB", "Member Number")))
                    .setSystem(row.string("member_id_system"))
                    .setValue(row.string("member_id"));
        }
        coverage.setStatus(Coverage.CoverageStatus.fromCode(row.string("status")));
        coverage.setType(FhirValues.concept(row, "type"));
        coverage.setSubscriberId(row.string("subscriber_id"));
        coverage.setBeneficiary(FhirValues.reference("Patient", row.string("patient_public_id")));
        CodeableConcept relationship = FhirValues.concept(RELATIONSHIP, row.string("relationship_code"));
        if (relationship != null) {
            coverage.setRelationship(relationship.setText(row.string("relationship_text")));
        }
        coverage.setPeriod(FhirValues.period(row, "period_start", "period_end"));
        if (row.has("payor_public_id")) {
            coverage.addPayor(FhirValues.reference("Organization", row.string("payor_public_id")));
        }
        for (TableRow c : row.children("classes")) {
            coverage.addClass_()
                    .setType(new CodeableConcept(new Coding(CLASS_TYPE, c.string("class_type"), null))
                            .setText(c.string("type_text")))
                    .setValue(c.string("class_value"))
                    .setName(c.string("class_name"));
        }
        return coverage;
    }
}
