package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.Scope;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which SMART App Launch scopes (v1 and v2, granular ones included) an app may hold and be granted: the
 * registration desk's rules per use case, and the authorization server's intersection of what an app asks for
 * with what its registration allows. The gateway reads the scopes again on every request; this class only
 * decides what goes into a token.
 */
final class SmartScopes {

    /** Launch-context and identity scopes: granted to user-facing apps, never to system apps. */
    static final Set<String> CONTEXT_SCOPES = Set.of("openid", "fhirUser", "profile", "launch", "launch/patient");
    static final String OFFLINE_ACCESS = "offline_access";
    static final String ONLINE_ACCESS = "online_access";
    static final String LAUNCH = "launch";
    static final String LAUNCH_PATIENT = "launch/patient";
    static final String OPENID = "openid";
    static final String FHIR_USER = "fhirUser";

    private static final Pattern RESOURCE_SCOPE = Pattern.compile(
            "(patient|user|system)/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)(\\?.+)?");

    /** A resource scope, read: level, type, permission letters, query (or empty). */
    record ResourceScope(String level, String type, Set<Character> permissions, String query) {

        static Optional<ResourceScope> parse(String scope) {
            Matcher m = RESOURCE_SCOPE.matcher(scope);
            if (!m.matches() || m.group(3).isEmpty()) {
                return Optional.empty();
            }
            Set<Character> letters = switch (m.group(3)) {
                case "read" -> Set.of('r', 's');
                case "write" -> Set.of('c', 'u', 'd');
                case "*" -> Set.of('c', 'r', 'u', 'd', 's');
                default -> m.group(3).chars().mapToObj(c -> (char) c).collect(java.util.stream.Collectors.toSet());
            };
            return Optional.of(new ResourceScope(m.group(1), m.group(2), letters,
                    m.group(4) == null ? "" : m.group(4)));
        }

        /** Whether holding this scope allows granting {@code asked}: same level, wider type, more letters. */
        boolean covers(ResourceScope asked) {
            return level.equals(asked.level) && (type.equals("*") || type.equals(asked.type))
                    && permissions.containsAll(asked.permissions) && (query.isEmpty() || query.equals(asked.query));
        }
    }

    private SmartScopes() {
    }

    /**
     * Checks a registration's scopes against its use case: patient apps hold {@code patient/} scopes, practitioner
     * apps {@code user/} and {@code patient/} scopes, system apps {@code system/} scopes; user-facing apps may
     * also list the context scopes ({@code openid fhirUser launch launch/patient offline_access online_access}).
     *
     * @throws IllegalArgumentException naming the first scope that does not fit, or when no resource scope is given
     */
    static void requireAllowed(RegisteredClient.UseCase useCase, Scope scopes) {
        boolean anyResource = false;
        for (Scope.Value value : scopes) {
            String s = value.getValue();
            Optional<ResourceScope> resource = ResourceScope.parse(s);
            if (resource.isPresent()) {
                anyResource = true;
                if (!levels(useCase).contains(resource.get().level())) {
                    throw new IllegalArgumentException("a " + useCase.code() + " app cannot hold " + s + " (allowed: "
                            + String.join(", ", levels(useCase).stream().map(l -> l + "/").sorted().toList()) + ")");
                }
            } else if (useCase == RegisteredClient.UseCase.SYSTEM || !(CONTEXT_SCOPES.contains(s)
                    || OFFLINE_ACCESS.equals(s) || ONLINE_ACCESS.equals(s))) {
                throw new IllegalArgumentException("not a scope a " + useCase.code() + " app can hold: " + s);
            }
        }
        if (!anyResource) {
            throw new IllegalArgumentException("at least one resource scope is needed, e.g. patient/*.rs");
        }
    }

    private static Set<String> levels(RegisteredClient.UseCase useCase) {
        return switch (useCase) {
            case PATIENT -> Set.of("patient");
            case PRACTITIONER -> Set.of("user", "patient");
            case SYSTEM -> Set.of("system");
        };
    }

    /**
     * The scopes of an authorization request that the app's registration allows, in the order asked: resource
     * scopes covered by a registered one ({@code patient/*.read} covers {@code patient/Observation.rs} and
     * {@code patient/Observation.rs?category=...}), the context scopes, and {@code offline_access} /
     * {@code online_access} only for registrations allowed refresh tokens. {@code launch} only with an EHR launch.
     */
    static Scope grant(Scope requested, RegisteredClient client, boolean ehrLaunch) {
        Scope granted = new Scope();
        if (requested == null) {
            return granted;
        }
        Set<String> levels = levels(client.useCase());
        for (Scope.Value value : requested) {
            String s = value.getValue();
            Optional<ResourceScope> asked = ResourceScope.parse(s);
            if (asked.isPresent()) {
                boolean covered = levels.contains(asked.get().level()) && client.scopes().stream()
                        .map(r -> ResourceScope.parse(r.getValue())).flatMap(Optional::stream)
                        .anyMatch(r -> r.covers(asked.get()));
                if (covered) {
                    granted.add(s);
                }
            } else if (s.equals(LAUNCH)) {
                if (ehrLaunch) {
                    granted.add(s);
                }
            } else if (CONTEXT_SCOPES.contains(s)) {
                granted.add(s);
            } else if ((s.equals(OFFLINE_ACCESS) || s.equals(ONLINE_ACCESS)) && client.refreshAllowed()) {
                granted.add(s);
            }
        }
        // offline_access wins over online_access when both are asked for.
        if (granted.contains(OFFLINE_ACCESS)) {
            granted.remove(ONLINE_ACCESS);
        }
        return granted;
    }

    /**
     * Whether {@code asked} only narrows {@code held}: each resource scope covered by a held one (so
     * {@code patient/Observation.rs} narrows {@code patient/*.rs}), every other scope held as such.
     */
    static boolean narrows(Scope asked, Scope held) {
        for (Scope.Value value : asked) {
            Optional<ResourceScope> resource = ResourceScope.parse(value.getValue());
            boolean ok = resource.isPresent()
                    ? held.stream().map(h -> ResourceScope.parse(h.getValue())).flatMap(Optional::stream)
                            .anyMatch(h -> h.covers(resource.get()))
                    : held.contains(value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether any of the scopes is a resource scope. */
    static boolean hasResourceScope(Scope scopes) {
        return scopes.stream().anyMatch(v -> ResourceScope.parse(v.getValue()).isPresent());
    }

    /** Whether any of the scopes is a {@code patient/} resource scope. */
    static boolean hasPatientScope(Scope scopes) {
        return scopes.stream().map(v -> ResourceScope.parse(v.getValue())).flatMap(Optional::stream)
                .anyMatch(r -> r.level().equals("patient"));
    }
}
