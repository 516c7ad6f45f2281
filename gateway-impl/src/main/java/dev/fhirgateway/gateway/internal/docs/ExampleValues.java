package dev.fhirgateway.gateway.internal.docs;

import java.util.Map;

/**
 * Example values for the example requests: codes US Core's own examples use where a parameter has a well-known
 * one, shell variables ({@code $PATIENT_ID}) where the value is a record of the developer's practice. They show the
 * form; they are not data of this server.
 */
final class ExampleValues {

    private static final Map<String, String> BY_TYPE_AND_NAME = Map.ofEntries(
            Map.entry("Observation.category", "laboratory"),
            Map.entry("Observation.code", "http://loinc.org|8867-4"),
            Map.entry("Condition.category", "problem-list-item"),
            Map.entry("Condition.code", "http://snomed.info/sct|44054006"),
            Map.entry("DiagnosticReport.category", "LAB"),
            Map.entry("DiagnosticReport.code", "http://loinc.org|58410-2"),
            Map.entry("DocumentReference.category", "clinical-note"),
            Map.entry("DocumentReference.type", "http://loinc.org|18842-5"),
            Map.entry("CarePlan.category", "assess-plan"),
            Map.entry("ServiceRequest.category", "http://snomed.info/sct|108252007"),
            Map.entry("Encounter.type", "http://www.ama-assn.org/go/cpt|99213"),
            Map.entry("Procedure.code", "http://snomed.info/sct|35637008"),
            Map.entry("Immunization.status", "completed"),
            Map.entry("CareTeam.status", "active"),
            Map.entry("Goal.lifecycle-status", "active"),
            Map.entry("MedicationRequest.status", "active"),
            Map.entry("Patient.gender", "female"),
            Map.entry("Patient.birthdate", "1970-01-01"),
            Map.entry("PractitionerRole.specialty", "http://nucc.org/provider-taxonomy|208D00000X"));

    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("patient", "$PATIENT_ID"),
            Map.entry("subject", "Patient/$PATIENT_ID"),
            Map.entry("_id", "$ID"),
            Map.entry("identifier", "$SYSTEM|$VALUE"),
            Map.entry("clinical-status", "active"),
            Map.entry("intent", "order"),
            Map.entry("status", "$STATUS"),
            Map.entry("name", "Smith"),
            Map.entry("family", "Smith"),
            Map.entry("given", "Maria"),
            Map.entry("address", "Main"),
            Map.entry("address-city", "Boston"),
            Map.entry("address-state", "MA"),
            Map.entry("address-postalcode", "02101"),
            Map.entry("practitioner", "Practitioner/$PRACTITIONER_ID"),
            Map.entry("target", "$TYPE/$ID"),
            Map.entry("medication", "Medication/$MEDICATION_ID"),
            Map.entry("encounter", "Encounter/$ENCOUNTER_ID"));

    private ExampleValues() {
    }

    /** An example value of the parameter {@code name} (FHIR search type {@code type}) on {@code resourceType}. */
    static String of(String resourceType, String name, String type) {
        String value = BY_TYPE_AND_NAME.get(resourceType + "." + name);
        if (value != null) {
            return value;
        }
        value = BY_NAME.get(name);
        if (value != null) {
            return value;
        }
        return switch (type) {
            case "date" -> "ge2024-01-01";
            case "reference" -> "$REFERENCE_ID";
            case "quantity" -> "gt5.4|http://unitsofmeasure.org|mmol/L";
            case "string" -> "text";
            default -> "$CODE";
        };
    }
}
