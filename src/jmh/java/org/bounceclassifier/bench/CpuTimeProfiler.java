package org.bounceclassifier.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark JVM spends per operation (all its threads: the benchmark's, the JIT's, the
 * garbage collector's), next to the wall-clock score.
 *
 * <p>On a machine shared with other work, a benchmark thread gets only part of a core and the
 * operations per second fall with the load; the CPU time per operation hardly moves. So
 * {@code cpu.ops.per.core.s} (operations per second of one fully used core) is the figure to
 * compare between runs on a busy machine, and the wall-clock score the one that holds on an idle
 * machine. Use with {@code -prof org.bounceclassifier.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final double NANOS_PER_MICRO = 1_000;
    private static final double MICROS_PER_SECOND = 1_000_000;
    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                      IterationResult result) {
        long ops = result.getMetadata().getMeasuredOps();
        if (ops <= 0) {
            return List.of();
        }
        double microsPerOp = (os.getProcessCpuTime() - cpuAtStart) / NANOS_PER_MICRO / ops;
        return List.of(
                new ScalarResult("cpu.us.per.op", microsPerOp, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.ops.per.core.s", MICROS_PER_SECOND / microsPerOp, "ops/s", AggregationPolicy.AVG));
    }
}
