package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * Where an incoming Observation belongs in the EHR: the vitals flowsheet (and which row type), the test results
 * (and which kind), the social history (and which entry), or the assessment answers. Decided from the
 * categories and codes, the way an interface engine files results.
 */
final class ObservationRouting {

    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String LOINC = "http://loinc.org";
    /** The category code system of US Core 5 ("clinical-test"), replaced in US Core 6 by HL7's categories. */
    static final String US_CORE_5_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-observation-category";

    /** The category code system of US Core; version 6.1.0 defines the four codes of {@link #US_CORE_6_CATEGORIES}. */
    static final String US_CORE_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-category";
    static final Set<String> US_CORE_6_CATEGORIES =
            Set.of("sdoh", "functional-status", "disability-status", "cognitive-status");

    /**
     * The table an Observation goes to; {@code NOT_KEPT} for kinds of observation the EHR has no place for
     * (those filed under categories later US Core versions added, e.g. treatment-intervention-preference).
     */
    enum Destination { VITAL_SIGN, TEST_RESULT, SOCIAL_HISTORY, ASSESSMENT, NOT_KEPT }

    /**
     * @param kind the flowsheet row type, result category or social history entry type; null for assessments
     */
    record Route(Destination destination, String kind) {
    }

    /** Flowsheet row type by LOINC code; pulse oximetry is decided separately (it needs both of its codes). */
    private static final Map<String, String> VITAL_TYPE_BY_LOINC = new LinkedHashMap<>();
    private static final Map<String, String> SOCIAL_HISTORY_BY_LOINC = Map.of(
            "72166-2", "smoking-status",
            "82810-3", "pregnancy-status",
            "86645-9", "pregnancy-intent",
            "76690-7", "sexual-orientation",
            "11341-5", "occupation");
    private static final Set<String> CLINICAL_RESULT_CATEGORIES = Set.of("imaging", "procedure", "exam", "therapy");

    static {
        VITAL_TYPE_BY_LOINC.put("85354-9", "blood-pressure");
        VITAL_TYPE_BY_LOINC.put("8867-4", "heart-rate");
        VITAL_TYPE_BY_LOINC.put("9279-1", "respiratory-rate");
        VITAL_TYPE_BY_LOINC.put("8310-5", "body-temperature");
        VITAL_TYPE_BY_LOINC.put("8302-2", "body-height");
        VITAL_TYPE_BY_LOINC.put("29463-7", "body-weight");
        VITAL_TYPE_BY_LOINC.put("39156-5", "bmi");
        VITAL_TYPE_BY_LOINC.put("9843-4", "head-circumference");
        VITAL_TYPE_BY_LOINC.put("59576-9", "bmi-for-age");
        VITAL_TYPE_BY_LOINC.put("77606-2", "weight-for-height");
        VITAL_TYPE_BY_LOINC.put("8289-1", "head-circumference-percentile");
    }

    private ObservationRouting() {
    }

    static Route route(Observation o) {
        for (CodeableConcept category : o.getCategory()) {
            for (Coding c : category.getCoding()) {
                if (US_CORE_CATEGORY.equals(c.getSystem()) && !US_CORE_6_CATEGORIES.contains(c.getCode())) {
                    return new Route(Destination.NOT_KEPT, c.getCode());
                }
            }
        }
        if (hasCategory(o, CATEGORY, "survey")) {
            return new Route(Destination.ASSESSMENT, null);
        }
        if (hasCategory(o, CATEGORY, "vital-signs")) {
            return new Route(Destination.VITAL_SIGN, vitalType(o.getCode()));
        }
        if (hasCategory(o, CATEGORY, "laboratory")) {
            return new Route(Destination.TEST_RESULT, "laboratory");
        }
        for (String category : CLINICAL_RESULT_CATEGORIES) {
            if (hasCategory(o, CATEGORY, category)) {
                return new Route(Destination.TEST_RESULT, category);
            }
        }
        if (hasCategory(o, US_CORE_5_CATEGORY, "clinical-test")) {
            // US Core 6 files clinical tests (ECG, spirometry ...) under HL7's "procedure".
            return new Route(Destination.TEST_RESULT, "procedure");
        }
        if (hasCategory(o, CATEGORY, "social-history")) {
            for (Coding c : o.getCode().getCoding()) {
                if (LOINC.equals(c.getSystem()) && SOCIAL_HISTORY_BY_LOINC.containsKey(c.getCode())) {
                    return new Route(Destination.SOCIAL_HISTORY, SOCIAL_HISTORY_BY_LOINC.get(c.getCode()));
                }
            }
        }
        return new Route(Destination.ASSESSMENT, null);
    }

    /** The flowsheet row type of a vital sign's code; {@code other} for codes without their own profile. */
    static String vitalType(CodeableConcept code) {
        if (hasLoinc(code, "59408-5") && hasLoinc(code, "2708-6")) {
            return "pulse-oximetry";
        }
        for (Map.Entry<String, String> e : VITAL_TYPE_BY_LOINC.entrySet()) {
            if (hasLoinc(code, e.getKey())) {
                return e.getValue();
            }
        }
        return "other";
    }

    private static boolean hasLoinc(CodeableConcept code, String loinc) {
        return code.getCoding().stream().anyMatch(c -> LOINC.equals(c.getSystem()) && loinc.equals(c.getCode()));
    }

    private static boolean hasCategory(Observation o, String system, String code) {
        List<CodeableConcept> categories = o.getCategory();
        return categories.stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
