package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SpiVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A second in-memory test adapter, next to {@link InMemoryPatientAdapterProvider}: MedicationRequests, the
 * Medications they refer to and Provenances, in two practices, for the include tests. It serves nothing
 * unless the adapter setting {@code in-memory-clinical.enabled} is {@code true}, so the other tests see only
 * the Patient adapter.
 *
 * <p>Practice A: a1's MedicationRequests mr1..mr5 (mr1-mr3 refer to med1, mr4 to med2, mr5 to
 * {@code Medication/medB} which exists only in practice B), a2's mr-a2 (med3); Provenances of Patient/a1,
 * Patient/a2 and mr1, and one each of med1, prov-a1 and the other test adapters' DocumentReference/ccd-2024,
 * Practitioner/p1 and PractitionerRole/r1. Practice B: Medication medB and a Provenance of its own "Patient/a1"
 * (ids collide across practices, as they may in real EHRs).
 */
public final class InMemoryClinicalAdapterProvider implements EhrAdapterProvider {

    public static final String ENABLED_SETTING = "fhirgateway.adapter.in-memory-clinical.enabled";
    /** Milliseconds each read of a Medication takes, to exercise the request's time budget over includes. */
    public static final String MEDICATION_READ_DELAY_SETTING = "fhirgateway.adapter.in-memory-clinical.medication-read-delay-ms";

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "in-memory-clinical";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        InMemoryEhrAdapter.Builder adapter = InMemoryEhrAdapter.builder();
        if (config.get("in-memory-clinical.enabled").map(Boolean::parseBoolean).orElse(false)) {
            adapter.type(MedicationRequest.class, List.of(), t -> t
                            .reference("patient", (r, v) -> references(v, List.of(r.getSubject().getReference())))
                            .reference("medication", (r, v) -> references(v,
                                    List.of(r.getMedicationReference().getReference()))))
                    .type(Medication.class, List.of(), t -> {
                    })
                    .type(Provenance.class, List.of(), t -> t
                            .reference("patient", (p, v) -> references(v, targets(p).stream()
                                    .filter(target -> target.startsWith("Patient/")).toList()))
                            .reference("target", (p, v) -> references(v, targets(p))))
                    .readDelay("Medication", Duration.ofMillis(config.get("in-memory-clinical.medication-read-delay-ms")
                            .map(Long::parseLong).orElse(0L)));
            seed().forEach(s -> adapter.resource(s.practice(), s.resource()));
        }
        return adapter.build();
    }

    private static List<String> targets(Provenance p) {
        return p.getTarget().stream().map(Reference::getReference).toList();
    }

    /** Whether a reference value names one of {@code references} ("Type/id"). */
    private static boolean references(SearchValue v, List<String> references) {
        return references.stream().anyMatch(ref -> v instanceof SearchValue.Token t ? t.matches(null, ref)
                : ((SearchValue.Reference) v).matches(ref.substring(0, ref.indexOf('/')),
                        ref.substring(ref.indexOf('/') + 1)));
    }

    record Stored(String practice, Resource resource) {
    }

    private static List<Stored> seed() {
        String a = InMemoryPatientAdapterProvider.PRACTICE_A;
        String b = InMemoryPatientAdapterProvider.PRACTICE_B;
        List<Stored> all = new ArrayList<>();
        all.add(new Stored(a, medication("med1", "amoxicillin")));
        all.add(new Stored(a, medication("med2", "ibuprofen")));
        all.add(new Stored(a, medication("med3", "metformin")));
        all.add(new Stored(b, medication("medB", "practice B only")));
        String[] medications = {"med1", "med1", "med1", "med2", "medB"};
        for (int i = 1; i <= 5; i++) {
            all.add(new Stored(a, request("mr" + i, "a1", medications[i - 1])));
        }
        all.add(new Stored(a, request("mr-a2", "a2", "med3")));
        all.add(new Stored(a, withContainedMedication("mr-contained", "a7")));
        all.add(new Stored(a, provenance("prov-a1", "Patient/a1")));
        all.add(new Stored(a, provenance("prov-a2", "Patient/a2")));
        all.add(new Stored(a, provenance("prov-mr1", "MedicationRequest/mr1")));
        all.add(new Stored(b, provenance("prov-b", "Patient/a1")));
        // Provenances of the other test adapters' resources, for _revinclude=Provenance:target on every type.
        all.add(new Stored(a, provenance("prov-med1", "Medication/med1")));
        all.add(new Stored(a, provenance("prov-of-prov", "Provenance/prov-a1")));
        all.add(new Stored(a, provenance("prov-doc", "DocumentReference/ccd-2024")));
        all.add(new Stored(a, provenance("prov-p1", "Practitioner/p1")));
        all.add(new Stored(a, provenance("prov-r1", "PractitionerRole/r1")));
        return all;
    }

    private static Medication medication(String id, String text) {
        Medication m = new Medication();
        m.setId(id);
        m.getCode().setText(text);
        return m;
    }

    private static MedicationRequest request(String id, String patient, String medication) {
        MedicationRequest r = new MedicationRequest();
        r.setId(id);
        r.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        r.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        r.setSubject(new Reference("Patient/" + patient));
        r.setMedication(new Reference("Medication/" + medication));
        return r;
    }

    /** A request whose Medication exists only inside it: in contained with an id, referenced as #id. */
    private static MedicationRequest withContainedMedication(String id, String patient) {
        MedicationRequest r = request(id, patient, "unused");
        Medication compounded = medication("compounded", "compounded cream");
        r.addContained(compounded);
        r.setMedication(new Reference("#compounded"));
        return r;
    }

    private static Provenance provenance(String id, String target) {
        Provenance p = new Provenance();
        p.setId(id);
        p.addTarget(new Reference(target));
        p.getRecordedElement().setValueAsString("2024-01-01T00:00:00Z");
        return p;
    }
}
