package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's command line as a user meets it: {@code --help} on the top level and on every subcommand, and a
 * usage error in each answered with one line saying what is wrong, the subcommand's usage and exit status 2.
 * None of these reaches a database or starts a server.
 */
@DisplayName("The sample EHR's command line")
class SampleEhrCommandLineTest {

    private record Outcome(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Outcome run(String commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.split(" ");
        int exitCode = SampleEhr.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("--help prints the command's usage and options and exits 0")
    @CsvSource(delimiter = '|', value = {
        "--help                | Usage: java -jar sample-ehr.jar [-h] [COMMAND] | generate",
        "-h                    | Usage: java -jar sample-ehr.jar [-h] [COMMAND] | import",
        "serve --help          | Usage: java -jar sample-ehr.jar serve          | --token-audience=URL",
        "import --help         | Usage: java -jar sample-ehr.jar import         | FILE.json",
        "generate --help       | Usage: java -jar sample-ehr.jar generate       | --patients=N",
        "client --help         | Usage: java -jar sample-ehr.jar client         | modify",
        "client add --help     | Usage: java -jar sample-ehr.jar client add     | --redirect-uri=URI",
        "client modify --help  | Usage: java -jar sample-ehr.jar client modify  | --client-id=ID",
        "client list --help    | Usage: java -jar sample-ehr.jar client list    | --db=JDBC_URL",
    })
    void help(String commandLine, String usage, String mentions) {
        Outcome outcome = run(commandLine);

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).startsWith(usage).contains(mentions);
        assertThat(outcome.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a usage error prints one line saying what is wrong, then the command's usage, and exits 2")
    @CsvSource(delimiter = '|', value = {
        "--port 80 --bogus                | Unknown option: '--bogus'                             | serve",
        "serve --port eighty              | Invalid value for option '--port': 'eighty' is not an int | serve",
        "serve --port 70000               | port must be between 0 and 65535, was 70000           | serve",
        "import --practice 4242           | give at least one Bundle file (FILE.json) to import    | import",
        "import --practice 4242 nowhere.json | no such file: nowhere.json                          | import",
        "generate --practice 9            | Missing required option: '--patients=N'               | generate",
        "generate --practice 9 --patients 0 | generate needs --patients N (at least 1)            | generate",
        "client                           | client needs an action: add, modify or list           | client",
        "client add --practice 1001       | Missing required option: '--scopes=SCOPES'            | client add",
        "client modify --client-id app-1  | client modify needs --scopes and/or --refresh-tokens  | client modify",
        "client list --practice 1001      | Unknown options: '--practice', '1001'                 | client list",
    })
    void usageError(String commandLine, String message, String command) {
        Outcome outcome = run(commandLine);

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.errLines()).hasSizeGreaterThan(2);
        assertThat(outcome.errLines().get(0)).isEqualTo(message);
        assertThat(outcome.errLines().get(1)).startsWith("Usage: java -jar sample-ehr.jar " + command + " ");
        assertThat(outcome.out()).isEmpty();
    }
}
