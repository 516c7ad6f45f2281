package dev.fhirgateway.gateway.http;

import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * An in-memory test adapter serving Practitioners and PractitionerRoles in two practices, for the chained search
 * tests. It serves nothing unless the adapter setting {@code in-memory-directory.enabled} is {@code true}.
 *
 * <p>Practice A: p1 Alice Smith (NPI 1111) with roles r1-r3, p2 Bob Smith (NPI 2222) with r4, r5, p3 Carol Jones
 * (NPI 3333) with r6, and {@link #MANY} practitioners of the family "Many" (m1...), m1 with role r-many. Practice
 * B: its own p1 Alice Smith (NPI 1111) with role rb1.
 */
public final class InMemoryDirectoryAdapterProvider implements EhrAdapterProvider {

    public static final String ENABLED_SETTING = "fhirgateway.adapter.in-memory-directory.enabled";
    public static final String NPI = "http://hl7.org/fhir/sid/us-npi";
    /** Practitioners of the family "Many": one more than a chain may match. */
    public static final int MANY = 1001;
    public static final String SPECIALTY = "http://nucc.org/provider-taxonomy";

    @Override
    public String requestedSpiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public String name() {
        return "in-memory-directory";
    }

    @Override
    public EhrAdapter open(AdapterConfig config) {
        InMemoryEhrAdapter.Builder adapter = InMemoryEhrAdapter.builder();
        if (config.get("in-memory-directory.enabled").map(Boolean::parseBoolean).orElse(false)) {
            adapter.type(Practitioner.class, List.of(), t -> t
                            .token("identifier", (p, v) -> p.getIdentifier().stream()
                                    .anyMatch(i -> ((SearchValue.Token) v).matches(i.getSystem(), i.getValue())))
                            .string("name", (p, v) -> p.getName().stream().anyMatch(n -> ((SearchValue.Text) v)
                                    .matches(n.getFamily()) || n.getGiven().stream().map(StringType::getValue)
                                    .anyMatch(((SearchValue.Text) v)::matches))))
                    .type(PractitionerRole.class, List.of(), t -> t
                            .reference("practitioner", (r, v) -> ((SearchValue.Reference) v).matches("Practitioner",
                                    r.getPractitioner().getReferenceElement().getIdPart()))
                            .token("specialty", (r, v) -> r.getSpecialty().stream().flatMap(s -> s.getCoding().stream())
                                    .anyMatch(s -> ((SearchValue.Token) v).matches(s.getSystem(), s.getCode()))));
            seed().forEach(s -> adapter.resource(s.practice(), s.resource()));
        }
        return adapter.build();
    }

    record Stored(String practice, Resource resource) {
    }

    private static List<Stored> seed() {
        String a = InMemoryPatientAdapterProvider.PRACTICE_A;
        String b = InMemoryPatientAdapterProvider.PRACTICE_B;
        List<Stored> all = new ArrayList<>();
        all.add(new Stored(a, practitioner("p1", "Smith", "Alice", "1111")));
        all.add(new Stored(a, practitioner("p2", "Smith", "Bob", "2222")));
        all.add(new Stored(a, practitioner("p3", "Jones", "Carol", "3333")));
        for (int i = 1; i <= MANY; i++) {
            all.add(new Stored(a, practitioner("m" + i, "Many", "M", "9" + i)));
        }
        String[][] roles = {{"r1", "p1", "207Q00000X"}, {"r2", "p1", "207R00000X"}, {"r3", "p1", "208D00000X"},
            {"r4", "p2", "207Q00000X"}, {"r5", "p2", "207R00000X"}, {"r6", "p3", "207Q00000X"},
            {"r-many", "m1", "207Q00000X"}};
        for (String[] r : roles) {
            all.add(new Stored(a, role(r[0], r[1], r[2])));
        }
        all.add(new Stored(b, practitioner("p1", "Smith", "Alice", "1111")));
        all.add(new Stored(b, role("rb1", "p1", "207Q00000X")));
        return all;
    }

    private static Practitioner practitioner(String id, String family, String given, String npi) {
        Practitioner p = new Practitioner();
        p.setId(id);
        p.addIdentifier().setSystem(NPI).setValue(npi);
        p.addName(new HumanName().setFamily(family).addGiven(given));
        return p;
    }

    private static PractitionerRole role(String id, String practitioner, String specialty) {
        PractitionerRole r = new PractitionerRole();
        r.setId(id);
        r.setPractitioner(new Reference("Practitioner/" + practitioner));
        r.addSpecialty().addCoding().setSystem(SPECIALTY).setCode(specialty);
        return r;
    }
}
