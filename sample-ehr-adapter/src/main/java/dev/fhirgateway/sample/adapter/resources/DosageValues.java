package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.MedicationDosageColumns;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;

/**
 * The one dosage instruction of a medication order or dispense, from its {@code dosage_*} columns (sig text,
 * additional instruction, frequency per period, as needed, route, dose).
 */
final class DosageValues {

    static final String DOSE_RATE_TYPE = "http://terminology.hl7.org/CodeSystem/dose-rate-type";

    private DosageValues() {
    }

    /** The dosage instruction, or null when the row has none. */
    static Dosage dosage(TableRow row) {
        Dosage dosage = new Dosage();
        if (row.has(MedicationDosageColumns.DOSAGE_SEQUENCE)) {
            dosage.setSequence(row.intValue(MedicationDosageColumns.DOSAGE_SEQUENCE));
        }
        dosage.setText(row.string(MedicationDosageColumns.DOSAGE_TEXT));
        CodeableConcept instruction = FhirValues.concept(row, MedicationDosageColumns.DOSAGE_INSTRUCTION);
        if (instruction != null) {
            dosage.addAdditionalInstruction(instruction);
        }
        if (row.has(MedicationDosageColumns.DOSAGE_FREQUENCY)
                || row.has(MedicationDosageColumns.DOSAGE_BOUNDS_START_TEXT)) {
            Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
            if (row.has(MedicationDosageColumns.DOSAGE_BOUNDS_START_TEXT)) {
                repeat.getBoundsPeriod().setStartElement(
                        new DateTimeType(row.string(MedicationDosageColumns.DOSAGE_BOUNDS_START_TEXT)));
            }
            if (row.has(MedicationDosageColumns.DOSAGE_FREQUENCY)) {
                repeat.setFrequency(row.intValue(MedicationDosageColumns.DOSAGE_FREQUENCY));
            }
            if (row.has(MedicationDosageColumns.DOSAGE_PERIOD)) {
                repeat.setPeriod(asWritten(row, MedicationDosageColumns.DOSAGE_PERIOD,
                        MedicationDosageColumns.DOSAGE_PERIOD_DECIMALS));
            }
            if (row.has(MedicationDosageColumns.DOSAGE_PERIOD_UNIT)) {
                repeat.setPeriodUnit(
                        Timing.UnitsOfTime.fromCode(row.string(MedicationDosageColumns.DOSAGE_PERIOD_UNIT)));
            }
        }
        if (row.has(MedicationDosageColumns.DOSAGE_AS_NEEDED)) {
            dosage.setAsNeeded(new BooleanType(row.bool(MedicationDosageColumns.DOSAGE_AS_NEEDED)));
        }
        dosage.setRoute(FhirValues.concept(row.string(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.SYSTEM),
                row.string(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.CODE),
                row.string(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.DISPLAY), null));
        if (row.has(MedicationDosageColumns.DOSAGE_DOSE + ColumnGroups.VALUE)) {
            Dosage.DosageDoseAndRateComponent doseAndRate = dosage.addDoseAndRate();
            doseAndRate.setType(FhirValues.concept(DOSE_RATE_TYPE,
                    row.string(MedicationDosageColumns.DOSAGE_DOSE_TYPE)));
            if (doseAndRate.hasType()) {
                doseAndRate.getType().getCodingFirstRep().setDisplay(
                        "ordered".equals(row.string(MedicationDosageColumns.DOSAGE_DOSE_TYPE)) ? "Ordered"
                                : "Calculated");
            }
            doseAndRate.setDose(quantity(row, MedicationDosageColumns.DOSAGE_DOSE));
        }
        return dosage.isEmpty() ? null : dosage;
    }

    /**
     * A NUMERIC column's value with the decimals it was written with (column {@code decimalsColumn}); without them
     * (rows of earlier versions), without the zeros the column's scale pads with.
     */
    private static java.math.BigDecimal asWritten(TableRow row, String column, String decimalsColumn) {
        Integer decimals = row.hasColumn(decimalsColumn) ? row.intValue(decimalsColumn) : null;
        return decimals == null ? FhirValues.plainDecimal(row.decimal(column))
                : row.decimal(column).setScale(decimals, java.math.RoundingMode.HALF_UP);
    }

    /** The quantity in {@code <prefix>_value}, {@code _unit}, {@code _system}, {@code _code}, or null. */
    static Quantity quantity(TableRow row, String prefix) {
        if (!row.has(prefix + ColumnGroups.VALUE)) {
            return null;
        }
        Quantity quantity = new Quantity();
        quantity.setValue(asWritten(row, prefix + ColumnGroups.VALUE, prefix + ColumnGroups.DECIMALS));
        quantity.setUnit(row.string(prefix + ColumnGroups.UNIT));
        quantity.setSystem(row.string(prefix + ColumnGroups.SYSTEM));
        quantity.setCode(row.string(prefix + ColumnGroups.CODE));
        return quantity;
    }
}
