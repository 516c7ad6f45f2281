package dev.fhirgateway.gateway.internal.security;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.nimbusds.jose.JWSAlgorithm;
import dev.fhirgateway.api.AccessTokenVerifier;
import dev.fhirgateway.api.AccessTokenVerifierProvider;
import dev.fhirgateway.api.GatewaySetting;
import dev.fhirgateway.api.GatewaySettings;
import dev.fhirgateway.gateway.internal.adapter.AdapterDiscovery;
import dev.fhirgateway.gateway.internal.adapter.HostExtensions;
import jakarta.inject.Singleton;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires authentication and authorization from the {@code fhirgateway.auth.*} and {@code fhirgateway.smart.*}
 * settings. A setting the chosen mode needs but lacks fails the startup with its name.
 */
public final class SecurityModule extends AbstractModule {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityModule.class);
    /** The foundation's setting, replaced by {@code fhirgateway.auth.mode}. */
    private static final String REMOVED_PRACTICE_SOURCE = "fhirgateway.practice.source";

    /** How requests are authenticated ({@code fhirgateway.auth.mode}). */
    public enum AuthMode {
        JWT, INTROSPECTION, CUSTOM, DEVELOPMENT_HEADER;

        static AuthMode of(String raw) {
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("setting " + GatewaySetting.AUTH_MODE.key() + " must be one of jwt,"
                        + " introspection, custom, development-header; was '" + raw + "'");
            }
        }
    }

    private final GatewaySettings settings;

    public SecurityModule(GatewaySettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        if (settings.get(REMOVED_PRACTICE_SOURCE).isPresent()) {
            throw new IllegalStateException("setting " + REMOVED_PRACTICE_SOURCE + " is no longer read: practices"
                    + " come from access tokens; for development set " + GatewaySetting.AUTH_MODE.key()
                    + "=development-header instead");
        }
    }

    @Provides
    @Singleton
    AuthMode mode() {
        return AuthMode.of(settings.get(GatewaySetting.AUTH_MODE).orElseThrow());
    }

    @Provides
    @Singleton
    RequestAuthenticator authenticator(AuthMode mode, AdapterDiscovery.Result discovered) {
        if (mode == AuthMode.DEVELOPMENT_HEADER) {
            HeaderPracticeResolver resolver = new HeaderPracticeResolver(
                    settings.get(GatewaySetting.PRACTICE_HEADER).orElseThrow());
            LOG.warn("DEVELOPMENT MODE: {}=development-header. No access tokens are checked: the practice comes from"
                    + " the request header {} and any client can read any practice's data. Never use this with real"
                    + " patient data; set {}=jwt (the default) or introspection.", GatewaySetting.AUTH_MODE.key(),
                    resolver.headerName(), GatewaySetting.AUTH_MODE.key());
            return new DevelopmentHeaderAuthenticator(resolver);
        }
        String claim = settings.get(GatewaySetting.AUTH_PRACTICE_CLAIM).orElseThrow();
        AccessTokenVerifier verifier = switch (mode) {
            case JWT -> jwtVerifier(claim);
            case INTROSPECTION -> introspectionVerifier(claim);
            default -> customVerifier(discovered.pluginLoader().map(ClassLoader.class::cast)
                    .orElse(SecurityModule.class.getClassLoader()));
        };
        LOG.info("Access tokens are verified by {} ({}); the practice comes from the claim '{}'",
                verifier.getClass().getSimpleName(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), claim);
        return new BearerTokenAuthenticator(verifier, claim);
    }

    @Provides
    @Singleton
    Optional<SmartConfiguration> smartConfiguration(AuthMode mode) {
        if (mode == AuthMode.DEVELOPMENT_HEADER) {
            return Optional.empty();
        }
        String when = "unless " + GatewaySetting.AUTH_MODE.key() + " is development-header";
        SmartConfiguration smart = new SmartConfiguration(settings.get(GatewaySetting.AUTH_ISSUER),
                settings.get(GatewaySetting.AUTH_JWKS_URL),
                settings.require(GatewaySetting.SMART_TOKEN_ENDPOINT, when),
                settings.get(GatewaySetting.SMART_AUTHORIZATION_ENDPOINT),
                settings.get(GatewaySetting.SMART_MANAGEMENT_ENDPOINT),
                settings.get(GatewaySetting.SMART_REVOCATION_ENDPOINT),
                list(GatewaySetting.SMART_GRANT_TYPES), list(GatewaySetting.SMART_TOKEN_ENDPOINT_AUTH_METHODS),
                list(GatewaySetting.SMART_SCOPES_SUPPORTED), list(GatewaySetting.SMART_CAPABILITIES));
        // Discovery must not promise what the authorization server cannot do: apps would fail mid-launch.
        List<String> problems = smart.inconsistencies();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the fhirgateway.smart.* settings contradict each other: "
                    + String.join("; ", problems) + " (settings " + GatewaySetting.SMART_CAPABILITIES.key() + ", "
                    + GatewaySetting.SMART_GRANT_TYPES.key() + ", " + GatewaySetting.SMART_AUTHORIZATION_ENDPOINT.key()
                    + ", " + GatewaySetting.SMART_TOKEN_ENDPOINT_AUTH_METHODS.key() + ", "
                    + GatewaySetting.AUTH_ISSUER.key() + ")");
        }
        return Optional.of(smart);
    }

    @Provides
    @Singleton
    SecurityInterceptors securityInterceptors(Optional<SmartConfiguration> smart, AccessPolicy policy) {
        return new SecurityInterceptors(smart.map(SmartConfigurationInterceptor::new), new ScopeInterceptor(policy));
    }

    private JwtAccessTokenVerifier jwtVerifier(String claim) {
        String when = "when " + GatewaySetting.AUTH_MODE.key() + " is jwt";
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        list(GatewaySetting.AUTH_ALGORITHMS).forEach(a -> algorithms.add(JWSAlgorithm.parse(a)));
        return new JwtAccessTokenVerifier(new JwtAccessTokenVerifier.Config(
                settings.require(GatewaySetting.AUTH_ISSUER, when), audience(),
                url(GatewaySetting.AUTH_JWKS_URL, settings.require(GatewaySetting.AUTH_JWKS_URL, when)), algorithms,
                settings.getDuration(GatewaySetting.AUTH_CLOCK_SKEW),
                settings.getDuration(GatewaySetting.AUTH_JWKS_CACHE_TTL),
                settings.getDuration(GatewaySetting.AUTH_JWKS_MIN_REFRESH_INTERVAL), claim,
                settings.getNonNegativeInt(GatewaySetting.AUTH_TOKEN_CACHE_SIZE)));
    }

    private IntrospectionAccessTokenVerifier introspectionVerifier(String claim) {
        String when = "when " + GatewaySetting.AUTH_MODE.key() + " is introspection";
        String endpoint = settings.require(GatewaySetting.AUTH_INTROSPECTION_URL, when);
        return new IntrospectionAccessTokenVerifier(new IntrospectionAccessTokenVerifier.Config(
                URI.create(url(GatewaySetting.AUTH_INTROSPECTION_URL, endpoint).toString()),
                settings.require(GatewaySetting.AUTH_INTROSPECTION_CLIENT_ID, when),
                settings.require(GatewaySetting.AUTH_INTROSPECTION_CLIENT_SECRET, when),
                settings.get(GatewaySetting.AUTH_ISSUER).orElse(null), audience(),
                settings.getDuration(GatewaySetting.AUTH_CLOCK_SKEW),
                settings.getDuration(GatewaySetting.AUTH_INTROSPECTION_CACHE_TTL), claim), Clock.systemUTC());
    }

    private AccessTokenVerifier customVerifier(ClassLoader loader) {
        List<HostExtensions.Found<AccessTokenVerifierProvider>> found =
                HostExtensions.find(AccessTokenVerifierProvider.class, loader);
        String names = found.stream().map(f -> "'" + f.extension().name() + "' (" + f.source() + ")")
                .collect(Collectors.joining(", "));
        Optional<String> wanted = settings.get(GatewaySetting.AUTH_VERIFIER);
        List<AccessTokenVerifierProvider> chosen = found.stream().map(HostExtensions.Found::extension)
                .filter(p -> wanted.map(p.name()::equals).orElse(true)).toList();
        if (found.isEmpty()) {
            throw new IllegalStateException(GatewaySetting.AUTH_MODE.key() + "=custom needs an"
                    + " AccessTokenVerifierProvider: put its jar, with META-INF/services/"
                    + AccessTokenVerifierProvider.class.getName() + ", in the plugin directory (setting "
                    + GatewaySetting.PLUGIN_DIR.key() + ") or WEB-INF/lib; none was found");
        }
        if (chosen.size() != 1) {
            throw new IllegalStateException(wanted.isPresent()
                    ? "setting " + GatewaySetting.AUTH_VERIFIER.key() + ": no AccessTokenVerifierProvider named '"
                            + wanted.get() + "'; found " + names
                    : "Several AccessTokenVerifierProviders were found (" + names + "): name the one to use in setting "
                            + GatewaySetting.AUTH_VERIFIER.key());
        }
        AccessTokenVerifierProvider provider = chosen.get(0);
        try {
            return Objects.requireNonNull(provider.create(settings), "create() returned null");
        } catch (RuntimeException e) {
            throw new IllegalStateException("the access token verifier '" + provider.name() + "' failed to start: "
                    + e.getMessage(), e);
        }
    }

    /** The FHIR base URL tokens must name as their audience. */
    private String audience() {
        return settings.get(GatewaySetting.AUTH_AUDIENCE).or(() -> settings.get(GatewaySetting.PUBLIC_BASE_URL))
                .orElseThrow(() -> new IllegalStateException("setting " + GatewaySetting.AUTH_AUDIENCE.key()
                        + " (environment " + GatewaySetting.AUTH_AUDIENCE.environmentVariable() + ") or "
                        + GatewaySetting.PUBLIC_BASE_URL.key() + " is required: tokens must be issued for this"
                        + " gateway's FHIR base URL"));
    }

    private List<String> list(GatewaySetting setting) {
        return settings.get(setting).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank()).toList())
                .orElse(List.of());
    }

    private static URL url(GatewaySetting setting, String value) {
        try {
            return URI.create(value.trim()).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalStateException("setting " + setting.key() + " must be an absolute URL, was '" + value
                    + "'");
        }
    }
}
