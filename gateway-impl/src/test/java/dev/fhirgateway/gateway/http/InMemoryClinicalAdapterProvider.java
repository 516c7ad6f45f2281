package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
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
        return new Adapter(config.get("in-memory-clinical.enabled").map(Boolean::parseBoolean).orElse(false),
                config.get("in-memory-clinical.medication-read-delay-ms").map(Long::parseLong).orElse(0L));
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

    private static Provenance provenance(String id, String target) {
        Provenance p = new Provenance();
        p.setId(id);
        p.addTarget(new Reference(target));
        p.getRecordedElement().setValueAsString("2024-01-01T00:00:00Z");
        return p;
    }

    private static final class Adapter implements EhrAdapter {
        private final boolean enabled;
        private final long medicationReadDelayMillis;
        private final List<Stored> data = seed();

        Adapter(boolean enabled, long medicationReadDelayMillis) {
            this.enabled = enabled;
            this.medicationReadDelayMillis = medicationReadDelayMillis;
        }

        @Override
        public List<ResourceSupport> supportedResources() {
            if (!enabled) {
                return List.of();
            }
            return List.of(
                    new ResourceSupport("MedicationRequest", List.of(), List.of(SearchParameterSupport.token("_id"),
                            SearchParameterSupport.reference("patient"), SearchParameterSupport.reference("medication"))),
                    new ResourceSupport("Medication", List.of(), List.of(SearchParameterSupport.token("_id"))),
                    new ResourceSupport("Provenance", List.of(), List.of(SearchParameterSupport.token("_id"),
                            SearchParameterSupport.reference("patient"), SearchParameterSupport.reference("target"))));
        }

        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            if (resourceType.equals("Medication") && medicationReadDelayMillis > 0) {
                try {
                    Thread.sleep(medicationReadDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AdapterException(AdapterException.Reason.TIMEOUT, "interrupted", e);
                }
            }
            return data.stream().filter(s -> s.practice().equals(context.practice()))
                    .map(Stored::resource)
                    .filter(r -> r.fhirType().equals(resourceType) && r.getIdElement().getIdPart().equals(id))
                    .map(Resource::copy).findFirst();
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            int offset;
            try {
                offset = request.cursor() == null ? 0 : Integer.parseInt(request.cursor());
            } catch (NumberFormatException e) {
                throw AdapterException.invalidCursor("unreadable cursor");
            }
            List<Resource> matches = data.stream()
                    .filter(s -> s.practice().equals(context.practice()))
                    .map(Stored::resource)
                    .filter(r -> r.fhirType().equals(request.resourceType()))
                    .filter(r -> request.criteria().stream().allMatch(c -> matches(c, r)))
                    .toList();
            int end = Math.min(matches.size(), offset + request.pageSize());
            List<Resource> page = new ArrayList<>();
            matches.subList(Math.min(offset, end), end).forEach(r -> page.add(r.copy()));
            return new SearchPage(page, end < matches.size() ? Integer.toString(end) : null);
        }

        private static boolean matches(SearchCriterion c, Resource r) {
            List<String> references = switch (c.parameter()) {
                case "_id" -> List.of(r.getIdElement().getIdPart());
                case "patient" -> r instanceof MedicationRequest m ? List.of(m.getSubject().getReference())
                        : ((Provenance) r).getTarget().stream().map(Reference::getReference)
                                .filter(t -> t.startsWith("Patient/")).toList();
                case "medication" -> List.of(((MedicationRequest) r).getMedicationReference().getReference());
                case "target" -> ((Provenance) r).getTarget().stream().map(Reference::getReference).toList();
                default -> throw AdapterException.unsupportedSearch("unexpected parameter " + c.parameter());
            };
            Predicate<SearchValue> one = v -> references.stream().anyMatch(ref -> {
                if (v instanceof SearchValue.Token t) {
                    return t.matches(null, ref);
                }
                SearchValue.Reference x = (SearchValue.Reference) v;
                return x.matches(ref.substring(0, ref.indexOf('/')), ref.substring(ref.indexOf('/') + 1));
            });
            return c.anyOf().stream().anyMatch(one);
        }
    }
}
