package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.SocialHistoryCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.SocialHistoryEntryColumns;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * The social history ({@code social_history_entry}): smoking status, pregnancy status and intent, sexual
 * orientation and occupation, each as its US Core Observation profile.
 */
final class SocialHistoryTable extends ResourceTable {

    /** The profile of each kind of entry ({@code social_history_entry.entry_type}). */
    static final Map<String, String> PROFILE_BY_TYPE = Map.of(
            "smoking-status", VitalSignTable.US_CORE + "us-core-smokingstatus",
            "pregnancy-status", VitalSignTable.US_CORE + "us-core-observation-pregnancystatus",
            "pregnancy-intent", VitalSignTable.US_CORE + "us-core-observation-pregnancyintent",
            "sexual-orientation", VitalSignTable.US_CORE + "us-core-observation-sexual-orientation",
            "occupation", VitalSignTable.US_CORE + "us-core-observation-occupation");
    /** LOINC: History of Occupation Industry (as US Core's examples name it). */
    static final Coding INDUSTRY = new Coding("http://loinc.org", "86188-0", "History of Occupation Industry");

    private static final SearchColumns SEARCH = ObservationRows.search()
            .tokenConstantOrInChild("category", ObservationRows.CATEGORY_SYSTEM, "social-history",
                    SocialHistoryCategoryColumns.TABLE + " c WHERE c."
                            + SocialHistoryCategoryColumns.SOCIAL_HISTORY_ENTRY_ID + " = r." + SocialHistoryEntryColumns.ID,
                    "c." + SocialHistoryCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + SocialHistoryCategoryColumns.CATEGORY + ColumnGroups.CODE);

    SocialHistoryTable() {
        super("Observation",
                PROFILE_BY_TYPE.values().stream().sorted().toList(),
                ObservationRows.from(SocialHistoryEntryColumns.TABLE),
                ObservationRows.columns(),
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", SocialHistoryCategoryColumns.TABLE,
                SocialHistoryCategoryColumns.SOCIAL_HISTORY_ENTRY_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Observation o = ObservationRows.observation(row,
                PROFILE_BY_TYPE.get(row.string(SocialHistoryEntryColumns.ENTRY_TYPE)));
        ObservationRows.addCategories(o, row, "social-history");
        CodeableConcept industry = FhirValues.concept(row, SocialHistoryEntryColumns.INDUSTRY);
        if (industry != null) {
            Observation.ObservationComponentComponent c = o.addComponent();
            c.setCode(new CodeableConcept(INDUSTRY.copy()));
            c.setValue(industry);
        }
        return o;
    }
}
