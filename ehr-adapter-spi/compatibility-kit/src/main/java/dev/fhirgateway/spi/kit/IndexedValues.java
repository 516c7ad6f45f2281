package dev.fhirgateway.spi.kit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The values a search parameter indexes in one resource, the way a FHIR server indexes them: the parameter's
 * FHIRPath expression is evaluated with HAPI's engine and each resulting element is broken into tokens,
 * strings, date ranges, references or quantities according to the parameter's type.
 */
final class IndexedValues {

    /** A token: a coding, an identifier, a code with its system, or a plain value (system null). */
    record Token(String system, String code) {
    }

    /** A date or period as the range {@code [start, end)}; {@code datePrecision} when it is a plain date. */
    record DateRange(Instant start, Instant end, LocalDate date, boolean datePrecision) {
    }

    /** A literal reference. */
    record Ref(String resourceType, String id) {
    }

    /** A quantity's number, as written (its scale is its precision), and its unit. */
    record QuantityValue(BigDecimal value, String system, String code) {
    }

    private static final IFhirPath FHIR_PATH = FhirContext.forR4Cached().newFhirPath();

    private final List<IBase> elements;
    private final ZoneId zone;

    private IndexedValues(List<IBase> elements, ZoneId zone) {
        this.elements = elements;
        this.zone = zone;
    }

    /** The elements {@code expression} selects in {@code resource}; dates without offset are placed in {@code zone}. */
    static IndexedValues of(Resource resource, String expression, ZoneId zone) {
        // Each side of a top-level union is evaluated on its own: HAPI's union removes duplicates by comparing
        // items, and comparing two quantities needs a UCUM service its FHIRPath engine does not have (it throws on
        // a blood pressure's two component values). A search index needs no deduplication.
        List<IBase> elements = new ArrayList<>();
        for (String part : unionParts(expression)) {
            elements.addAll(FHIR_PATH.evaluate(resource, part, IBase.class));
        }
        return new IndexedValues(elements, zone);
    }

    /** {@code A | B.where(x = 'a|b')} split into {@code A} and {@code B.where(x = 'a|b')}. */
    static List<String> unionParts(String expression) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == '|') {
                parts.add(expression.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(expression.substring(start).trim());
        return parts;
    }

    /** Evaluates any FHIRPath expression (used for must-support elements). */
    static List<IBase> evaluate(Resource resource, String expression) {
        return FHIR_PATH.evaluate(resource, expression, IBase.class);
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        for (IBase e : elements) {
            if (e instanceof Identifier id) {
                if (id.hasValue()) {
                    out.add(new Token(id.getSystem(), id.getValue()));
                }
            } else if (e instanceof Coding c) {
                out.add(new Token(c.getSystem(), c.getCode()));
            } else if (e instanceof CodeableConcept cc) {
                cc.getCoding().forEach(c -> out.add(new Token(c.getSystem(), c.getCode())));
            } else if (e instanceof Enumeration<?> en) {
                if (en.hasValue()) {
                    out.add(new Token(en.getSystem(), en.getValueAsString()));
                }
            } else if (e instanceof ContactPoint cp) {
                if (cp.hasValue()) {
                    out.add(new Token(null, cp.getValue()));
                }
            } else if (e instanceof IdType id) {
                out.add(new Token(null, id.getIdPart()));
            } else if (e instanceof PrimitiveType<?> p && p.hasValue()) {
                out.add(new Token(null, p.getValueAsString()));
            }
        }
        return out;
    }

    List<String> strings() {
        List<String> out = new ArrayList<>();
        for (IBase e : elements) {
            if (e instanceof HumanName n) {
                addIfPresent(out, n.getFamily());
                n.getGiven().forEach(s -> addIfPresent(out, s.getValue()));
                n.getPrefix().forEach(s -> addIfPresent(out, s.getValue()));
                n.getSuffix().forEach(s -> addIfPresent(out, s.getValue()));
                addIfPresent(out, n.getText());
            } else if (e instanceof Address a) {
                a.getLine().forEach(s -> addIfPresent(out, s.getValue()));
                for (StringType s : List.of(a.getCityElement(), a.getDistrictElement(), a.getStateElement(),
                        a.getPostalCodeElement(), a.getCountryElement(), a.getTextElement())) {
                    addIfPresent(out, s.getValue());
                }
            } else if (e instanceof PrimitiveType<?> p && p.hasValue()) {
                out.add(p.getValueAsString());
            }
        }
        return out;
    }

    List<DateRange> dates() {
        List<DateRange> out = new ArrayList<>();
        for (IBase e : elements) {
            if (e instanceof BaseDateTimeType d && d.getValue() != null) {
                out.add(range(d));
            } else if (e instanceof Period p && (p.hasStart() || p.hasEnd())) {
                Instant start = p.hasStart() ? range(p.getStartElement()).start() : Instant.MIN;
                Instant end = p.hasEnd() ? range(p.getEndElement()).end() : Instant.MAX;
                out.add(new DateRange(start, end, null, false));
            }
        }
        return out;
    }

    List<Ref> references() {
        List<Ref> out = new ArrayList<>();
        for (IBase e : elements) {
            if (e instanceof Reference r && r.hasReference()) {
                IdType id = new IdType(r.getReference());
                out.add(new Ref(id.getResourceType(), id.getIdPart()));
            }
        }
        return out;
    }

    /**
     * Quantities with a number: Quantity and its specializations (SimpleQuantity, Age, Duration, Distance, Count).
     * Ranges, ratios and SampledData are not read: quantity search compares one number.
     */
    List<QuantityValue> quantities() {
        List<QuantityValue> out = new ArrayList<>();
        for (IBase e : elements) {
            if (e instanceof Quantity q && q.hasValue()) {
                out.add(new QuantityValue(q.getValue(), q.getSystem(), q.getCode()));
            }
        }
        return out;
    }

    private DateRange range(BaseDateTimeType d) {
        TemporalPrecisionEnum precision = d.getPrecision();
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            // A plain date (or year, year-month): a range of local days in the adapter's zone.
            LocalDate first = LocalDate.of(d.getYear(), d.getMonth() + 1,
                    precision == TemporalPrecisionEnum.DAY ? d.getDay() : 1);
            if (precision == TemporalPrecisionEnum.YEAR) {
                first = first.withMonth(1);
            }
            LocalDate after = switch (precision) {
                case YEAR -> first.plusYears(1);
                case MONTH -> first.plusMonths(1);
                default -> first.plusDays(1);
            };
            return new DateRange(first.atStartOfDay(zone).toInstant(), after.atStartOfDay(zone).toInstant(),
                    precision == TemporalPrecisionEnum.DAY ? first : null, true);
        }
        Instant start = d.getValue().toInstant();
        ChronoUnit unit = switch (precision) {
            case MINUTE -> ChronoUnit.MINUTES;
            case SECOND -> ChronoUnit.SECONDS;
            default -> ChronoUnit.MILLIS;
        };
        return new DateRange(start, start.plus(1, unit), null, false);
    }

    private static void addIfPresent(List<String> out, String value) {
        if (value != null && !value.isEmpty()) {
            out.add(value);
        }
    }
}
