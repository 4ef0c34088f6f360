package io.chassis.core;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.internal.bootstrap.Assembler;
import io.chassis.core.internal.bootstrap.Assembly;
import io.chassis.core.internal.bootstrap.ReadinessState;
import java.io.PrintStream;
import java.util.List;

/** The command-line commands of a service's {@code main}: run, check, config. */
final class Commands {

    static final String USAGE = "Usage: <service> [run|check|config]\n"
            + "  run     start the service (default)\n"
            + "  check   validate configuration and modules, print problems, exit 0 or 1\n"
            + "  config  print the effective configuration, secrets masked, with origins";

    private Commands() {}

    static boolean isRun(String[] args) {
        return args.length == 0 || args[0].equals("run");
    }

    static int execute(ChassisBuilder builder, String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println(USAGE);
            return 2;
        }
        String command = args.length == 0 ? "run" : args[0];
        try {
            switch (command) {
                case "run":
                    builder.start();
                    return 0;
                case "check":
                    Assembly assembly = Assembler.assemble(builder.spec(), new ReadinessState());
                    List<ConfigProblem> warnings = assembly.contributions().warnings();
                    if (!warnings.isEmpty()) {
                        err.println("Configuration has " + warnings.size()
                                + (warnings.size() == 1 ? " warning:" : " warnings:"));
                        warnings.forEach(w -> err.println("  * " + w));
                    }
                    out.println("OK: " + assembly.service().name() + " "
                            + assembly.service().version() + " with "
                            + assembly.modules().size() + " module(s); configuration is valid.");
                    return 0;
                case "config":
                    out.print(Assembler.loadConfig(builder.spec()).render());
                    return 0;
                default:
                    err.println("Unknown command '" + command + "'.");
                    err.println(USAGE);
                    return 2;
            }
        } catch (ConfigProblemsException e) {
            err.println(e.getMessage());
            return 1;
        } catch (ChassisStartupException e) {
            err.println("Startup failed: " + e.getMessage());
            return 1;
        }
    }
}
