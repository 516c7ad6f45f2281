package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.TableRow;
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
        if (row.has("dosage_sequence")) {
            dosage.setSequence(row.intValue("dosage_sequence"));
        }
        dosage.setText(row.string("dosage_text"));
        CodeableConcept instruction = FhirValues.concept(row, "dosage_instruction");
        if (instruction != null) {
            dosage.addAdditionalInstruction(instruction);
        }
        if (row.has("dosage_frequency") || row.has("dosage_bounds_start_text")) {
            Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
            if (row.has("dosage_bounds_start_text")) {
                repeat.getBoundsPeriod().setStartElement(new DateTimeType(row.string("dosage_bounds_start_text")));
            }
            if (row.has("dosage_frequency")) {
                repeat.setFrequency(row.intValue("dosage_frequency"));
            }
            if (row.has("dosage_period")) {
                repeat.setPeriod(asWritten(row, "dosage_period", "dosage_period_decimals"));
            }
            if (row.has("dosage_period_unit")) {
                repeat.setPeriodUnit(Timing.UnitsOfTime.fromCode(row.string("dosage_period_unit")));
            }
        }
        if (row.has("dosage_as_needed")) {
            dosage.setAsNeeded(new BooleanType(row.bool("dosage_as_needed")));
        }
        dosage.setRoute(FhirValues.concept(row.string("dosage_route_system"), row.string("dosage_route_code"),
                row.string("dosage_route_display"), null));
        if (row.has("dosage_dose_value")) {
            Dosage.DosageDoseAndRateComponent doseAndRate = dosage.addDoseAndRate();
            doseAndRate.setType(FhirValues.concept(DOSE_RATE_TYPE, row.string("dosage_dose_type")));
            if (doseAndRate.hasType()) {
                doseAndRate.getType().getCodingFirstRep().setDisplay(
                        "ordered".equals(row.string("dosage_dose_type")) ? "Ordered" : "Calculated");
            }
            doseAndRate.setDose(quantity(row, "dosage_dose"));
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
        if (!row.has(prefix + "_value")) {
            return null;
        }
        Quantity quantity = new Quantity();
        quantity.setValue(asWritten(row, prefix + "_value", prefix + "_decimals"));
        quantity.setUnit(row.string(prefix + "_unit"));
        quantity.setSystem(row.string(prefix + "_system"));
        quantity.setCode(row.string(prefix + "_code"));
        return quantity;
    }
}
