package org.bounceclassifier.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code serve}, {@code stream}, {@code classify}, {@code test-rules}, {@code validate}, {@code evaluate}, {@code help}. */
@Command(name = "bounce-classifier",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Tells e-mail senders why a message bounced and what to do about it.",
        subcommands = {ServeCommand.class, StreamCommand.class, ClassifyCommand.class, TestRulesCommand.class, ValidateCommand.class,
                EvaluateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, classify, test-rules, validate or evaluate");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            if (v == null) {
                return new String[] {"bounce-classifier (development build)"};
            }
            String commit = BuildInfo.commit();
            return new String[] {"bounce-classifier " + v + (commit == null ? "" : " (commit " + commit + ")")};
        }
    }
}
