package dev.kiln.bench;

import dev.kiln.FunctionBody;
import dev.kiln.PolymorphicFunction;
import dev.kiln.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4: one training step of the seed CNN (Conv 16, Conv 32, global average pooling, Dense 10) at batch
 * 32, eagerly, traced on the interpreter and traced and compiled. Each mode trains its own copy of the
 * model, so the weights of one never depend on how often another ran.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CnnStepBenchmark {
    /** The batch size; the workload's is the default. */
    @Param("32")
    int batch;

    CnnModel eagerModel;
    private Tensor images;
    private Tensor labels;
    private PolymorphicFunction traced;
    private PolymorphicFunction compiled;

    @Setup
    public void setup() {
        eagerModel = new CnnModel(batch);
        images = eagerModel.images();
        labels = eagerModel.labels();
        traced = ExecutionMode.TRACED.function(step(new CnnModel(batch)));
        compiled = ExecutionMode.COMPILED.function(step(new CnnModel(batch)));
        // Trace (and compile) here: the iterations measure the step.
        traced.call(images, labels);
        compiled.call(images, labels);
    }

    private static FunctionBody.Of2<Tensor, Tensor, Tensor> step(CnnModel model) {
        return model::trainStep;
    }

    @Benchmark
    public Tensor eager() {
        return eagerModel.trainStep(images, labels);
    }

    @Benchmark
    public Tensor traced() {
        return traced.call(images, labels);
    }

    @Benchmark
    public Tensor compiled() {
        return compiled.call(images, labels);
    }
}
