package earkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under measurement, in a process of its own: started, waited for until it prints its ready
 * line, asked for its CPU time (utime + stime from {@code /proc/<pid>/stat}) and stopped with SIGTERM.
 */
final class ChildProcess implements AutoCloseable {
    /** USER_HZ: the unit of utime and stime in /proc; 100 on every Linux distribution's kernel. */
    private static final long TICKS_PER_SECOND = clockTicks();

    final String name;
    final int port;
    private final Process process;
    final long readyNanos;
    final String readyLine;

    private ChildProcess(String name, int port, Process process, long readyNanos, String readyLine) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.readyNanos = readyNanos;
        this.readyLine = readyLine;
    }

    /** A JVM running {@code mainClass PORT args...} from the driver's own classpath, ready when it prints "listening ". */
    static ChildProcess java(String name, List<String> jvmOptions, String mainClass, String... args) {
        return javaUntil(name, jvmOptions, "listening ", mainClass, args);
    }

    /** A JVM as above, ready when it prints a line starting with {@code readyPrefix} (kept as {@link #readyLine}). */
    static ChildProcess javaUntil(String name, List<String> jvmOptions, String readyPrefix, String mainClass, String... args) {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.add(String.valueOf(port));
        cmd.addAll(List.of(args));
        return start(name, port, cmd, readyPrefix);
    }

    /** dynalite (in memory) on 127.0.0.1. */
    static ChildProcess dynalite(Path executable) {
        int port = freePort();
        return start("dynalite", port, List.of(executable.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port)),
                "Dynalite listening");
    }

    /** Any command that serves on {@code port}, ready when it prints a line starting with {@code readyPrefix}. */
    static ChildProcess command(String name, int port, List<String> cmd, String readyPrefix) {
        return start(name, port, cmd, readyPrefix);
    }

    private static ChildProcess start(String name, int port, List<String> cmd, String readyPrefix) {
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(readyPrefix)) {
                    long ready = System.nanoTime() - t0;
                    drain(out, name);
                    return new ChildProcess(name, port, p, ready, line);
                }
                System.err.println("[" + name + "] " + line);
            }
            throw new IllegalStateException(name + " exited before it was ready: " + String.join(" ", cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drain(BufferedReader out, String name) {
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    System.err.println("[" + name + "] " + line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "drain-" + name);
        t.setDaemon(true);
        t.start();
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the process has used so far (user + system), in nanoseconds. */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            // Fields after the command name (which may hold spaces) start at field 3, the state.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(v);
        } catch (IOException | NumberFormatException e) {
            return 100;
        }
    }
}
