package dev.fhirgateway.spi.kit;

import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * The expected answer to a search: which of the practice's resources match every criterion, by FHIR's rules.
 * Each parameter is evaluated with its US Core FHIRPath expression ({@link IndexedValues}; for quantity
 * parameters, which US Core does not define, FHIR R4's) and each value with the SPI's own {@code matches} helpers,
 * independently of how the adapter searches.
 */
final class SearchOracle {

    private final String resourceType;
    private final Map<String, SearchParameterSupport> parameters;
    private final ZoneId zone;

    SearchOracle(String resourceType, Map<String, SearchParameterSupport> parameters, ZoneId zone) {
        this.resourceType = resourceType;
        this.parameters = parameters;
        this.zone = zone;
    }

    /** The ids of the resources that match every criterion (AND), any value of each (OR), in their order. */
    Set<String> expectedIds(Collection<Resource> resources, List<SearchCriterion> criteria) {
        Set<String> ids = new LinkedHashSet<>();
        for (Resource r : resources) {
            if (criteria.stream().allMatch(c -> c.anyOf().stream().anyMatch(v -> matches(r, c.parameter(), v)))) {
                ids.add(r.getIdElement().getIdPart());
            }
        }
        return ids;
    }

    /**
     * The FHIRPath expression the kit evaluates a parameter with: US Core 6.1.0's, or for a quantity parameter
     * (US Core defines none) FHIR R4's; empty when neither defines it.
     */
    static Optional<String> expression(String resourceType, String parameter) {
        return UsCoreSearchParameters.get().expression(resourceType, parameter)
                .or(() -> CoreQuantityParameters.expression(resourceType, parameter));
    }

    /** The values the parameter indexes in the resource. */
    IndexedValues values(Resource resource, String parameter) {
        String expression = expression(resourceType, parameter)
                .orElseThrow(() -> new IllegalStateException(resourceType + "." + parameter
                        + " is not a US Core 6.1.0 search parameter, so the kit cannot tell what it should match"));
        return IndexedValues.of(resource, expression, zone);
    }

    boolean matches(Resource resource, String parameter, SearchValue value) {
        if (!parameters.containsKey(parameter)) {
            throw new IllegalStateException("undeclared parameter " + parameter);
        }
        IndexedValues indexed = values(resource, parameter);
        if (value instanceof SearchValue.Token t) {
            return indexed.tokens().stream().anyMatch(x -> t.matches(x.system(), x.code()));
        }
        if (value instanceof SearchValue.Text t) {
            return indexed.strings().stream().anyMatch(t::matches);
        }
        if (value instanceof SearchValue.Date d) {
            return indexed.dates().stream().anyMatch(x -> d.matches(x.start(), x.end(), zone));
        }
        if (value instanceof SearchValue.Reference ref) {
            return indexed.references().stream().anyMatch(x -> ref.matches(x.resourceType(), x.id()));
        }
        if (value instanceof SearchValue.Quantity q) {
            return indexed.quantities().stream().anyMatch(x -> q.matches(x.value(), x.system(), x.code()));
        }
        throw new IllegalStateException("the kit does not evaluate " + value.getClass().getSimpleName() + " values");
    }
}
