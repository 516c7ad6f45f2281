package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import java.util.List;

/**
 * Every table of the sample EHR the adapter serves. Tables of one resource type are searched in the order listed
 * here.
 */
public final class ServedTables {

    private ServedTables() {
    }

    public static List<ResourceTable> all() {
        return List.of(
                new PatientTable(),
                new AllergyIntoleranceTable(),
                new OrganizationTable(),
                new PractitionerTable(),
                new PractitionerRoleTable(),
                new LocationTable(),
                new EncounterTable(),
                new RelatedPersonTable(),
                new EndpointTable(),
                new ConditionTable(),
                new ProcedureTable(),
                new ImmunizationTable(),
                new CarePlanTable(),
                new CareTeamTable(),
                new GoalTable(),
                new DeviceTable(),
                new CoverageTable(),
                new MedicationTable(),
                new MedicationRequestTable(),
                new MedicationDispenseTable(),
                new DocumentReferenceTable(),
                new DiagnosticReportTable(),
                new ServiceRequestTable(),
                new SpecimenTable(),
                new QuestionnaireResponseTable(),
                new MediaTable(),
                new ProvenanceTable(),
                new VitalSignTable(),
                new TestResultTable(),
                new SocialHistoryTable(),
                new AssessmentAnswerTable());
    }
}
