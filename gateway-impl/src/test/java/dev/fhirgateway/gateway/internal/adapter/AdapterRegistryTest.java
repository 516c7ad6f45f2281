package dev.fhirgateway.gateway.internal.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.EhrAdapterProvider;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SpiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdapterRegistryTest {

    /** An adapter that records whether it was closed. */
    static final class FakeAdapter implements EhrAdapter {
        final List<ResourceSupport> resources;
        final AdapterConfig config;
        int closeCalls;
        boolean failOnClose;

        FakeAdapter(List<ResourceSupport> resources, AdapterConfig config) {
            this.resources = resources;
            this.config = config;
        }

        @Override
        public List<ResourceSupport> supportedResources() {
            return resources;
        }

        @Override
        public Optional<Resource> read(CallContext context, String resourceType, String id) {
            return Optional.empty();
        }

        @Override
        public SearchPage search(CallContext context, SearchRequest request) {
            return SearchPage.last(List.of());
        }

        @Override
        public void close() {
            closeCalls++;
            if (failOnClose) {
                throw new IllegalStateException("close failed");
            }
        }
    }

    /** A provider serving the given resource types. */
    static final class FakeProvider implements EhrAdapterProvider {
        final String name;
        final String spiVersion;
        final List<String> types;
        RuntimeException openFailure;
        boolean returnNull;
        boolean failOnClose;
        final List<FakeAdapter> opened = new ArrayList<>();

        FakeProvider(String name, String spiVersion, List<String> types) {
            this.name = name;
            this.spiVersion = spiVersion;
            this.types = List.copyOf(types);
        }

        FakeProvider(String name, String... types) {
            this(name, SpiVersion.CURRENT, List.of(types));
        }

        @Override
        public String requestedSpiVersion() {
            return spiVersion;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public EhrAdapter open(AdapterConfig config) {
            if (openFailure != null) {
                throw openFailure;
            }
            if (returnNull) {
                return null;
            }
            List<ResourceSupport> resources = types.stream().map(t -> new ResourceSupport(t,
                    List.of("http://hl7.org/fhir/us/core/StructureDefinition/us-core-" + t.toLowerCase()),
                    List.of(SearchParameterSupport.token("_id")))).toList();
            FakeAdapter adapter = new FakeAdapter(resources, config);
            adapter.failOnClose = failOnClose;
            opened.add(adapter);
            return adapter;
        }

        FakeAdapter adapter() {
            assertThat(opened).hasSize(1);
            return opened.get(0);
        }
    }

    private static DiscoveredProvider discovered(FakeProvider p) {
        return new DiscoveredProvider(p, "/plugins/" + p.name + ".jar");
    }

    private static AdapterRegistry open(Map<String, String> settings, FakeProvider... providers) {
        return AdapterRegistry.open(java.util.Arrays.stream(providers).map(AdapterRegistryTest::discovered).toList(),
                GatewaySettings.of(settings));
    }

    private static AdapterStartupException startupFailure(Map<String, String> settings, FakeProvider... providers) {
        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class, () -> open(settings, providers));
        assertThat(e).as("the registry should refuse to start").isNotNull();
        return e;
    }

    @Test
    @DisplayName("without providers the registry is empty and starts")
    void noProviders() {
        try (AdapterRegistry registry = AdapterRegistry.open(List.of(), GatewaySettings.of(Map.of()))) {
            assertThat(registry.adapters()).isEmpty();
            assertThat(registry.routes()).isEmpty();
            assertThat(registry.route("Patient")).isEmpty();
            registry.logReport(Optional.empty());
        }
    }

    @Test
    @DisplayName("one provider serves each resource type it declares, and nothing else")
    void oneProvider() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient", "Observation");

        try (AdapterRegistry registry = open(Map.of(), acme)) {
            assertThat(registry.route("Patient")).hasValueSatisfying(r -> {
                assertThat(r.adapter().name()).isEqualTo("acme-ehr");
                assertThat(r.adapter().adapter()).isSameAs(acme.adapter());
                assertThat(r.support().resourceType()).isEqualTo("Patient");
            });
            assertThat(registry.route("Observation")).hasValueSatisfying(
                    r -> assertThat(r.support().resourceType()).isEqualTo("Observation"));
            assertThat(registry.route("Condition")).isEmpty();
            assertThat(registry.routes()).extracting(r -> r.support().resourceType())
                    .containsExactly("Observation", "Patient");
            assertThat(registry.adapters()).singleElement().satisfies(a -> {
                assertThat(a.spiVersion()).isEqualTo(SpiVersion.CURRENT);
                assertThat(a.source()).isEqualTo("/plugins/acme-ehr.jar");
            });
            registry.logReport(Optional.of("/plugins"));
        }
    }

    @Test
    @DisplayName("the adapter is opened with the fhirgateway.adapter.* settings, prefix removed")
    void adapterReceivesItsSettings() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient");

        try (AdapterRegistry registry = open(Map.of("fhirgateway.adapter.jdbc-url", "jdbc:h2:mem:ehr",
                "fhirgateway.paging.max-count", "50"), acme)) {
            assertThat(acme.adapter().config.asMap()).containsExactly(Map.entry("jdbc-url", "jdbc:h2:mem:ehr"));
        }
    }

    @Test
    @DisplayName("two adapters claiming one type fail start, naming both and the routing setting; both are closed")
    void conflictingClaims() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient", "Observation");
        FakeProvider beta = new FakeProvider("beta-ehr", "Patient");

        AdapterStartupException e = startupFailure(Map.of(), acme, beta);

        assertThat(e.getMessage()).contains("'acme-ehr'", "'beta-ehr'", "Patient", "fhirgateway.adapter-for.Patient")
                .doesNotContain("Observation");
        assertThat(acme.adapter().closeCalls).isEqualTo(1);
        assertThat(beta.adapter().closeCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("fhirgateway.adapter-for.<Type> picks the adapter for a contested type; other types route as usual")
    void routingSettingResolvesConflict() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient", "Observation");
        FakeProvider beta = new FakeProvider("beta-ehr", "Patient", "Condition");

        try (AdapterRegistry registry = open(Map.of("fhirgateway.adapter-for.Patient", "beta-ehr"), acme, beta)) {
            assertThat(registry.route("Patient")).hasValueSatisfying(
                    r -> assertThat(r.adapter().name()).isEqualTo("beta-ehr"));
            assertThat(registry.route("Observation")).hasValueSatisfying(
                    r -> assertThat(r.adapter().name()).isEqualTo("acme-ehr"));
            assertThat(registry.route("Condition")).hasValueSatisfying(
                    r -> assertThat(r.adapter().name()).isEqualTo("beta-ehr"));
            assertThat(registry.adapters()).hasSize(2);
            registry.logReport(Optional.empty());
        }
    }

    @Test
    @DisplayName("a routing setting from the environment (FHIRGATEWAY_ADAPTER_FOR_Patient) works too")
    void routingSettingFromEnvironment() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient");
        FakeProvider beta = new FakeProvider("beta-ehr", "Patient");
        GatewaySettings settings = GatewaySettings.resolve(Map.of(),
                Map.of("FHIRGATEWAY_ADAPTER_FOR_Patient", "acme-ehr"), new java.util.Properties());

        try (AdapterRegistry registry = AdapterRegistry.open(List.of(discovered(acme), discovered(beta)), settings)) {
            assertThat(registry.route("Patient")).hasValueSatisfying(
                    r -> assertThat(r.adapter().name()).isEqualTo("acme-ehr"));
        }
    }

    @Test
    @DisplayName("a routing setting naming an adapter that does not serve the type fails start and closes adapters")
    void routingSettingNamesUnknownAdapter() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient");

        AdapterStartupException e = startupFailure(Map.of("fhirgateway.adapter-for.Patient", "gamma-ehr"), acme);

        assertThat(e.getMessage()).contains("fhirgateway.adapter-for.Patient", "'gamma-ehr'", "'acme-ehr'");
        assertThat(acme.adapter().closeCalls).isEqualTo(1);
    }

    @ParameterizedTest(name = "requested SPI \"{0}\"")
    @ValueSource(strings = {"2.0", "1.9", "x", "0.1"})
    @DisplayName("an adapter built for an incompatible SPI fails start naming it, its version and the gateway's,"
            + " and nothing is opened")
    void incompatibleSpiVersion(String requested) {
        FakeProvider good = new FakeProvider("acme-ehr", "Patient");
        FakeProvider old = new FakeProvider("legacy-ehr", requested, List.of("Observation"));

        AdapterStartupException e = startupFailure(Map.of(), good, old);

        assertThat(e.getMessage()).contains("'legacy-ehr'", "/plugins/legacy-ehr.jar", "SPI version " + requested,
                "SPI version " + SpiVersion.CURRENT);
        assertThat(good.opened).isEmpty();
        assertThat(old.opened).isEmpty();
    }

    @Test
    @DisplayName("two adapters with one name fail start, naming it and where both came from")
    void duplicateNames() {
        FakeProvider first = new FakeProvider("acme-ehr", "Patient");
        FakeProvider second = new FakeProvider("acme-ehr", "Observation");

        AdapterStartupException e = catchThrowableOfType(AdapterStartupException.class,
                () -> AdapterRegistry.open(List.of(new DiscoveredProvider(first, "/plugins/acme-1.jar"),
                        new DiscoveredProvider(second, "/webapp/WEB-INF/lib/acme-2.jar")), GatewaySettings.of(Map.of())));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("'acme-ehr'", "/plugins/acme-1.jar", "/webapp/WEB-INF/lib/acme-2.jar");
        assertThat(first.opened).isEmpty();
        assertThat(second.opened).isEmpty();
    }

    @Test
    @DisplayName("a provider whose open() throws fails start naming it, and adapters already opened are closed")
    void openFailure() {
        FakeProvider good = new FakeProvider("acme-ehr", "Patient");
        FakeProvider broken = new FakeProvider("broken-ehr", "Observation");
        broken.openFailure = AdapterException.unavailable("database unreachable", null);

        AdapterStartupException e = startupFailure(Map.of(), good, broken);

        assertThat(e.getMessage()).contains("'broken-ehr'", "database unreachable");
        assertThat(e.getCause()).isSameAs(broken.openFailure);
        assertThat(good.adapter().closeCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("a provider whose open() returns null fails start naming it, and adapters already opened are closed")
    void openReturnsNull() {
        FakeProvider good = new FakeProvider("acme-ehr", "Patient");
        FakeProvider broken = new FakeProvider("null-ehr", "Observation");
        broken.returnNull = true;

        AdapterStartupException e = startupFailure(Map.of(), good, broken);

        assertThat(e.getMessage()).contains("'null-ehr'");
        assertThat(good.adapter().closeCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("close() closes every adapter once, even when one of them fails to close")
    void closeClosesAll() {
        FakeProvider acme = new FakeProvider("acme-ehr", "Patient");
        FakeProvider beta = new FakeProvider("beta-ehr", "Observation");
        acme.failOnClose = true;
        AdapterRegistry registry = open(Map.of(), acme, beta);
        assertThat(acme.adapter().closeCalls).isZero();
        assertThat(beta.adapter().closeCalls).isZero();

        registry.close();

        assertThat(acme.adapter().closeCalls).isEqualTo(1);
        assertThat(beta.adapter().closeCalls).isEqualTo(1);
    }

    @Test
    @DisplayName("the registry's adapter list cannot be changed by callers")
    void adaptersImmutable() {
        try (AdapterRegistry registry = open(Map.of(), new FakeProvider("acme-ehr", "Patient"))) {
            assertThatThrownBy(() -> registry.adapters().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
