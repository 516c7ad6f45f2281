package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.fhirimport.ObservationRouting.Destination;
import dev.fhirgateway.sample.fhirimport.ObservationRouting.Route;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class ObservationRoutingTest {

    private static final String CATEGORY = ObservationRouting.CATEGORY;
    private static final String LOINC = ObservationRouting.LOINC;

    @Test
    void vitalSignsGoToTheFlowsheetRowOfTheirCode() {
        assertThat(route(CATEGORY, "vital-signs", "8867-4")).isEqualTo(new Route(Destination.VITAL_SIGN, "heart-rate"));
        assertThat(route(CATEGORY, "vital-signs", "85354-9"))
                .isEqualTo(new Route(Destination.VITAL_SIGN, "blood-pressure"));
        assertThat(route(CATEGORY, "vital-signs", "8289-1"))
                .isEqualTo(new Route(Destination.VITAL_SIGN, "head-circumference-percentile"));
        assertThat(route(CATEGORY, "vital-signs", "96607-7")).isEqualTo(new Route(Destination.VITAL_SIGN, "other"));
    }

    @Test
    void aSecondCodingStillFindsTheRowType() {
        Observation o = observation(CATEGORY, "vital-signs", "8331-1");
        o.getCode().addCoding(new Coding(LOINC, "8310-5", "Body temperature"));
        assertThat(ObservationRouting.route(o)).isEqualTo(new Route(Destination.VITAL_SIGN, "body-temperature"));
    }

    @Test
    void pulseOximetryNeedsBothItsCodes() {
        Observation both = observation(CATEGORY, "vital-signs", "2708-6");
        both.getCode().addCoding(new Coding(LOINC, "59408-5", null));
        assertThat(ObservationRouting.route(both)).isEqualTo(new Route(Destination.VITAL_SIGN, "pulse-oximetry"));
        assertThat(route(CATEGORY, "vital-signs", "59408-5")).isEqualTo(new Route(Destination.VITAL_SIGN, "other"));
    }

    @Test
    void resultsKeepTheirCategoryAndUsCore5ClinicalTestsBecomeProcedures() {
        assertThat(route(CATEGORY, "laboratory", "2339-0")).isEqualTo(new Route(Destination.TEST_RESULT, "laboratory"));
        assertThat(route(CATEGORY, "imaging", "18782-3")).isEqualTo(new Route(Destination.TEST_RESULT, "imaging"));
        assertThat(route(ObservationRouting.US_CORE_5_CATEGORY, "clinical-test", "8601-7"))
                .isEqualTo(new Route(Destination.TEST_RESULT, "procedure"));
    }

    @Test
    void socialHistoryEntriesByCodeOtherSocialHistoryIsAnAssessmentAnswer() {
        assertThat(route(CATEGORY, "social-history", "72166-2"))
                .isEqualTo(new Route(Destination.SOCIAL_HISTORY, "smoking-status"));
        assertThat(route(CATEGORY, "social-history", "11341-5"))
                .isEqualTo(new Route(Destination.SOCIAL_HISTORY, "occupation"));
        assertThat(route(CATEGORY, "social-history", "93028-9")).isEqualTo(new Route(Destination.ASSESSMENT, null));
    }

    @Test
    void surveysAreAssessmentAnswersWhateverElseTheyAreFiledUnder() {
        Observation o = observation(CATEGORY, "social-history", "72166-2");
        o.addCategory(new CodeableConcept(new Coding(CATEGORY, "survey", null)));
        assertThat(ObservationRouting.route(o)).isEqualTo(new Route(Destination.ASSESSMENT, null));
    }

    @Test
    void observationsFiledUnderCategoriesUsCore6DoesNotDefineAreNotKept() {
        assertThat(route(ObservationRouting.US_CORE_CATEGORY, "treatment-intervention-preference", "75773-2"))
                .isEqualTo(new Route(Destination.NOT_KEPT, "treatment-intervention-preference"));
        assertThat(route(ObservationRouting.US_CORE_CATEGORY, "sdoh", "93028-9"))
                .isEqualTo(new Route(Destination.ASSESSMENT, null));
    }

    private static Route route(String categorySystem, String category, String loinc) {
        return ObservationRouting.route(observation(categorySystem, category, loinc));
    }

    private static Observation observation(String categorySystem, String category, String loinc) {
        Observation o = new Observation();
        o.addCategory(new CodeableConcept(new Coding(categorySystem, category, null)));
        o.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        return o;
    }
}
