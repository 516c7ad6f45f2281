package dev.fhirgateway.sample.adapter;

import java.time.LocalDate;

/**
 * One row of the EHR's {@code patient} table, as the adapter reads it. Optional columns are null when empty.
 *
 * @param id the internal key; used for paging only and never shown to clients
 * @param publicId the opaque stable id served as the FHIR logical id
 * @param gender one of {@code male}, {@code female}, {@code other}, {@code unknown}
 * @param languageCode a BCP 47 tag such as {@code en}
 * @param raceCode an OMB race category code (CDC Race &amp; Ethnicity code set)
 * @param ethnicityCode an OMB ethnicity category code
 * @param birthSex {@code M}, {@code F} or {@code UNK}
 * @param sexCode a SNOMED CT code of sex (us-core-sex)
 * @param genderIdentityCode a SNOMED CT gender identity code or a v3 null flavor
 * @param tribalAffiliationCode an HL7 v3 TribalEntityUS code
 * @param nameSince since when the name applies
 * @param addressSince since when the address applies
 * @param raceText the patient's own words for their race
 * @param ethnicityText the patient's own words for their ethnicity
 * @param tribalAffiliationEnrolled whether enrolled with the tribe; null when not recorded
 * @param languageDisplay the preferred language's name as recorded
 * @param languageText the words the preferred language was recorded with
 * @param genderIdentityDisplay the gender identity's name as recorded
 * @param genderIdentityText the patient's words for their gender identity
 * @param tribalAffiliationDisplay the tribe's name as recorded
 * @param tribalAffiliationText the words the tribe was recorded with
 * @param deceased whether the patient died, when recorded without a date; null when not recorded
 * @param deceasedText the time of death as recorded (deceasedDate is its day); null for the demo patients
 */
record PatientRecord(
        long id,
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
        LocalDate addressSince,
        String raceText,
        String ethnicityText,
        Boolean tribalAffiliationEnrolled,
        String languageDisplay,
        String languageText,
        String genderIdentityDisplay,
        String genderIdentityText,
        String tribalAffiliationDisplay,
        String tribalAffiliationText,
        Boolean deceased,
        String deceasedText) {
}
