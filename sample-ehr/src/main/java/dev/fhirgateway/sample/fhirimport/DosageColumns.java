package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.MedicationDosageColumns;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;

/**
 * A dosage instruction into the {@code dosage_*} columns of a medication order or dispense: the sig text, one
 * additional instruction, frequency per period with its start, as needed, route and dose. The EHR keeps one
 * instruction; what does not fit is reported as not mapped.
 */
final class DosageColumns {

    private DosageColumns() {
    }

    private static Integer decimals(java.math.BigDecimal value) {
        return Math.max(value.scale(), 0);
    }

    static void put(Map<String, Object> row, List<Dosage> dosages, ImportContext context) {
        Dosage dosage = dosages.isEmpty() ? new Dosage() : dosages.get(0);
        if (dosages.size() > 1) {
            context.notMapped("dosageInstruction", "only the first dosage instruction is kept");
        }
        row.put(MedicationDosageColumns.DOSAGE_SEQUENCE, dosage.hasSequence() ? dosage.getSequence() : null);
        row.put(MedicationDosageColumns.DOSAGE_TEXT, dosage.getText());
        if (dosage.getAdditionalInstruction().size() > 1) {
            context.notMapped("dosageInstruction.additionalInstruction", "only the first instruction is kept");
        }
        Codes.put(row, MedicationDosageColumns.DOSAGE_INSTRUCTION, dosage.hasAdditionalInstruction()
                ? dosage.getAdditionalInstructionFirstRep() : null, context, "dosageInstruction.additionalInstruction");
        Timing.TimingRepeatComponent repeat = dosage.getTiming().getRepeat();
        row.put(MedicationDosageColumns.DOSAGE_BOUNDS_START_TEXT,
                repeat.hasBoundsPeriod() && repeat.getBoundsPeriod().hasStart()
                ? repeat.getBoundsPeriod().getStartElement().getValueAsString() : null);
        row.put(MedicationDosageColumns.DOSAGE_FREQUENCY, repeat.hasFrequency() ? repeat.getFrequency() : null);
        row.put(MedicationDosageColumns.DOSAGE_PERIOD, repeat.hasPeriod() ? repeat.getPeriod() : null);
        row.put(MedicationDosageColumns.DOSAGE_PERIOD_DECIMALS, repeat.hasPeriod() ? decimals(repeat.getPeriod())
                : null);
        row.put(MedicationDosageColumns.DOSAGE_PERIOD_UNIT, repeat.hasPeriodUnit() ? repeat.getPeriodUnit().toCode()
                : null);
        row.put(MedicationDosageColumns.DOSAGE_AS_NEEDED, dosage.hasAsNeededBooleanType()
                ? dosage.getAsNeededBooleanType().getValue()
                : null);
        if (dosage.hasAsNeededCodeableConcept()) {
            context.notMapped("dosageInstruction.asNeeded", "a coded as-needed reason is not kept");
        }
        Coding route = dosage.hasRoute() ? dosage.getRoute().getCodingFirstRep() : new Coding();
        row.put(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.SYSTEM, route.getSystem());
        row.put(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.CODE, route.getCode());
        row.put(MedicationDosageColumns.DOSAGE_ROUTE + ColumnGroups.DISPLAY, route.getDisplay());
        Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
        if (dosage.getDoseAndRate().size() > 1 || doseAndRate.hasRate() || doseAndRate.hasDoseRange()) {
            context.notMapped("dosageInstruction.doseAndRate", "one dose quantity is kept");
        }
        row.put(MedicationDosageColumns.DOSAGE_DOSE_TYPE, doseAndRate.hasType() ? Codes.code(doseAndRate.getType())
                : null);
        putQuantity(row, MedicationDosageColumns.DOSAGE_DOSE, doseAndRate.hasDoseQuantity()
                ? doseAndRate.getDoseQuantity() : null);
    }

    /**
     * A quantity into {@code <prefix>_value}, {@code _decimals} (as written: 1.0 stays 1.0), {@code _unit},
     * {@code _system} and {@code _code}.
     */
    static void putQuantity(Map<String, Object> row, String prefix, Quantity quantity) {
        row.put(prefix + ColumnGroups.VALUE, quantity == null ? null : quantity.getValue());
        row.put(prefix + ColumnGroups.DECIMALS, quantity == null || !quantity.hasValue() ? null
                : decimals(quantity.getValue()));
        row.put(prefix + ColumnGroups.UNIT, quantity == null ? null : quantity.getUnit());
        row.put(prefix + ColumnGroups.SYSTEM, quantity == null ? null : quantity.getSystem());
        row.put(prefix + ColumnGroups.CODE, quantity == null ? null : quantity.getCode());
    }
}
