// SPDX-License-Identifier: Apache-2.0
package dev.scopepool.console;

import java.io.PrintStream;
import java.net.BindException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar admin-console.jar}: parses the options, starts the {@link AdminConsole},
 * prints where it is and how to log in, and closes it on Ctrl-C (SIGINT/SIGTERM), after
 * which the process ends.
 *
 * <p>Exit codes: 0 after a clean stop or {@code --help}; 2 for bad options; 1 if the console
 * could not start.
 */
public final class ConsoleMain {

    private static final String LOG_FORMAT = "java.util.logging.SimpleFormatter.format";

    private ConsoleMain() {
    }

    /**
     * @param args see {@link ConsoleOptions#USAGE}
     * @throws InterruptedException if the main thread is interrupted while the console runs
     */
    public static void main(String[] args) throws InterruptedException {
        // One line per log record, before anything logs: the console's output is read by people.
        if (System.getProperty(LOG_FORMAT) == null) {
            System.setProperty(LOG_FORMAT, "%1$tT %4$s %3$s: %5$s%6$s%n");
        }
        PrintStream out = System.out;
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("admin-console: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            out.print(ConsoleOptions.USAGE);
            return;
        }

        AdminConsole console;
        try {
            console = AdminConsole.start(options);
        } catch (Exception e) {
            if (causedBy(e, BindException.class)) {
                System.err.println("admin-console: could not listen on " + options.host() + ":" + options.port()
                        + " (" + e.getMessage() + "); choose another port with --port");
            } else {
                System.err.println("admin-console: could not start: " + e);
                e.printStackTrace();
            }
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the admin console...");
            console.close();
            out.println("Admin console stopped.");
            stopped.countDown();
        }, "scopepool-console-shutdown"));

        out.print(banner(console));
        out.flush();
        if (options.password() != null) {
            // Shown once; from now on only its digest is kept.
            options.password().wipe();
        }
        // The main thread waits so the process lives exactly as long as the console.
        stopped.await();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param console the running console
     * @return what the user needs to know: where, how to log in, what runs
     */
    static String banner(AdminConsole console) {
        ConsoleOptions options = console.options();
        StringBuilder text = new StringBuilder();
        text.append("scopepool admin console: ").append(console.url()).append('\n');
        if (!options.authentication()) {
            text.append("Authentication is OFF (--no-auth): anyone who can reach ")
                    .append(options.host()).append(" can operate the pools.\n");
        } else if (options.passwordGenerated()) {
            text.append("Log in as '").append(options.user()).append("' with password: ")
                    .append(options.password().reveal()).append('\n')
                    .append("(generated for this run and shown only here; choose one with --password or $")
                    .append(ConsoleOptions.PASSWORD_ENV).append(")\n");
        } else {
            text.append("Log in as '").append(options.user()).append("' with the password you set.\n");
        }
        if (options.tls() == null && options.allowPlainHttp()) {
            text.append("WARNING: plain HTTP (--allow-plain-http): passwords and session cookies cross the ")
                    .append("network readable unless a TLS proxy is in front.\n");
        }
        if (options.allowJvmOperations()) {
            text.append("JVM-level operations are allowed (--allow-jvm-operations).\n");
        }
        text.append("Demo pools: ").append(String.join(", ", console.poolNames()))
                .append(options.load() ? " (load generator running)" : " (no load: --no-load)")
                .append('\n');
        if (console.fleetBudget() != null) {
            text.append("Fleet budgets: ").append(console.fleetBudget()).append('\n');
        }
        if (options.config() != null) {
            text.append("Pool settings from ").append(options.config()).append('\n');
        }
        text.append("JConsole/VisualVM: attach to process ").append(ProcessHandle.current().pid())
                .append(", MBeans under dev.scopepool\n");
        text.append("Press Ctrl-C to stop.\n");
        return text.toString();
    }
}
