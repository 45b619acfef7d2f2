package dev.kiln.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a set of suite entries through JMH's Runner, with the gc profiler (allocation per operation) and
 * JSON results. Benchmarks make the first call of a traced function (trace, optimize, compile) in their
 * setup, so that the warmup is spent on the code measured. Quick runs override the benchmarks' own
 * settings to fit a few minutes on two cores: no forks (every benchmark runs in this JVM, so later ones
 * find Kiln's code already compiled by the JIT; {@link Suite#OWN_JVM_WHEN_QUICK} excepted), one warmup
 * iteration of {@value #QUICK_WARMUP_MS} ms and three measurement iterations of {@value #QUICK_ITERATION_MS}
 * ms. The warmup is long enough for C2 to compile a workload's own generated kernels: until it has, their
 * Vector API code runs boxed, many times slower, and the first benchmark of a workload would measure that.
 */
final class JmhRun {
    static final long LOCK_WAIT_SECONDS = 1800;
    static final int QUICK_ITERATION_MS = 300;
    static final int QUICK_WARMUP_MS = 1000;

    private JmhRun() {}

    /** Runs {@code entries}, writing JMH's JSON to {@code json} and its console output to {@code log}. */
    static void run(List<SuiteEntry> entries, boolean quick, Path json, Path log) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(log.toString())
                .shouldFailOnError(false)
                .jvmArgsAppend(forkJvmArgs(entries).toArray(String[]::new));
        for (SuiteEntry e : entries) {
            b.include("^" + Pattern.quote(e.jmhName()) + "$");
        }
        // TrainingStepBenchmark's reference-kernel half needs a JVM of its own (the kernel table is chosen
        // once per JVM), which quick runs do not fork; the suite measures Kiln's standard, fast kernels.
        b.param("kernels", "fast");
        if (quick) {
            boolean ownJvm = entries.stream().anyMatch(e -> Suite.OWN_JVM_WHEN_QUICK.contains(e.className()));
            b.forks(ownJvm ? 1 : 0)
                    .warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(QUICK_WARMUP_MS))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.milliseconds(QUICK_ITERATION_MS));
        }
        runWhenFree(new Runner(b.build()));
    }

    /**
     * Runs JMH, waiting while another JMH run holds the machine-wide lock (two at once would measure each
     * other): up to {@link #LOCK_WAIT_SECONDS}.
     */
    private static void runWhenFree(Runner runner) throws RunnerException {
        long deadline = System.nanoTime() + LOCK_WAIT_SECONDS * 1_000_000_000L;
        boolean told = false;
        while (true) {
            try {
                runner.run();
                return;
            } catch (RunnerException e) {
                if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    System.out.print("(waiting for another JMH run on this machine) ");
                    System.out.flush();
                    told = true;
                }
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * The Vector API module, a deep stack for tracing, JMH's use of {@code sun.misc.Unsafe} allowed without
     * a warning, and Kiln's own system properties passed on.
     */
    static List<String> forkJvmArgs(List<SuiteEntry> entries) {
        List<String> args = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector", "-Xss8m",
                "--sun-misc-unsafe-memory-access=allow"));
        if (entries.stream().anyMatch(SuiteEntry::isPeer)) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("kiln.")) {
                args.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        return args;
    }
}
