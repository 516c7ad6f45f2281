package dev.fhirgateway.sample.containers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A servlet container running as its own operating-system process, its console written to a file.
 *
 * <p>It is stopped the way a service manager stops it (SIGTERM: the container's shutdown hook stops it
 * cleanly), and killed only when it does not exit in time. A JVM shutdown hook kills it too, so an aborted test
 * run leaves no container behind.
 */
final class ContainerProcess {

    private final Process process;
    private final Thread killOnExit;

    private ContainerProcess(Process process) {
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code builder} with standard output and error appended to {@code console}. */
    static ContainerProcess start(ProcessBuilder builder, Path console) throws IOException {
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        return new ContainerProcess(builder.start());
    }

    /** The operating system's id of the process (the container's JVM). */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code seconds} for the process to exit; whether it did. */
    boolean awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /**
     * Asks the process to stop (SIGTERM) and waits for it; kills it if it has not exited within
     * {@code graceSeconds}.
     *
     * @return whether it exited by itself in time
     */
    boolean stop(int graceSeconds) throws InterruptedException {
        boolean clean = true;
        if (process.isAlive()) {
            process.destroy();
            clean = process.waitFor(graceSeconds, TimeUnit.SECONDS);
            if (!clean) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway.
        }
        return clean;
    }
}
