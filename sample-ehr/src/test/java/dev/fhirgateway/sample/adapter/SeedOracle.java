package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.NewPatient;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.SeedPractice;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchValue;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The expected answer to a search over the seed data, computed in memory with the SPI's own {@code matches}
 * helpers, independently of the adapter's SQL.
 */
final class SeedOracle {

    private static final List<SeedPractice> PRACTICES = SeedData.practices();

    private SeedOracle() {
    }

    /** The public ids of the practice's patients that match every criterion. */
    static Set<String> expectedIds(String pin, List<SearchCriterion> criteria) {
        return patients(pin).stream()
                .filter(p -> criteria.stream().allMatch(c -> c.anyOf().stream().anyMatch(v -> matches(p, c.parameter(), v))))
                .map(NewPatient::publicId)
                .collect(Collectors.toSet());
    }

    /** The practice's seeded patients; none for an unknown PIN. */
    static List<NewPatient> patients(String pin) {
        return PRACTICES.stream().filter(p -> p.pin().equals(pin)).flatMap(p -> p.patients().stream()).toList();
    }

    /** The one seeded patient of the practice with that given and family name. */
    static NewPatient patient(String pin, String given, String family) {
        List<NewPatient> found = patients(pin).stream()
                .filter(p -> p.givenName().equals(given) && p.familyName().equals(family))
                .toList();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " seeded patients named " + given + " " + family);
        }
        return found.get(0);
    }

    private static boolean matches(NewPatient p, String parameter, SearchValue value) {
        return switch (parameter) {
            case "_id" -> ((SearchValue.Token) value).matches(null, p.publicId());
            case "identifier" -> ((SearchValue.Token) value).matches(PatientMapper.MRN_SYSTEM, p.mrn());
            case "gender" -> ((SearchValue.Token) value).matches(PatientMapper.GENDER_SYSTEM, p.gender());
            case "name" -> anyMatches((SearchValue.Text) value, p.familyName(), p.givenName(), p.middleName(),
                    p.namePrefix(), p.nameSuffix(), fullName(p));
            case "family" -> ((SearchValue.Text) value).matches(p.familyName());
            case "given" -> anyMatches((SearchValue.Text) value, p.givenName(), p.middleName());
            case "birthdate" -> ((SearchValue.Date) value).matches(p.birthDate(), ZoneOffset.UTC);
            case "death-date" -> p.deceasedDate() != null
                    && ((SearchValue.Date) value).matches(p.deceasedDate(), ZoneOffset.UTC);
            default -> throw new IllegalArgumentException(parameter);
        };
    }

    private static boolean anyMatches(SearchValue.Text value, String... parts) {
        return Stream.of(parts).filter(Objects::nonNull).anyMatch(value::matches);
    }

    private static String fullName(NewPatient p) {
        return Stream.of(p.givenName(), p.middleName(), p.familyName()).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
    }
}
