package dev.fhirgateway.sample;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** What the launcher's subcommands share in reading their command lines (see {@link SampleEhr}). */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * Reads {@code args} into the options of {@code command} (a picocli command), as written: no @file expansion.
     *
     * @throws ParameterException for an unknown option or a missing or malformed value
     */
    public static <T> T parse(T command, List<String> args) {
        new CommandLine(command).setExpandAtFiles(false).parseArgs(args.toArray(String[]::new));
        return command;
    }

    /**
     * Checks a practice PIN given with {@code --practice}: letters, digits or '-', at most 16.
     *
     * @throws ParameterException naming the command when it is not one
     */
    public static String practicePin(CommandSpec spec, String pin) {
        if (!pin.matches("[A-Za-z0-9-]{1,16}")) {
            throw new ParameterException(spec.commandLine(),
                    spec.name() + " needs --practice PIN (letters, digits or '-', at most 16)");
        }
        return pin;
    }
}
