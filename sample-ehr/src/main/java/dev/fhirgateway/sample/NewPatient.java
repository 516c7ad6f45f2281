package dev.fhirgateway.sample;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A patient to register with a practice, in the EHR's own terms: what the front desk records, as the seed data and
 * the FHIR importer write it ({@link PatientRegistry} turns it into the {@code patient} row and its searchable name
 * parts). The write side only: the adapter reads {@code patient} rows generically. Optional fields are null when
 * unknown.
 *
 * @param publicId the opaque stable id the outside world knows the patient by
 * @param mrn the medical record number, unique within the practice
 * @param middleName a second given name
 * @param gender {@code male}, {@code female}, {@code other} or {@code unknown}
 * @param languageCode the preferred language as a BCP 47 tag, e.g. {@code en}
 * @param raceCode an OMB race category code, e.g. {@code 2106-3}
 * @param ethnicityCode an OMB ethnicity category code, e.g. {@code 2135-2}
 * @param birthSex {@code M}, {@code F} or {@code UNK}
 * @param sexCode the SNOMED CT code of the patient's sex, e.g. {@code 248152002}
 * @param genderIdentityCode a SNOMED CT gender identity code, or a null flavor such as {@code ASKU}
 * @param tribalAffiliationCode an HL7 v3 TribalEntityUS code
 * @param nameSince since when the current name applies
 * @param addressSince since when the current address applies
 */
public record NewPatient(
        String publicId,
        String mrn,
        String familyName,
        String givenName,
        String middleName,
        String namePrefix,
        String nameSuffix,
        String gender,
        LocalDate birthDate,
        LocalDate deceasedDate,
        String phone,
        String email,
        String addressLine,
        String city,
        String state,
        String postalCode,
        String languageCode,
        String raceCode,
        String ethnicityCode,
        String birthSex,
        String sexCode,
        String genderIdentityCode,
        String tribalAffiliationCode,
        LocalDate nameSince,
        LocalDate addressSince) {

    public NewPatient {
        Objects.requireNonNull(publicId, "publicId");
        Objects.requireNonNull(mrn, "mrn");
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(gender, "gender");
        Objects.requireNonNull(birthDate, "birthDate");
    }
}
