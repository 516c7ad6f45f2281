package dev.fhirgateway.spi.kit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;

import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.Incubating;
import dev.fhirgateway.spi.ResourceSupport;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The adapter compatibility kit: extend it in a test of your adapter, supply the adapter and two practices, and
 * it checks, straight through the SPI (no HTTP), that the adapter answers every search the gateway may send the
 * way FHIR says, pages correctly, never leaks another practice's data, fails with typed exceptions, and returns
 * valid US Core 6.1.0 resources with every must-support element somewhere in its data.
 *
 * <pre>{@code
 * class AcmeAdapterCompatibilityTest extends EhrAdapterCompatibilityKit {
 *     private final EhrAdapter adapter = new AcmeAdapterProvider().open(testConfig());
 *
 *     protected EhrAdapter adapter() { return adapter; }
 *     protected String practice() { return "1001"; }
 *     protected String otherPractice() { return "2002"; }
 * }
 * }</pre>
 *
 * <p>The expected results are derived from the adapter's own data: the kit first lists everything the practice
 * has of each declared type (a search without criteria, all pages), then, for each declared search parameter,
 * takes values from those resources with the parameter's US Core FHIRPath expression and computes which
 * resources must match with the SPI's {@code matches} helpers. Every parameter type is exercised: tokens,
 * strings, dates, references and quantities (every prefix, at the number's own precision and one digit more and
 * less, with and without units). US Core defines no quantity parameter; a declared one (Observation
 * {@code value-quantity}) is evaluated with FHIR R4's own expression. The data therefore needs some variety: the
 * more it has (accents, dates on year boundaries, quantities close to each other in several units, optional
 * elements), the more the kit checks. {@link KitFixtures} has such data for adapters that can load it.
 *
 * <p>Tests are grouped per resource type. To run only some types, set the system property
 * {@value #TYPES_PROPERTY} to a comma-separated list, e.g. {@code -Dfhirgateway.kit.types=Patient}.
 *
 * <p>The instance lives for the whole class ({@link TestInstance.Lifecycle#PER_CLASS}): {@link #adapter()} may
 * open the adapter once in a field initializer or {@code @BeforeAll}; the kit never closes it.
 */
@Incubating
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("EHR adapter compatibility kit")
public abstract class EhrAdapterCompatibilityKit {

    /** The system property that limits the kit to some resource types. */
    public static final String TYPES_PROPERTY = "fhirgateway.kit.types";

    private KitChecks checks;

    /** The adapter under test, open and with its data in place. Called more than once: return the same one. */
    protected abstract EhrAdapter adapter();

    /** The practice whose data the kit reads and searches; it needs resources of every declared type. */
    protected abstract String practice();

    /** Another practice with data of every declared type; none of it may ever be returned for {@link #practice()}. */
    protected abstract String otherPractice();

    /**
     * The time zone the adapter places plain dates and dateTimes without offset in, for date comparisons.
     * UTC unless overridden.
     */
    protected ZoneId zone() {
        return ZoneOffset.UTC;
    }

    /** The page size of the kit's searches; small, so that searches span several pages. */
    protected int pageSize() {
        return 4;
    }

    /** How long a normal call may take (its {@code CallContext.deadline()}). */
    protected Duration callBudget() {
        return Duration.ofSeconds(30);
    }

    @Test
    @DisplayName("declares at least one resource type, each with a profile and search parameters")
    void declaresResources() {
        checks().declaresResources();
    }

    @Test
    @DisplayName("the US Core 6.1.0 package is in the FHIR package cache, so resources can be validated")
    void usCorePackageIsAvailable() {
        UsCoreValidator.get();
    }

    @TestFactory
    @DisplayName("serves each declared resource type as the gateway expects")
    Stream<DynamicNode> resourceTypes() {
        return checks().declaredTypes().stream()
                .filter(this::selected)
                .map(type -> dynamicContainer(type.resourceType(), checks().forType(type)));
    }

    private boolean selected(ResourceSupport type) {
        String property = System.getProperty(TYPES_PROPERTY);
        if (property == null || property.isBlank()) {
            return true;
        }
        Set<String> wanted = Arrays.stream(property.split(",")).map(String::trim).collect(Collectors.toSet());
        return wanted.contains(type.resourceType());
    }

    private synchronized KitChecks checks() {
        if (checks == null) {
            checks = new KitChecks(new AdapterProbe(adapter(), callBudget()), practice(), otherPractice(), zone(),
                    pageSize());
        }
        return checks;
    }
}
