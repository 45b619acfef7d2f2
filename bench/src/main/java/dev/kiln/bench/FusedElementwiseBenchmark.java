package dev.kiln.bench;

import dev.kiln.FunctionBody;
import dev.kiln.PolymorphicFunction;
import dev.kiln.Tensor;
import dev.kiln.Tf;
import dev.kiln.codegen.CompiledGraph;
import dev.kiln.codegen.GraphCompiler;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.text.IrParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1: {@code y = tanh(x·a+b)·sigmoid(x)+x²} over 1,048,576 float32 ({@link ElementwiseWorkload}), every
 * variant producing a new array as Kiln does:
 *
 * <ul>
 *   <li>{@code eager}, {@code traced}, {@code tracedCompiled}: Kiln's three modes through the frontend: op
 *       by op, a traced function on the interpreter, a traced function optimized (fusion) and compiled;</li>
 *   <li>{@code compiled}: the fused region compiled by {@link GraphCompiler} (vector width from
 *       {@code kiln.vector.width}, else the preferred one), called through {@link CompiledGraph#call}: the
 *       generated code without the function call path;</li>
 *   <li>{@code handVector}: the same loop written by hand with the Vector API (preferred species);</li>
 *   <li>{@code plainJava}: a scalar Java loop with {@code Math.tanh} and {@code Math.exp}.</li>
 * </ul>
 *
 * <p>{@link MemoryBandwidthBenchmark} gives the memory-copy bound of the same size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FusedElementwiseBenchmark {
    static final int N = ElementwiseWorkload.SIZE;
    static final String W1 = """
            func @w1(%x: f32[1048576], %a: f32[], %b: f32[]) -> (f32[1048576]) {
              %y = fused %x, %a, %b : f32[1048576]
                body(%x: f32[1048576], %a: f32[], %b: f32[]) {
                  %0 = mul %x, %a : f32[1048576]
                  %1 = add %0, %b : f32[1048576]
                  %2 = tanh %1 : f32[1048576]
                  %3 = sigmoid %x : f32[1048576]
                  %4 = mul %2, %3 : f32[1048576]
                  %5 = square %x : f32[1048576]
                  %6 = add %4, %5 : f32[1048576]
                  yield %6
                }
              return %y
            }
            """;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    float[] x;
    private float a;
    private float b;
    private CompiledGraph compiled;
    private List<Object> args;
    private Tensor xTensor;
    private Tensor aTensor;
    private Tensor bTensor;
    private PolymorphicFunction traced;
    private PolymorphicFunction tracedCompiled;

    @Setup
    public void setup() {
        x = ElementwiseWorkload.input(N);
        a = ElementwiseWorkload.A;
        b = ElementwiseWorkload.B;
        compiled = new GraphCompiler().compile(IrParser.parseFunction(W1));
        args = List.of(Literal.of(x, Shape.of(N)), Literal.scalar(a), Literal.scalar(b));
        xTensor = Tf.constant(x);
        aTensor = Tf.constant(a);
        bTensor = Tf.constant(b);
        FunctionBody.Of3<Tensor, Tensor, Tensor, Tensor> body = ElementwiseWorkload::apply;
        traced = ExecutionMode.TRACED.function(body);
        tracedCompiled = ExecutionMode.COMPILED.function(body);
        // Trace (and compile) here: the iterations measure the call.
        traced.call(xTensor, aTensor, bTensor);
        tracedCompiled.call(xTensor, aTensor, bTensor);
    }

    @Benchmark
    public Tensor eager() {
        return ElementwiseWorkload.apply(xTensor, aTensor, bTensor);
    }

    @Benchmark
    public Tensor traced() {
        return traced.call(xTensor, aTensor, bTensor);
    }

    @Benchmark
    public Tensor tracedCompiled() {
        return tracedCompiled.call(xTensor, aTensor, bTensor);
    }

    @Benchmark
    public Object compiled() {
        return compiled.call(args).get(0);
    }

    @Benchmark
    public float[] handVector() {
        float[] y = new float[N];
        FloatVector va = FloatVector.broadcast(S, a);
        FloatVector vb = FloatVector.broadcast(S, b);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int i = 0;
        for (int upper = S.loopBound(N); i < upper; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, i);
            FloatVector t = v.mul(va).add(vb).lanewise(VectorOperators.TANH);
            FloatVector s = one.div(one.add(v.neg().lanewise(VectorOperators.EXP)));
            t.mul(s).add(v.mul(v)).intoArray(y, i);
        }
        for (; i < N; i++) {
            float v = x[i];
            y[i] = (float) Math.tanh(v * a + b) * (float) (1 / (1 + Math.exp(-v))) + v * v;
        }
        return y;
    }

    @Benchmark
    public float[] plainJava() {
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            float v = x[i];
            y[i] = (float) Math.tanh(v * a + b) * (float) (1 / (1 + Math.exp(-v))) + v * v;
        }
        return y;
    }
}
