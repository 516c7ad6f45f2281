package dev.fhirgateway.sample.adapter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@link PatientRecord} from a result set that selected {@link #COLUMNS}. */
final class PatientRecordMapper implements RowMapper<PatientRecord> {

    /** The select list, for a query that aliases {@code patient} as {@code p}. */
    static final String COLUMNS = "p.id, p.public_id, p.mrn, p.family_name, p.given_name, p.middle_name,"
            + " p.name_prefix, p.name_suffix, p.gender, p.birth_date, p.deceased_date, p.phone, p.email,"
            + " p.address_line, p.city, p.state, p.postal_code, p.language_code, p.race_code, p.ethnicity_code,"
            + " p.birth_sex, p.sex_code, p.gender_identity_code, p.tribal_affiliation_code, p.name_since,"
            + " p.address_since, p.race_text, p.ethnicity_text,"
            + " p.tribal_affiliation_enrolled, p.language_display, p.language_text, p.gender_identity_display,"
            + " p.gender_identity_text, p.tribal_affiliation_display, p.tribal_affiliation_text, p.deceased,"
            + " p.deceased_text";

    @Override
    public PatientRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PatientRecord(
                rs.getLong("id"),
                rs.getString("public_id"),
                rs.getString("mrn"),
                rs.getString("family_name"),
                rs.getString("given_name"),
                rs.getString("middle_name"),
                rs.getString("name_prefix"),
                rs.getString("name_suffix"),
                rs.getString("gender"),
                rs.getObject("birth_date", LocalDate.class),
                rs.getObject("deceased_date", LocalDate.class),
                rs.getString("phone"),
                rs.getString("email"),
                rs.getString("address_line"),
                rs.getString("city"),
                rs.getString("state"),
                rs.getString("postal_code"),
                rs.getString("language_code"),
                rs.getString("race_code"),
                rs.getString("ethnicity_code"),
                rs.getString("birth_sex"),
                rs.getString("sex_code"),
                rs.getString("gender_identity_code"),
                rs.getString("tribal_affiliation_code"),
                rs.getObject("name_since", LocalDate.class),
                rs.getObject("address_since", LocalDate.class),
                rs.getString("race_text"),
                rs.getString("ethnicity_text"),
                rs.getObject("tribal_affiliation_enrolled", Boolean.class),
                rs.getString("language_display"),
                rs.getString("language_text"),
                rs.getString("gender_identity_display"),
                rs.getString("gender_identity_text"),
                rs.getString("tribal_affiliation_display"),
                rs.getString("tribal_affiliation_text"),
                rs.getObject("deceased", Boolean.class),
                rs.getString("deceased_text"));
    }
}
