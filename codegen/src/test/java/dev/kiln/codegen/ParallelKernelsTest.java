package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kernels large enough to be split across threads, at every vector width: the results are bit for bit
 * the same for 1, 2 and 3 threads (elementwise kernels split by chunks, reducing ones by rows) and
 * match the interpreter: exactly in scalar loops, within the float32 functions' few ulp (carried
 * through the expression) in vector loops.
 */
class ParallelKernelsTest {
    /** W1 with broadcast operands: a row (INNER), one value per row (SPLAT_ROW) and a scalar. */
    private static final String ELEMENTWISE = """
            func @w(%x: f32[3,24613], %a: f32[24613], %b: f32[3,1], %c: f32[]) -> (f32[3,24613]) {
              %y = fused %x, %a, %b, %c : f32[3,24613]
                body(%x: f32[3,24613], %a: f32[24613], %b: f32[3,1], %c: f32[]) {
                  %0 = mul %x, %a : f32[3,24613]
                  %1 = add %0, %b : f32[3,24613]
                  %2 = tanh %1 : f32[3,24613]
                  %3 = sigmoid %x : f32[3,24613]
                  %4 = mul %2, %3 : f32[3,24613]
                  %5 = mul %x, %c : f32[3,24613]
                  %6 = exp %5 : f32[3,24613]
                  %7 = add %4, %6 : f32[3,24613]
                  yield %7
                }
              return %y
            }
            """;

    @Test
    void elementwiseKernelsGiveTheSameBitsOnEveryThreadCount() {
        Graph g = IrParser.parseFunction(ELEMENTWISE);
        Random rnd = new Random(21);
        List<Object> args = List.of(withEdges(Differential.random(TensorType.of(DType.FLOAT32, 3, 24613), rnd)),
                Differential.random(TensorType.of(DType.FLOAT32, 24613), rnd),
                Differential.random(TensorType.of(DType.FLOAT32, 3, 1), rnd),
                Literal.scalar(0.5f));
        checkAcrossThreads(g, args, new Tolerance(1e-5, 1e-5));
    }

    @Test
    void manyShortRowsGiveTheSameBitsOnEveryThreadCount() {
        Graph g = IrParser.parseFunction("""
                func @rows(%x: f32[6000,21], %b: f32[6000,1]) -> (f32[6000,21]) {
                  %y = fused %x, %b : f32[6000,21]
                    body(%x: f32[6000,21], %b: f32[6000,1]) {
                      %0 = sub %x, %b : f32[6000,21]
                      %1 = sigmoid %0 : f32[6000,21]
                      %2 = mul %1, %x : f32[6000,21]
                      yield %2
                    }
                  return %y
                }
                """);
        Random rnd = new Random(22);
        List<Object> args = List.of(Differential.random(TensorType.of(DType.FLOAT32, 6000, 21), rnd),
                Differential.random(TensorType.of(DType.FLOAT32, 6000, 1), rnd));
        checkAcrossThreads(g, args, new Tolerance(1e-5, 1e-5));
    }

    @Test
    void reductionsGiveTheSameBitsOnEveryThreadCount() {
        Graph g = IrParser.parseFunction("""
                func @red(%x: f32[40,17000], %y: f32[17000]) -> (f32[40], f32[40,1], f32[40]) {
                  %e = fused %x, %y : f32[40,17000]
                    body(%a: f32[40,17000], %b: f32[17000]) {
                      %0 = mul %a, %b : f32[40,17000]
                      %1 = tanh %0 : f32[40,17000]
                      yield %1
                    }
                  %s = reduce_sum %e {axes=[1]} : f32[40]
                  %d = fused %x, %y : f32[40,17000]
                    body(%a: f32[40,17000], %b: f32[17000]) {
                      %0 = sub %a, %b : f32[40,17000]
                      %1 = exp %0 : f32[40,17000]
                      yield %1
                    }
                  %m = reduce_max %d {axes=[1], keepdims=true} : f32[40,1]
                  %q = squared_difference %x, %y : f32[40,17000]
                  %n = reduce_mean %q {axes=[1]} : f32[40]
                  return %s, %m, %n
                }
                """);
        Random rnd = new Random(23);
        List<Object> args = List.of(Differential.random(TensorType.of(DType.FLOAT32, 40, 17000), rnd),
                Differential.random(TensorType.of(DType.FLOAT32, 17000), rnd));
        List<CompiledGraph> compiled = checkAcrossThreads(g, args, new Tolerance(1e-4, 1e-4));
        for (CompiledGraph c : compiled) {
            assertEquals(3, c.kernelCount(), "each reduction joins its producer");
        }
    }

    /**
     * Compiles {@code g} at every width, runs it with 1, 2 and 3 threads, checks the runs agree bit for
     * bit and match the interpreter; returns the compiled graphs.
     */
    private static List<CompiledGraph> checkAcrossThreads(Graph g, List<Object> args, Tolerance vector) {
        int before = Parallelism.threads();
        List<CompiledGraph> out = new ArrayList<>();
        try {
            List<Object> expected = new Interpreter().run(g, args);
            for (int width : Differential.WIDTHS) {
                CompiledGraph c = GraphCompiler.withVectorWidth(width).compile(g);
                Differential.verify(c);
                out.add(c);
                List<List<Object>> runs = new ArrayList<>();
                for (int threads = 1; threads <= 3; threads++) {
                    Parallelism.setThreads(threads);
                    runs.add(c.call(args));
                }
                for (int r = 0; r < expected.size(); r++) {
                    Literal one = (Literal) runs.get(0).get(r);
                    for (int t = 1; t < runs.size(); t++) {
                        assertArrayEquals(one.floats(), ((Literal) runs.get(t).get(r)).floats(),
                                "result " + r + " at width " + width + ": 1 vs " + (t + 1) + " threads");
                    }
                    Differential.assertClose((Literal) expected.get(r), one, width == 0 ? Tolerance.EXACT : vector,
                            "@" + g.name() + " result " + r + " at width " + width);
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
        return out;
    }

    /** The values with special ones spread over them: infinities, NaN, signed zeros, huge and tiny magnitudes. */
    private static Literal withEdges(Literal l) {
        float[] v = l.floats().clone();
        float[] edges = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -0f, 0f, 200f, -200f, 1e-30f,
            -Float.MIN_VALUE, 9f, -9f, 20f, -90f};
        for (int i = 0; i < v.length; i += 97) {
            v[i] = edges[(i / 97) % edges.length];
        }
        return Literal.of(v, l.shape());
    }
}
