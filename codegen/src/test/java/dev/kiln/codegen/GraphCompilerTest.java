package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.InvalidArgumentException;
import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.VariableSlot;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole graphs: control flow, variables, fallbacks, kernel sharing, unknown shapes, fused reductions. */
class GraphCompilerTest {
    private static final Tolerance F32 = new Tolerance(1e-5, 1e-6);

    private static Literal f32(float... v) {
        return Literal.of(v, Shape.of(v.length));
    }

    @Test
    void condBranchesAtRunTime() {
        Graph g = IrParser.parseFunction("""
                func @f(%p: bool[], %x: f32[3]) -> (f32[3]) {
                  %r = cond %p, %x : f32[3]
                    then(%a: f32[3]) {
                      %0 = neg %a : f32[3]
                      yield %0
                    }
                    else(%a: f32[3]) {
                      %0 = mul %a, %a : f32[3]
                      yield %0
                    }
                  return %r
                }
                """);
        Differential.check(g, List.of(Literal.scalar(true), f32(1, 2, 3)), Tolerance.EXACT);
        Differential.check(g, List.of(Literal.scalar(false), f32(1, 2, 3)), Tolerance.EXACT);
        CompiledGraph c = new GraphCompiler().compile(g);
        assertArrayEquals(new float[] {1, 4, 9}, ((Literal) c.call(List.of(Literal.scalar(false), f32(1, 2, 3))).get(0)).floats());
    }

    @Test
    void aLoopFillsABufferByScatterUpdates() {
        // What a traced TensorArray accumulation becomes: a zero buffer of run-time size, one row written per iteration.
        Graph g = IrParser.parseFunction("""
                func @cumsum(%x: f32[?]) -> (f32[?]) {
                  %zero = constant {value=dense<f32[]: 0.0>} : f32[]
                  %first = constant {value=dense<i32[]: 0>} : i32[]
                  %shape = shape %x : i32[1]
                  %n = strided_slice %shape {begin=[0], end=[1], strides=[1], shrink_axis_mask=1} : i32[]
                  %buffer = fill_dims %shape, %zero {shape=[?]} : f32[?]
                  %s, %ta, %i, %m, %xs = while %zero, %buffer, %first, %n, %x : f32[], f32[?], i32[], i32[], f32[?]
                    cond(%s: f32[], %ta: f32[?], %i: i32[], %m: i32[], %xs: f32[?]) {
                      %0 = less %i, %m : bool[]
                      yield %0
                    }
                    body(%s: f32[], %ta: f32[?], %i: i32[], %m: i32[], %xs: f32[?]) {
                      %0 = gather %xs, %i : f32[]
                      %1 = add %s, %0 : f32[]
                      %2 = reshape %i {shape=[1, 1]} : i32[1,1]
                      %3 = expand_dims %1 {axis=0} : f32[1]
                      %4 = tensor_scatter_update %ta, %2, %3 : f32[?]
                      %one = constant {value=dense<i32[]: 1>} : i32[]
                      %5 = add %i, %one : i32[]
                      yield %1, %4, %5, %m, %xs
                    }
                  return %ta
                }
                """);
        Random rnd = new Random(147);
        for (int n : new int[] {0, 1, 5, 33}) {
            Differential.check(g, List.of(Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, n), rnd)),
                    Tolerance.EXACT);
        }
        CompiledGraph c = new GraphCompiler().compile(g);
        assertArrayEquals(new float[] {1, 3, 6}, ((Literal) c.call(List.of(f32(1, 2, 3))).get(0)).floats());
        assertEquals(0, c.fallbackCount());
    }

    @Test
    void whileLoopsWithVariablesUpdatedInPlace() {
        Graph g = IrParser.parseFunction("""
                func @count(%n: i32[], %v: var<f32[2]>) -> (i32[], f32[2]) {
                  %zero = constant {value=dense<i32[]: 0>} : i32[]
                  %r = while %zero, %n : i32[], i32[]
                    cond(%i: i32[], %m: i32[]) {
                      %0 = less %i, %m : bool[]
                      yield %0
                    }
                    body(%i: i32[], %m: i32[]) {
                      %one = constant {value=dense<i32[]: 1>} : i32[]
                      %0 = add %i, %one : i32[]
                      yield %0, %m
                    }
                  %delta = constant {value=dense<f32[2]: [0.5, 1.0]>} : f32[2]
                  assign_add %v, %delta
                  %read = read_variable %v : f32[2]
                  return %r#0, %read
                }
                """.replace("%r = while", "%r, %r2 = while").replace("%r#0", "%r"));
        VariableSlot slot = new VariableSlot(f32(1, 1));
        CompiledGraph c = new GraphCompiler().compile(g);
        Differential.verify(c);
        List<Object> out = c.call(List.of(Literal.scalar(7), slot));
        assertEquals(Literal.scalar(7), out.get(0));
        assertArrayEquals(new float[] {1.5f, 2f}, ((Literal) out.get(1)).floats());
        c.call(List.of(Literal.scalar(0), slot));
        assertArrayEquals(new float[] {2f, 3f}, slot.read().floats());
        assertEquals(0, c.fallbackCount());
    }

    @Test
    void nodesWithoutACompiledFormFallBackToTheInterpreter() {
        // A fused region with a uint8 op has no loop form: it runs on the interpreter, counted.
        Graph g = IrParser.parseFunction("""
                func @f(%x: u8[4]) -> (u8[4]) {
                  %r = fused %x : u8[4]
                    body(%a: u8[4]) {
                      %0 = add %a, %a : u8[4]
                      yield %0
                    }
                  return %r
                }
                """);
        long before = GraphCompiler.fallbackNodes();
        List<CompiledGraph> cs = Differential.check(g, List.of(Literal.ofUint8(new byte[] {1, 2, (byte) 200, 4}, Shape.of(4))),
                Tolerance.EXACT);
        assertEquals(1, cs.get(0).fallbackCount());
        assertTrue(cs.get(0).fallbacks().get(0).startsWith("fused: "), cs.get(0).fallbacks().toString());
        assertTrue(GraphCompiler.fallbackNodes() >= before + cs.size());
    }

    @Test
    void equalRegionsInDifferentGraphsShareOneKernelClass() {
        String text = """
                func @NAME(%x: f32[10], %y: f32[10]) -> (f32[10]) {
                  %r = fused %x, %y : f32[10]
                    body(%a: f32[10], %b: f32[10]) {
                      %0 = mul %a, %b : f32[10]
                      %1 = tanh %0 : f32[10]
                      yield %1
                    }
                  return %r
                }
                """;
        CompiledGraph a = GraphCompiler.withVectorWidth(256).compile(IrParser.parseFunction(text.replace("NAME", "a")));
        CompiledGraph b = GraphCompiler.withVectorWidth(256).compile(IrParser.parseFunction(text.replace("NAME", "b")));
        assertSame(a.classes().get(1), b.classes().get(1));
        CompiledGraph scalar = GraphCompiler.withVectorWidth(0).compile(IrParser.parseFunction(text.replace("NAME", "c")));
        assertTrue(scalar.classes().get(1) != a.classes().get(1));
    }

    @Test
    void unknownDimensionsComputeTheLayoutPerCall() {
        Graph g = IrParser.parseFunction("""
                func @bias(%x: f32[?,5], %b: f32[5], %c: f32[?,1]) -> (f32[?,5]) {
                  %r = fused %x, %b, %c : f32[?,5]
                    body(%x: f32[?,5], %b: f32[5], %c: f32[?,1]) {
                      %0 = add %x, %b : f32[?,5]
                      %1 = mul %0, %c : f32[?,5]
                      %2 = relu %1 : f32[?,5]
                      yield %2
                    }
                  return %r
                }
                """);
        Random rnd = new Random(3);
        for (int rows : new int[] {1, 3, 17}) {
            Differential.check(g, List.of(Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, rows, 5), rnd),
                    Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, 5), rnd),
                    Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, rows, 1), rnd)), Tolerance.EXACT);
        }
    }

    @Test
    void shapesThatDoNotBroadcastFailAsInTheInterpreter() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[?], %y: f32[?]) -> (f32[?]) {
                  %r = add %x, %y : f32[?]
                  return %r
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        assertThrows(InvalidArgumentException.class, () -> c.call(List.of(f32(1, 2, 3), f32(1, 2))));
        assertArrayEquals(new float[] {2, 3, 4}, ((Literal) c.call(List.of(f32(1, 2, 3), f32(1))).get(0)).floats());
    }

    @Test
    void softmaxAndMeanSquaredErrorReduceInTheElementwiseLoop() {
        Graph g = IrParser.parseFunction("""
                func @losses(%x: f32[8,37], %y: f32[8,37]) -> (f32[8,1], f32[8], f32[]) {
                  %max = reduce_max %x {axes=[1], keepdims=true} : f32[8,1]
                  %e = fused %x, %max : f32[8,37]
                    body(%a: f32[8,37], %m: f32[8,1]) {
                      %0 = sub %a, %m : f32[8,37]
                      %1 = exp %0 : f32[8,37]
                      yield %1
                    }
                  %sum = reduce_sum %e {axes=[-1], keepdims=true} : f32[8,1]
                  %d = squared_difference %x, %y : f32[8,37]
                  %mse = reduce_mean %d {axes=[1]} : f32[8]
                  %sq = fused %x, %y : f32[8,37]
                    body(%a: f32[8,37], %b: f32[8,37]) {
                      %0 = log %b : f32[8,37]
                      %1 = mul %a, %0 : f32[8,37]
                      yield %1
                    }
                  %ce = reduce_sum %sq : f32[]
                  return %sum, %mse, %ce
                }
                """);
        Random rnd = new Random(5);
        TensorType t = TensorType.of(dev.kiln.ir.DType.FLOAT32, 8, 37);
        List<CompiledGraph> cs = Differential.check(g, List.of(Differential.random(t, rnd), Differential.random(t, rnd, 0.1, 1)),
                new Tolerance(1e-5, 1e-5), new Tolerance(0, 0));
        // reduce_max (of a parameter) stays a runtime call; the three others join their producers.
        assertEquals(3, cs.get(2).kernelCount());
    }

    @Test
    void rowsLongerThanAChunkRunInSeveralBlocks() {
        Graph g = IrParser.parseFunction("""
                func @long(%x: f32[2,20003], %y: f32[20003]) -> (f32[2,20003], f32[2]) {
                  %e = fused %x, %y : f32[2,20003]
                    body(%a: f32[2,20003], %b: f32[20003]) {
                      %0 = mul %a, %b : f32[2,20003]
                      %1 = tanh %0 : f32[2,20003]
                      yield %1
                    }
                  %s = fused %x, %y : f32[2,20003]
                    body(%a: f32[2,20003], %b: f32[20003]) {
                      %0 = sub %a, %b : f32[2,20003]
                      yield %0
                    }
                  %m = reduce_sum %s {axes=[1]} : f32[2]
                  return %e, %m
                }
                """);
        Random rnd = new Random(9);
        Differential.check(g, List.of(Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, 2, 20003), rnd),
                Differential.random(TensorType.of(dev.kiln.ir.DType.FLOAT32, 20003), rnd)), new Tolerance(1e-5, 1e-4));
    }

    @Test
    void failuresNameTheNodeAsTheInterpreterDoes() {
        Graph g = IrParser.parseFunction("""
                func @f(%a: f32[2,3], %b: f32[2,3]) -> (f32[2,3]) {
                  %0 = matmul %a, %b : f32[2,3]
                  return %0
                }
                """);
        List<Object> args = List.of(Literal.of(new float[6], Shape.of(2, 3)), Literal.of(new float[6], Shape.of(2, 3)));
        InvalidArgumentException interpreted = assertThrows(InvalidArgumentException.class,
                () -> new dev.kiln.runtime.Interpreter().run(g, args));
        InvalidArgumentException compiled = assertThrows(InvalidArgumentException.class,
                () -> new GraphCompiler().compile(g).call(args));
        assertEquals(interpreted.getMessage(), compiled.getMessage());
        assertTrue(compiled.getMessage().contains("in node %0 = matmul %a, %b : f32[2,3] of @f"), compiled.getMessage());
    }

    @Test
    void argumentsAreChecked() {
        Graph g = IrParser.parseFunction("""
                func @f(%x: f32[3]) -> (f32[3]) {
                  %r = neg %x : f32[3]
                  return %r
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        assertThrows(InvalidArgumentException.class, () -> c.call(List.of(f32(1, 2))));
        assertThrows(IllegalArgumentException.class, () -> c.call(List.of()));
    }

    @Test
    void randomOpsDrawNewNumbersPerCall() {
        Graph g = IrParser.parseFunction("""
                func @r() -> (f32[4]) {
                  %0 = random_uniform {shape=[4], dtype=f32, seed=7, seed2=1} : f32[4]
                  return %0
                }
                """);
        CompiledGraph c = new GraphCompiler().compile(g);
        Differential.verify(c);
        Object first = c.call(List.of()).get(0);
        Object second = c.call(List.of()).get(0);
        assertTrue(!first.equals(second));
        assertEquals(first, GraphCompiler.withVectorWidth(0).compile(g).call(List.of()).get(0));
    }
}
