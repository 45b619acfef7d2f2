package dev.kiln.bench;

import dev.kiln.Kiln;
import dev.kiln.PolymorphicFunction;
import dev.kiln.Tensor;
import dev.kiln.Tf;
import dev.kiln.ir.DType;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
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
 * W3 and W4: one training step (forward, GradientTape backward, Adam written with Tf ops) of the MLP
 * 784-256-128-10 at batch 128 and of the seed CNN at batch 32, eagerly and as a traced
 * {@code Kiln.function}, in milliseconds per step. {@code kernels=reference} runs the same steps on
 * the reference kernels (each parameter value runs in its own JVM, where it is set before any kernel
 * is used) for the speed-up of the fast kernels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    @Param({"fast", "reference"})
    public String kernels;

    private Mlp mlp;
    private SeedCnn cnn;
    private PolymorphicFunction mlpStep;
    private PolymorphicFunction cnnStep;
    private Tensor mlpImages;
    private Tensor mlpLabels;
    private Tensor cnnImages;
    private Tensor cnnLabels;

    @Setup
    public void setup() {
        System.setProperty(KernelRegistry.KERNELS_PROPERTY, kernels);
        mlp = new Mlp(1);
        cnn = new SeedCnn(2);
        mlpStep = Kiln.function(mlp::trainStep);
        cnnStep = Kiln.function(cnn::trainStep);
        mlpImages = Tf.randomUniform(Shape.of(128, 784), 0, 1, 3);
        mlpLabels = labels(128, 4);
        cnnImages = Tf.randomUniform(Shape.of(32, 28, 28, 1), 0, 1, 5);
        cnnLabels = labels(32, 6);
        // Trace (and compile) here: the iterations measure the step.
        mlpStep.call(mlpImages, mlpLabels);
        cnnStep.call(cnnImages, cnnLabels);
    }

    private static Tensor labels(int batch, long seed) {
        return Tf.cast(Tf.floor(Tf.randomUniform(Shape.of(batch), 0, 10, seed)), DType.INT32);
    }

    /** W3, eager. */
    @Benchmark
    public Tensor mlpEager() {
        return mlp.trainStep(mlpImages, mlpLabels);
    }

    /** W3, the compiled step (traced in setup). */
    @Benchmark
    public Tensor mlpTraced() {
        return mlpStep.call(mlpImages, mlpLabels);
    }

    /** W4, eager. */
    @Benchmark
    public Tensor cnnEager() {
        return cnn.trainStep(cnnImages, cnnLabels);
    }

    /** W4, the compiled step (traced in setup). */
    @Benchmark
    public Tensor cnnTraced() {
        return cnnStep.call(cnnImages, cnnLabels);
    }
}
