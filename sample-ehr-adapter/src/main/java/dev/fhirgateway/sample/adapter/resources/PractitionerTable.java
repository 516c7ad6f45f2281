package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.SqlConditions;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DirectoryContactColumns;
import dev.fhirgateway.sample.adapter.schema.IdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerTelecomColumns;
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
            .stringInAny("name", "r." + PractitionerColumns.FAMILY_NAME, "r." + PractitionerColumns.FAMILY_NAME
                    + ColumnGroups.NORM, "r." + PractitionerColumns.GIVEN_NAME, "r." + PractitionerColumns.GIVEN_NAME
                    + ColumnGroups.NORM,
                    "r." + PractitionerColumns.NAME_PREFIX, "r." + PractitionerColumns.NAME_PREFIX + ColumnGroups.NORM,
                    "r." + PractitionerColumns.NAME_SUFFIX, "r." + PractitionerColumns.NAME_SUFFIX + ColumnGroups.NORM)
            .custom(SearchParameterSupport.token("identifier"), PractitionerTable::identifierSql);

    PractitionerTable() {
        super("Practitioner",
                List.of(PROFILE),
                PractitionerColumns.TABLE + " r",
                "r.*",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", PractitionerIdentifierColumns.TABLE,
                PractitionerIdentifierColumns.PRACTITIONER_ID),
                new ChildTable("telecom", PractitionerTelecomColumns.TABLE,
                PractitionerTelecomColumns.PRACTITIONER_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(row.string(PractitionerColumns.PUBLIC_ID));
        practitioner.getMeta().addProfile(PROFILE);
        practitioner.setIdentifier(ContactValues.identifiers(row, row.children("identifiers")));
        practitioner.setActiveElement(row.has(PractitionerColumns.ACTIVE)
                ? new org.hl7.fhir.r4.model.BooleanType(row.bool(PractitionerColumns.ACTIVE))
                : null);
        HumanName name = practitioner.addName().setFamily(row.string(PractitionerColumns.FAMILY_NAME));
        if (row.has(PractitionerColumns.GIVEN_NAME)) {
            name.addGiven(row.string(PractitionerColumns.GIVEN_NAME));
        }
        if (row.has(PractitionerColumns.NAME_PREFIX)) {
            name.addPrefix(row.string(PractitionerColumns.NAME_PREFIX));
        }
        if (row.has(PractitionerColumns.NAME_SUFFIX)) {
            name.addSuffix(row.string(PractitionerColumns.NAME_SUFFIX));
        }
        practitioner.setTelecom(ContactValues.telecom(row, DirectoryContactColumns.PHONE,
                ContactPoint.ContactPointUse.WORK,
                ContactPoint.ContactPointUse.WORK));
        practitioner.getTelecom().addAll(ContactValues.otherTelecom(row.children("telecom")));
        if (ContactValues.address(row) != null) {
            practitioner.addAddress(ContactValues.address(row));
        }
        if (row.has(PractitionerColumns.GENDER)) {
            practitioner.setGender(Enumerations.AdministrativeGender.fromCode(row.string(PractitionerColumns.GENDER)));
        }
        return practitioner;
    }

    /** The NPI column (system us-npi) or any identifier row. */
    private static String identifierSql(SqlConditions sql, SearchValue value) {
        SearchValue.Token token = (SearchValue.Token) value;
        List<String> alternatives = new ArrayList<>();
        if (token.system() == null || ContactValues.NPI_SYSTEM.equals(token.system())) {
            alternatives.add(token.code() == null ? "r." + DirectoryContactColumns.NPI + " IS NOT NULL" : "r."
                    + DirectoryContactColumns.NPI + " = " + sql.bind(token.code()));
        }
        List<String> child = new ArrayList<>();
        if (token.system() != null) {
            child.add(token.system().isEmpty() ? "i." + IdentifierColumns.IDENTIFIER + ColumnGroups.SYSTEM + " IS NULL"
                    : "i." + IdentifierColumns.IDENTIFIER + ColumnGroups.SYSTEM + " = " + sql.bind(token.system()));
        }
        if (token.code() != null) {
            child.add("i." + IdentifierColumns.IDENTIFIER + ColumnGroups.VALUE + " = " + sql.bind(token.code()));
        }
        alternatives.add("EXISTS (SELECT 1 FROM " + PractitionerIdentifierColumns.TABLE + " i WHERE i."
                + PractitionerIdentifierColumns.PRACTITIONER_ID + " = r." + PractitionerColumns.ID
                + (child.isEmpty() ? "" : " AND " + String.join(" AND ", child)) + ")");
        return String.join(" OR ", alternatives);
    }
}
