package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.SqlConditions;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;

/** The practice directory's clinicians ({@code practitioner}, {@code practitioner_identifier}). */
final class PractitionerTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-practitioner";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .stringInAny("name", "r.family_name", "r.family_name_norm", "r.given_name", "r.given_name_norm",
                    "r.name_prefix", "r.name_prefix_norm", "r.name_suffix", "r.name_suffix_norm")
            .custom(SearchParameterSupport.token("identifier"), PractitionerTable::identifierSql);

    PractitionerTable() {
        super("Practitioner",
                List.of(PROFILE),
                "practitioner r",
                "r.*",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", "practitioner_identifier", "practitioner_id"),
                new ChildTable("telecom", "practitioner_telecom", "practitioner_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(row.string("public_id"));
        practitioner.getMeta().addProfile(PROFILE);
        practitioner.setIdentifier(ContactValues.identifiers(row, row.children("identifiers")));
        practitioner.setActiveElement(row.has("active") ? new org.hl7.fhir.r4.model.BooleanType(row.bool("active"))
                : null);
        HumanName name = practitioner.addName().setFamily(row.string("family_name"));
        if (row.has("given_name")) {
            name.addGiven(row.string("given_name"));
        }
        if (row.has("name_prefix")) {
            name.addPrefix(row.string("name_prefix"));
        }
        if (row.has("name_suffix")) {
            name.addSuffix(row.string("name_suffix"));
        }
        practitioner.setTelecom(ContactValues.telecom(row, "phone", ContactPoint.ContactPointUse.WORK,
                ContactPoint.ContactPointUse.WORK));
        practitioner.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        if (ContactValues.address(row) != null) {
            practitioner.addAddress(ContactValues.address(row));
        }
        if (row.has("gender")) {
            practitioner.setGender(Enumerations.AdministrativeGender.fromCode(row.string("gender")));
        }
        return practitioner;
    }

    /** The NPI column (system us-npi) or any identifier row. */
    private static String identifierSql(SqlConditions sql, SearchValue value) {
        SearchValue.Token token = (SearchValue.Token) value;
        List<String> alternatives = new ArrayList<>();
        if (token.system() == null || ContactValues.NPI_SYSTEM.equals(token.system())) {
            alternatives.add(token.code() == null ? "r.npi IS NOT NULL" : "r.npi = " + sql.bind(token.code()));
        }
        List<String> child = new ArrayList<>();
        if (token.system() != null) {
            child.add(token.system().isEmpty() ? "i.identifier_system IS NULL" : "i.identifier_system = " + sql.bind(token.system()));
        }
        if (token.code() != null) {
            child.add("i.identifier_value = " + sql.bind(token.code()));
        }
        alternatives.add("EXISTS (SELECT 1 FROM practitioner_identifier i WHERE i.practitioner_id = r.id"
                + (child.isEmpty() ? "" : " AND " + String.join(" AND ", child)) + ")");
        return String.join(" OR ", alternatives);
    }
}
