package dev.fhirgateway.sample;

import dev.fhirgateway.sample.fhirimport.ImportCommand;
import dev.fhirgateway.sample.generate.GenerateCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The command line of the sample EHR, parsed with picocli:
 * <pre>
 * java -jar sample-ehr.jar [serve] [options]               (see {@link ServeCommand})
 * java -jar sample-ehr.jar client add|modify|list ...      (see {@link ClientCommand})
 * java -jar sample-ehr.jar import --practice PIN [--db JDBC_URL] FILE.json...
 * java -jar sample-ehr.jar generate --practice PIN --patients N [--db JDBC_URL]
 * </pre>
 * Every command and subcommand answers {@code --help}; a usage error prints one line saying what is wrong and the
 * command's usage, and exits with status 2.
 */
@Command(name = "java -jar sample-ehr.jar",
        description = "The sample EHR: serves its records with the FHIR gateway beside it (serve, the default),"
                + " registers apps (client), loads FHIR Bundles (import) or generates patients (generate).",
        subcommands = {ServeCommand.class, ClientCommand.class, ImportCommand.class, GenerateCommand.class})
public final class SampleEhr {

    /** Exit status of a usage error: a mistyped command line, told apart from a command that ran and failed (1). */
    public static final int USAGE_ERROR = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    SampleEhr() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int exitCode = commandLine.execute(withDefaultSubcommand(commandLine, args));
        ParseResult parsed = commandLine.getParseResult();
        boolean served = parsed != null && parsed.hasSubcommand()
                && parsed.subcommand().commandSpec().userObject() instanceof ServeCommand;
        // serve returns once the server has stopped in the shutdown hook: the JVM is exiting already.
        if (!served || exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * The command line with its subcommands: usage errors print their message on one line and the usage, to
     * {@code err}, and exit {@link #USAGE_ERROR}.
     */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SampleEhr());
        // Arguments are taken as written: no @file expansion (a value could start with '@').
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler(SampleEhr::usageError);
        // Wide enough that JDBC URLs and paths in the descriptions are not broken across lines.
        commandLine.setUsageHelpWidth(100);
        return commandLine;
    }

    /** Runs the command line like {@link #main}, writing help and usage errors to {@code out} and {@code err}. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(withDefaultSubcommand(commandLine, args));
    }

    /** Without a subcommand the EHR serves: {@code java -jar sample-ehr.jar --port 9090} is {@code serve --port 9090}. */
    static String[] withDefaultSubcommand(CommandLine commandLine, String[] args) {
        if (args.length > 0 && (commandLine.getSubcommands().containsKey(args[0])
                || List.of("-h", "--help").contains(args[0]))) {
            return args;
        }
        String[] serve = new String[args.length + 1];
        serve[0] = "serve";
        System.arraycopy(args, 0, serve, 1, args.length);
        return serve;
    }

    /**
     * Reads the serve options of a command line ({@code [serve] [options]}).
     *
     * @throws ParameterException for an unknown argument or a missing or malformed value
     */
    static SampleEhrOptions parse(String[] args) {
        List<String> serveArgs = Arrays.asList(withDefaultSubcommand(commandLine(), args));
        return CommandLines.parse(new ServeCommand(), serveArgs.subList(1, serveArgs.size())).options();
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage().replace(System.lineSeparator(), " ").replace('\n', ' '));
        commandLine.usage(err);
        return USAGE_ERROR;
    }
}
