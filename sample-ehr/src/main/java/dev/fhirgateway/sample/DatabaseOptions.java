package dev.fhirgateway.sample;

import picocli.CommandLine.Option;

/** The EHR database options every subcommand that opens the database takes (a picocli mixin). */
public final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "jdbc:h2:... or jdbc:postgresql:... (default: H2 in ./.sample-ehr; stop the EHR first)")
    String url;

    @Option(names = "--db-user", paramLabel = "USER", description = "database user")
    String user;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "database password")
    String password;

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The default options with this database. */
    public SampleEhrOptions options() {
        return SampleEhrOptions.defaults().withDatabase(url, user, password);
    }
}
