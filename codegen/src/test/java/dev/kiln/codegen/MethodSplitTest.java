package dev.kiln.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.InvalidArgumentException;
import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.codegen.emit.GeneratedClass;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.VariableSlot;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Graphs whose code is too big for one method the JIT compiles (8000 bytes of bytecode): cut into
 * several methods, with the interpreter's results. {@link Differential#check} also runs every graph it
 * checks cut into one method per instruction.
 */
class MethodSplitTest {
    private static final Tolerance F32 = new Tolerance(1e-5, 1e-6);

    /** {@code links} times {@code x = x * y + 0.5} as plain nodes. */
    private static Graph chain(int links) {
        StringBuilder body = new StringBuilder("  %half = constant {value=dense<f32[]: 0.5>} : f32[]\n");
        String r = "%x";
        for (int i = 0; i < links; i++) {
            body.append("  %m").append(i).append(" = mul ").append(r).append(", %y : f32[4]\n");
            body.append("  %a").append(i).append(" = add %m").append(i).append(", %half : f32[4]\n");
            r = "%a" + i;
        }
        return IrParser.parseFunction("func @chain(%x: f32[4], %y: f32[4]) -> (f32[4]) {\n" + body + "  return " + r
                + "\n}\n");
    }

    /** Code length of each method of a generated class, by name. */
    private static Map<String, Integer> methodSizes(GeneratedClass c) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (MethodModel m : ClassFile.of().parse(c.bytes()).methods()) {
            m.code().ifPresent(code -> sizes.put(m.methodName().stringValue(), ((CodeAttribute) code).codeLength()));
        }
        return sizes;
    }

    private static Literal f32(float... v) {
        return Literal.of(v, Shape.of(v.length));
    }

    @Test
    void aGraphOverTheJitLimitRunsAsSeveralMethodsUnderIt() {
        Graph small = chain(5);
        assertEquals(List.of("<init>", "call"), List.copyOf(methodSizes(new GraphCompiler().compile(small).classes().get(0))
                .keySet()));

        Graph big = chain(100);
        CompiledGraph c = new GraphCompiler().compile(big);
        Map<String, Integer> sizes = methodSizes(c.classes().get(0));
        assertTrue(sizes.keySet().stream().filter(n -> n.startsWith("part")).count() >= 2, sizes.toString());
        sizes.forEach((name, size) -> assertTrue(size <= 8000, name + " has " + size + " bytes: " + sizes));
        Differential.check(big, List.of(f32(1, 2, -1, 0.5f), f32(1.0001f, 0.5f, -0.25f, 1)), F32);
    }

    @Test
    void valuesCrossingMethodsKeepTheirValues() {
        // Parameters read late and returned, an alias and a constant crossing methods, values read by
        // several later methods, a branch, a loop, a variable, and a kernel over an unknown dimension.
        String text = """
                func @f(%p: bool[], %x: f32[3], %z: f32[?], %n: i32[], %v: var<f32[3]>) -> (f32[3], f32[3], f32[?], f32[3], i32[], f32[3]) {
                  %c = constant {value=dense<f32[3]: [0.5, -1.0, 2.0]>} : f32[3]
                  %a = mul %x, %x : f32[3]
                  %same = identity %a : f32[3]
                  %b = add %a, %c : f32[3]
                  %r = cond %p, %b : f32[3]
                    then(%t: f32[3]) {
                      %0 = neg %t : f32[3]
                      yield %0
                    }
                    else(%t: f32[3]) {
                      %0 = mul %t, %t : f32[3]
                      yield %0
                    }
                  %zero = constant {value=dense<i32[]: 0>} : i32[]
                  %i, %m = while %zero, %n : i32[], i32[]
                    cond(%k: i32[], %l: i32[]) {
                      %0 = less %k, %l : bool[]
                      yield %0
                    }
                    body(%k: i32[], %l: i32[]) {
                      %one = constant {value=dense<i32[]: 1>} : i32[]
                      %0 = add %k, %one : i32[]
                      yield %0, %l
                    }
                  assign_add %v, %b
                  %read = read_variable %v : f32[3]
                  %s = sub %r, %a : f32[3]
                  %u = tanh %z : f32[?]
                  %w = add %s, %c : f32[3]
                  return %w, %same, %u, %x, %i, %read
                }
                """;
        // Differential runs the graph several times on one variable: there, the variable's value is not a result.
        Graph stateless = IrParser.parseFunction(text.replace(", f32[3]) {", ") {").replace(", %read\n", "\n"));
        for (boolean p : new boolean[] {true, false}) {
            List<Object> args = List.of(Literal.scalar(p), f32(1, 2, 3), f32(0.5f, -2), Literal.scalar(4),
                    new VariableSlot(f32(1, 1, 1)));
            Differential.check(stateless, args, F32);
        }
        Graph g = IrParser.parseFunction(text);
        CompiledGraph c = GraphCompiler.withVectorWidth(128).compile(g, 1);
        long parts = methodSizes(c.classes().get(0)).keySet().stream().filter(n -> n.startsWith("part")).count();
        assertEquals(g.body().nodes().size(), parts);
        VariableSlot v = new VariableSlot(f32(1, 1, 1));
        List<Object> out = c.call(List.of(Literal.scalar(false), f32(1, 2, 3), f32(0.5f, -2), Literal.scalar(4), v));
        assertEquals(f32(1, 2, 3), out.get(3));
        assertEquals(Literal.scalar(4), out.get(4));
        Differential.assertClose(f32(2.5f, 4, 12), v.read(), F32, "the variable");
    }

    @Test
    void failuresInALaterMethodNameTheirNode() {
        Graph g = IrParser.parseFunction("""
                func @f(%a: f32[2,3], %b: f32[2,3]) -> (f32[2,3]) {
                  %0 = mul %a, %b : f32[2,3]
                  %1 = neg %0 : f32[2,3]
                  %2 = matmul %1, %b : f32[2,3]
                  return %2
                }
                """);
        List<Object> args = List.of(Literal.of(new float[6], Shape.of(2, 3)), Literal.of(new float[6], Shape.of(2, 3)));
        InvalidArgumentException interpreted = assertThrows(InvalidArgumentException.class,
                () -> new Interpreter().run(g, args));
        InvalidArgumentException compiled = assertThrows(InvalidArgumentException.class,
                () -> new GraphCompiler().compile(g, 1).call(args));
        assertEquals(interpreted.getMessage(), compiled.getMessage());
        assertTrue(compiled.getMessage().contains("in node %2 = matmul %1, %b : f32[2,3] of @f"), compiled.getMessage());
    }

    @Test
    void aTrainingStepInManyMethodsMatchesTheInterpreterOverSeveralSteps() {
        Graph g = MlpStepRun.graph();
        MlpStepRun.matchesTheInterpreter(g, new GraphCompiler().compile(g, 1), 11, 3);
    }
}
