package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sample adapter's COUNT queries run against the real database in the compatibility kit (count = rows paged). */
class CountFromTest {

    private static final String ROWS = "vital_sign r JOIN patient p ON p.id = r.patient_id";
    private static final String ENCOUNTER = " LEFT JOIN encounter e ON e.id = r.encounter_id";
    private static final String PERFORMER = " LEFT JOIN practitioner pp ON pp.id = r.performer_practitioner_id";

    @Test
    void leavesOutTheToOneJoinsTheConditionsDoNotName() {
        CountFrom from = new CountFrom(ROWS + ENCOUNTER + PERFORMER);

        assertThat(from.forConditions("p.public_id = :p0 AND r.status = :p1")).isEqualTo(ROWS);
        // "pe." is not the alias "e", "pp" is not "p"
        assertThat(from.forConditions("pe.public_id = :p0")).isEqualTo(ROWS);
    }

    @Test
    void keepsTheJoinsTheConditionsName() {
        CountFrom from = new CountFrom(ROWS + ENCOUNTER + PERFORMER);

        assertThat(from.forConditions("p.public_id = :p0 AND e.public_id = :p1")).isEqualTo(ROWS + ENCOUNTER);
        assertThat(from.forConditions("(pp.public_id = :p0) OR e.public_id = :p1"))
                .isEqualTo(ROWS + ENCOUNTER + PERFORMER);
    }

    @Test
    void keepsAJoinThatAnotherJoinBuildsOn() {
        String location = " LEFT JOIN location l ON l.id = e.location_id";
        CountFrom from = new CountFrom(ROWS + ENCOUNTER + location);

        // l's join is not of the to-one shape on r, and it needs e: both stay.
        assertThat(from.forConditions("p.public_id = :p0")).isEqualTo(ROWS + ENCOUNTER + location);
    }

    @Test
    void keepsJoinsOfAnyOtherShape() {
        String many = ROWS + " LEFT JOIN vital_sign_component c ON c.vital_sign_id = r.id";

        assertThat(new CountFrom(many).forConditions("p.public_id = :p0")).isEqualTo(many);
    }
}
