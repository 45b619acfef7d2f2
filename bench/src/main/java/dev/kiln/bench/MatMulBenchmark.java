package dev.kiln.bench;

import dev.kiln.FunctionBody;
import dev.kiln.PolymorphicFunction;
import dev.kiln.Tensor;
import dev.kiln.Tf;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.KernelRegistry;
import dev.kiln.runtime.PureKernel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W2: a 1024 x 1024 x 1024 float32 matmul, in multiply-adds per nanosecond (x 2 = GFLOP/s): eagerly through
 * {@code Tf.matmul} (the fast kernel on all cores), in a traced function on the interpreter and compiled, the
 * fast kernel called directly, and the reference kernel (plain loops, one thread) for the ratio. Compare with
 * {@link FmaPeakBenchmark} of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatMulBenchmark {
    private static final int N = 1024;
    /** Multiply-adds per matmul (2^30; its flop count, 2^31, overflows JMH's int operation count). */
    static final int FMAS = N * N * N;

    private Literal a;
    private Literal b;
    private Tensor ta;
    private Tensor tb;
    private PolymorphicFunction traced;
    private PolymorphicFunction compiled;
    private PureKernel fast;
    private PureKernel reference;
    private Attributes attrs;

    @Setup
    public void setup() {
        ta = Tf.randomUniform(Shape.of(N, N), -1, 1, 1);
        tb = Tf.randomUniform(Shape.of(N, N), -1, 1, 2);
        a = ta.literal();
        b = tb.literal();
        OpDef op = OpCatalog.get("matmul");
        attrs = op.normalize(Attributes.empty());
        fast = (PureKernel) KernelRegistry.standard().get(op);
        reference = (PureKernel) KernelRegistry.reference().get(op);
        FunctionBody.Of2<Tensor, Tensor, Tensor> body = MatMulBenchmark::product;
        traced = ExecutionMode.TRACED.function(body);
        compiled = ExecutionMode.COMPILED.function(body);
        // Trace (and compile) here: the iterations measure the call.
        traced.call(ta, tb);
        compiled.call(ta, tb);
    }

    static Tensor product(Tensor x, Tensor y) {
        return Tf.matmul(x, y);
    }

    Tensor a() {
        return ta;
    }

    Tensor b() {
        return tb;
    }

    @Benchmark
    @OperationsPerInvocation(FMAS)
    public Tensor eagerTfMatmul() {
        return Tf.matmul(ta, tb);
    }

    @Benchmark
    @OperationsPerInvocation(FMAS)
    public Tensor traced() {
        return traced.call(ta, tb);
    }

    @Benchmark
    @OperationsPerInvocation(FMAS)
    public Tensor compiled() {
        return compiled.call(ta, tb);
    }

    @Benchmark
    @OperationsPerInvocation(FMAS)
    public Literal fastKernel() {
        return fast.run(new Literal[] {a, b}, attrs)[0];
    }

    @Benchmark
    @OperationsPerInvocation(FMAS)
    public Literal referenceKernel() {
        return reference.run(new Literal[] {a, b}, attrs)[0];
    }
}
