package dev.fhirgateway.sample;

import java.util.List;

/**
 * A demo practice with the patients it is seeded with.
 *
 * @param pin the practice PIN callers of the gateway name the practice by
 */
public record SeedPractice(String pin, String name, List<NewPatient> patients) {

    public SeedPractice {
        patients = List.copyOf(patients);
    }
}
