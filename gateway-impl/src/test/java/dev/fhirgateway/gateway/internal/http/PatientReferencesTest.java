package dev.fhirgateway.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The patients the audit line names for a returned resource. */
class PatientReferencesTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final PatientReferences references = new PatientReferences(FHIR);

    private Set<String> patientsOf(IBaseResource resource) {
        Set<String> ids = new LinkedHashSet<>();
        references.collect(resource, ids::add);
        return ids;
    }

    @Test
    void readsTheReferencesOfTheResource() {
        Observation o = new Observation();
        o.setSubject(new Reference("Patient/p1"));
        o.addPerformer(new Reference("Practitioner/dr"));
        o.addPerformer(new Reference("Patient/p2"));
        o.addFocus(new Reference("Patient/p3"));
        o.setEncounter(new Reference("Encounter/e1"));
        o.addHasMember(new Reference("#contained"));
        o.addDerivedFrom(new Reference().setDisplay("no reference at all"));

        assertThat(patientsOf(o)).containsExactlyInAnyOrder("p1", "p2", "p3");
    }

    @Test
    void readsReferencesInBackboneElements() {
        CareTeam team = new CareTeam();
        team.addParticipant().setMember(new Reference("Patient/p1"));
        team.addParticipant().setMember(new Reference("Practitioner/dr")).setOnBehalfOf(new Reference("Organization/o"));
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference("Observation/x"));
        provenance.addAgent().setWho(new Reference("Patient/p2"));

        assertThat(patientsOf(team)).containsExactly("p1");
        assertThat(patientsOf(provenance)).containsExactly("p2");
    }

    @Test
    void readsNestedBackboneElementsAndChoiceTypes() {
        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setSource(new Reference("Patient/p1"));
        response.addItem().setLinkId("1").addItem().setLinkId("1.1").addAnswer()
                .setValue(new Reference("Patient/p2"));
        MedicationRequest request = new MedicationRequest();
        request.setMedication(new Reference("Medication/m"));
        request.setReported(new Reference("Patient/p3"));
        request.setSubject(new Reference("Patient/p4"));

        assertThat(patientsOf(response)).containsExactlyInAnyOrder("p1", "p2");
        assertThat(patientsOf(request)).containsExactlyInAnyOrder("p3", "p4");
    }
}
