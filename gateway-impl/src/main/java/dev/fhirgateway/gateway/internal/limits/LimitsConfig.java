package dev.fhirgateway.gateway.internal.limits;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The limits in force: the defaults of the settings and the overrides per practice and per client (host, then
 * file), each field overriding separately. Immutable; {@link LimitPolicy} swaps in a new one when the overrides
 * change. Every value is checked when it is built, so a request never meets a malformed limit.
 *
 * @param version increases with every change (Bucket4j replaces a shared bucket's configuration when an
 *        instance brings a higher version, so the newest limits win on every instance)
 */
public record LimitsConfig(long version, PracticeLimits practiceDefaults, ClientLimits clientDefaults,
        Map<String, PracticeLimits> practices, Map<String, ClientLimits> clients) {

    static final String RATE = "rate";
    static final String BURST = "burst";
    static final String CONCURRENCY = "concurrency";
    static final String DAILY_QUOTA = "daily-quota";
    private static final Set<String> PRACTICE_FIELDS = Set.of(RATE, BURST, CONCURRENCY);
    private static final Set<String> CLIENT_FIELDS = Set.of(RATE, BURST, DAILY_QUOTA);

    /** The limits of one practice. */
    public record PracticeLimits(Optional<TokenBucketLimit> rate, OptionalInt concurrency) {
    }

    /** The limits of one client application (within each practice it calls for). */
    public record ClientLimits(Optional<TokenBucketLimit> rate, OptionalLong dailyQuota) {
    }

    public PracticeLimits practice(String practice) {
        return practices.getOrDefault(practice, practiceDefaults);
    }

    public ClientLimits client(String client) {
        return clients.getOrDefault(client, clientDefaults);
    }

    /**
     * Builds the limits from raw values.
     *
     * @param practiceDefaults {@code rate}, {@code burst}, {@code concurrency} from the settings
     * @param clientDefaults {@code rate}, {@code burst}, {@code daily-quota} from the settings
     * @param overrides {@code practice.<id>.<field>} and {@code client.<id>.<field>} keys, host's and file's
     *        merged (the later source already written over the earlier)
     * @throws IllegalArgumentException naming the key or setting of the first invalid value
     */
    static LimitsConfig build(long version, Map<String, String> practiceDefaults, Map<String, String> clientDefaults,
            Map<String, String> overrides) {
        Map<String, Map<String, String>> practiceRaw = new TreeMap<>();
        Map<String, Map<String, String>> clientRaw = new TreeMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().trim();
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            if (first <= 0 || last <= first + 1) {
                throw new IllegalArgumentException("override '" + key + "' must be practice.<id>.<field> or"
                        + " client.<id>.<field>");
            }
            String kind = key.substring(0, first);
            String id = key.substring(first + 1, last);
            String field = key.substring(last + 1);
            if (kind.equals("practice") && PRACTICE_FIELDS.contains(field)) {
                practiceRaw.computeIfAbsent(id, k -> new HashMap<>()).put(field, e.getValue());
            } else if (kind.equals("client") && CLIENT_FIELDS.contains(field)) {
                clientRaw.computeIfAbsent(id, k -> new HashMap<>()).put(field, e.getValue());
            } else {
                throw new IllegalArgumentException("override '" + key + "': unknown; practice.<id>. takes "
                        + PRACTICE_FIELDS + ", client.<id>. takes " + CLIENT_FIELDS);
            }
        }
        PracticeLimits practiceDefault = practice(practiceDefaults, Map.of(), "fhirgateway.limits.practice-");
        ClientLimits clientDefault = client(clientDefaults, Map.of(), "fhirgateway.limits.client-");
        Map<String, PracticeLimits> practices = new LinkedHashMap<>();
        practiceRaw.forEach((id, raw) -> practices.put(id, practice(practiceDefaults, raw, "practice." + id + ".")));
        Map<String, ClientLimits> clients = new LinkedHashMap<>();
        clientRaw.forEach((id, raw) -> clients.put(id, client(clientDefaults, raw, "client." + id + ".")));
        return new LimitsConfig(version, practiceDefault, clientDefault, Map.copyOf(practices), Map.copyOf(clients));
    }

    private static PracticeLimits practice(Map<String, String> defaults, Map<String, String> override, String prefix) {
        return new PracticeLimits(bucket(defaults, override, prefix),
                positiveInt(pick(defaults, override, CONCURRENCY), prefix + CONCURRENCY));
    }

    private static ClientLimits client(Map<String, String> defaults, Map<String, String> override, String prefix) {
        OptionalInt daily = positiveInt(pick(defaults, override, DAILY_QUOTA), prefix + DAILY_QUOTA);
        return new ClientLimits(bucket(defaults, override, prefix),
                daily.isPresent() ? OptionalLong.of(daily.getAsInt()) : OptionalLong.empty());
    }

    private static Optional<TokenBucketLimit> bucket(Map<String, String> defaults, Map<String, String> override,
            String prefix) {
        Optional<Rate> rate = Rate.parse(pick(defaults, override, RATE), prefix + RATE);
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        String burst = pick(defaults, override, BURST);
        OptionalInt b = positiveInt(burst, prefix + BURST);
        if (burst != null && !burst.isBlank() && b.isEmpty()) {
            throw new IllegalArgumentException(prefix + BURST + " must be a positive number, was 'off'");
        }
        // Without a burst the bucket holds one period's worth of requests.
        return Optional.of(new TokenBucketLimit(rate.get(), b.isPresent() ? b.getAsInt() : rate.get().requests()));
    }

    private static String pick(Map<String, String> defaults, Map<String, String> override, String field) {
        return override.containsKey(field) ? override.get(field) : defaults.get(field);
    }

    private static OptionalInt positiveInt(String raw, String what) {
        String v = raw == null ? "" : raw.trim();
        if (v.isEmpty() || v.equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a positive number or off, was '" + v + "'");
    }
}
