package org.nanomind.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nanomind.scenarios.Sweep;
import org.nanomind.scenarios.SweepFile;
import org.nanomind.scenarios.SweepRun;

/**
 * A real Spark standalone cluster on 127.0.0.1: a master and two workers, each its own JVM started from
 * Spark's classes (org.apache.spark.deploy.master.Master and org.apache.spark.deploy.worker.Worker, as
 * sbin/start-master.sh and start-worker.sh start them), whose executors are JVMs of their own. The sweep of
 * SparkSweepTest runs on spark://127.0.0.1:PORT and must write results.csv byte for byte as the local
 * engine does. docs/sweeps.md gives the same commands.
 */
class SparkClusterTest {
    /** What Spark needs opened on a modern JDK, and the Vector API the kernels use. */
    static final List<String> JVM_FLAGS = List.of("--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aSweepOnAStandaloneClusterWritesTheSameResultsAsTheLocalEngine(@TempDir Path dir) throws Exception {
        String classPath = System.getProperty("java.class.path");
        Path sparkHome = sparkHome(dir, classPath);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + port;
        List<Process> cluster = new ArrayList<>();
        try {
            Path masterLog = dir.resolve("master.log");
            cluster.add(start(classPath, sparkHome, dir, masterLog, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(port), "--webui-port", "0"));
            awaitLine(masterLog, "Starting Spark master at " + master, 1, cluster);
            for (int w = 0; w < 2; w++) {
                Path work = Files.createDirectories(dir.resolve("worker" + w));
                cluster.add(start(classPath, sparkHome, dir, dir.resolve("worker" + w + ".log"), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1536m", "--webui-port", "0", "--work-dir", work.toString(), master));
            }
            awaitLine(masterLog, "Registering worker 127.0.0.1", 2, cluster);

            Sweep sw = SweepFile.parse(SparkSweepTest.SWEEP, "spark-check.yaml", null);
            Path local = dir.resolve("local");
            Path spark = dir.resolve("spark");
            SweepRun.run(sw, local, 2, false, null);
            Map<String, String> conf = Map.of("spark.driver.host", "127.0.0.1", "spark.executor.memory", "1g",
                    "spark.executor.extraClassPath", folders(classPath), "spark.executor.extraJavaOptions", String.join(" ", JVM_FLAGS));
            conf.forEach(System::setProperty);
            SweepRun.Result r;
            try {
                r = SparkSweep.run(sw, spark, master);
            } finally {
                conf.keySet().forEach(System::clearProperty);
            }
            assertEquals(6, r.points());
            assertArrayEquals(Files.readAllBytes(local.resolve("results.csv")), Files.readAllBytes(spark.resolve("results.csv")),
                    "the same rows, byte for byte");
            assertArrayEquals(Files.readAllBytes(local.resolve("pareto.csv")), Files.readAllBytes(spark.resolve("pareto.csv")));
            assertEquals(2, executorsThatRan(dir), "both workers ran executors");
        } finally {
            for (Process p : cluster.reversed()) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /**
     * A Spark home as a worker expects one: its executors' class path is SPARK_HOME/jars/*, here links to the
     * jars of this test's class path (Spark's and the project's).
     */
    private static Path sparkHome(Path dir, String classPath) throws IOException {
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        int i = 0;
        for (String e : classPath.split(File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                Files.createSymbolicLink(jars.resolve((i++) + "-" + Path.of(e).getFileName()), Path.of(e).toAbsolutePath());
            }
        }
        return dir.resolve("spark-home");
    }

    /** The class path's folders (modules' target/classes in a reactor build), which SPARK_HOME/jars cannot hold. */
    private static String folders(String classPath) {
        return String.join(File.pathSeparator, java.util.Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.endsWith(".jar")).toList());
    }

    private static Process start(String classPath, Path sparkHome, Path dir, Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", classPath, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        return pb.start();
    }

    /** Waits until {@code log} holds {@code count} lines containing {@code text}; fails with the logs if a process died first. */
    private static void awaitLine(Path log, String text, int count, List<Process> cluster) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() >= count) {
                return;
            }
            for (Process p : cluster) {
                if (!p.isAlive()) {
                    throw new AssertionError("a cluster process exited (" + p.exitValue() + ") before '" + text + "':\n" + Files.readString(log));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' x" + count + " in 120 s:\n" + Files.readString(log));
    }

    private static long executorsThatRan(Path dir) throws IOException {
        long n = 0;
        for (int w = 0; w < 2; w++) {
            try (var s = Files.walk(dir.resolve("worker" + w))) {
                n += s.anyMatch(p -> p.getFileName().toString().equals("stderr")) ? 1 : 0;
            }
        }
        return n;
    }
}
