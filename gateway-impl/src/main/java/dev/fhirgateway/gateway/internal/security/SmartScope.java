package dev.fhirgateway.gateway.internal.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART on FHIR resource scope, as App Launch 2.x defines it, read with 1.x compatibility:
 * {@code patient/Observation.rs}, {@code user/*.read}, {@code system/*.*},
 * {@code patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory}.
 *
 * <p>v1 permissions map to v2 letters: {@code read} is {@code rs}, {@code write} is {@code cud}, {@code *} is
 * {@code cruds}. The gateway is read-only, so only {@code r} (read) and {@code s} (search) ever grant anything.
 *
 * @param level whose data the scope reaches: the launch patient's, the user's, or the whole system's
 * @param resourceType a resource type, or {@code *} for every type
 * @param permissions the permitted interactions
 * @param query the scope's search restriction (granular scope), parameter name to values; empty when unrestricted
 */
public record SmartScope(Level level, String resourceType, Set<Permission> permissions,
        Map<String, List<String>> query) {

    /** Whose data a scope reaches. */
    public enum Level { PATIENT, USER, SYSTEM }

    /** The SMART v2 permission letters, in their canonical order. */
    public enum Permission { CREATE, READ, UPDATE, DELETE, SEARCH }

    private static final Pattern SCOPE = Pattern.compile(
            "(patient|user|system)/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)(?:\\?(.+))?");

    public SmartScope {
        permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /**
     * Reads one scope string.
     *
     * @return empty for scopes that are not resource scopes ({@code openid}, {@code launch/patient},
     *     {@code offline_access}...) and for malformed ones, which grant nothing
     */
    public static Optional<SmartScope> parse(String scope) {
        if (scope == null) {
            return Optional.empty();
        }
        Matcher m = SCOPE.matcher(scope.trim());
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        Level level = Level.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        Set<Permission> permissions = permissions(m.group(3));
        Optional<Map<String, List<String>>> query = m.group(4) == null ? Optional.of(Map.of()) : query(m.group(4));
        return query.map(q -> new SmartScope(level, m.group(2), permissions, q));
    }

    /** Whether the scope permits {@code permission} on {@code type}. */
    public boolean permits(Permission permission, String type) {
        return permissions.contains(permission) && (resourceType.equals("*") || resourceType.equals(type));
    }

    /** Whether this is a granular scope (one with a search restriction). */
    public boolean isRestricted() {
        return !query.isEmpty();
    }

    private static Set<Permission> permissions(String raw) {
        return switch (raw) {
            case "read" -> EnumSet.of(Permission.READ, Permission.SEARCH);
            case "write" -> EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            case "*" -> EnumSet.allOf(Permission.class);
            default -> {
                // The pattern only lets the letters through once each and in the canonical order c r u d s.
                EnumSet<Permission> set = EnumSet.noneOf(Permission.class);
                for (char c : raw.toCharArray()) {
                    set.add(switch (c) {
                        case 'c' -> Permission.CREATE;
                        case 'r' -> Permission.READ;
                        case 'u' -> Permission.UPDATE;
                        case 'd' -> Permission.DELETE;
                        default -> Permission.SEARCH;
                    });
                }
                yield set;
            }
        };
    }

    /** A scope query is {@code name=value(&name=value)*}; anything else makes the scope malformed. */
    private static Optional<Map<String, List<String>>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 1 || eq == pair.length() - 1) {
                return Optional.empty();
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            if (name == null || value == null) {
                return Optional.empty();
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return Optional.of(out);
    }

    /** Percent-decoding only: a '+' in a scope is a plus sign, not a space. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
