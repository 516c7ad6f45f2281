package dev.fhirgateway.sample.fhirimport;

import java.util.List;

/** Every importer, in dependency order: a resource's references point at types imported before it. */
final class ResourceImporters {

    private ResourceImporters() {
    }

    static List<ResourceImporter> all() {
        return List.of(
                new OrganizationImporter(),
                new LocationImporter(),
                new PractitionerImporter(),
                new EndpointImporter(),
                new PractitionerRoleImporter(),
                new PatientImporter(),
                new EncounterImporter(),
                new RelatedPersonImporter(),
                new MedicationImporter(),
                new AllergyIntoleranceImporter(),
                new ConditionImporter(),
                new CareTeamImporter(),
                new CarePlanImporter(),
                new GoalImporter(),
                new ProcedureImporter(),
                new ImmunizationImporter(),
                new DeviceImporter(),
                new CoverageImporter(),
                new MedicationRequestImporter(),
                new MedicationDispenseImporter(),
                new SpecimenImporter(),
                new ObservationImporter(),
                new DocumentReferenceImporter(),
                new MediaImporter(),
                new DiagnosticReportImporter(),
                new ServiceRequestImporter(),
                new QuestionnaireResponseImporter(),
                new ProvenanceImporter());
    }
}
