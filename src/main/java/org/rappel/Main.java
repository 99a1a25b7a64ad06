package org.rappel;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rappel.config.ConfigException;
import org.rappel.config.RappelConfig;
import org.rappel.estimate.replay.EwtReplayCommand;
import org.rappel.flow.FlowDefinitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar rappel.jar <command>}: the entry point, nothing but argument parsing and hand-off. */
@Command(name = "rappel", mixinStandardHelpOptions = true, version = "Rappel 0.1",
        description = "Telephony server for public-service hotlines: IVR, wait estimates, callbacks.",
        subcommands = {Main.Serve.class, EwtReplayCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Runs the server: FastAGI on 4573, HTTP (health, metrics) on 8080 by default.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (optional).")
        Path config;

        @Override
        public Integer call() throws InterruptedException {
            RappelServer server;
            try {
                RappelConfig settings = RappelConfig.load(Optional.ofNullable(config), System.getenv());
                server = new RappelServer(settings);
            } catch (ConfigException | FlowDefinitionException | IllegalArgumentException e) {
                System.err.println("rappel: " + e.getMessage());
                return 2;
            }
            try {
                server.start();
            } catch (IllegalStateException e) {
                // A port already taken, an address not on this host: said in one line, not a stack trace.
                System.err.println("rappel: " + e.getMessage());
                server.close();
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "rappel-shutdown"));
            stopped.await();
            return 0;
        }
    }
}
