package dev.fhirgateway.sample.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EHR launches in progress, in memory: the EHR page makes one when a clinician opens an app for a patient, and
 * hands its opaque id to the app as {@code launch}; the authorization endpoint finds the patient again from it
 * (SMART App Launch, EHR launch). An id is random, unguessable and valid for {@link #LIFETIME}.
 */
public final class LaunchContexts {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A launch: for which app, in which practice, for which patient (public id). */
    public record Launch(String clientId, String practicePin, String patient, Instant expiresAt) {
    }

    private final Map<String, Launch> launches = new ConcurrentHashMap<>();
    private final Clock clock;

    public LaunchContexts(Clock clock) {
        this.clock = clock;
    }

    /** A new launch id for the app and patient. */
    public String create(String clientId, String practicePin, String patient) {
        Instant now = clock.instant();
        launches.values().removeIf(l -> l.expiresAt().isBefore(now));
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        launches.put(id, new Launch(clientId, practicePin, patient, now.plus(LIFETIME)));
        return id;
    }

    /** The launch with this id, unless it expired. */
    Optional<Launch> find(String id) {
        Launch launch = id == null ? null : launches.get(id);
        return launch == null || launch.expiresAt().isBefore(clock.instant()) ? Optional.empty() : Optional.of(launch);
    }
}
