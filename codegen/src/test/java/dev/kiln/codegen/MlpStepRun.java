package dev.kiln.codegen;

import dev.kiln.codegen.Differential.Tolerance;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.VariableType;
import dev.kiln.ir.text.IrParser;
import dev.kiln.runtime.Interpreter;
import dev.kiln.runtime.VariableSlot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The MLP training step of {@code mlp_step.kir} (784-256-128-10, batch 128, SGD on six variables),
 * compiled and interpreted side by side over several steps.
 */
final class MlpStepRun {
    private static final Tolerance TOLERANCE = new Tolerance(1e-3, 1e-4);

    private MlpStepRun() {}

    static Graph graph() {
        try (InputStream in = MlpStepRun.class.getResourceAsStream("mlp_step.kir")) {
            return IrParser.parseFunction(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Trains two copies of random initial variables {@code steps} steps on the same random batches, one
     * with {@code compiled}, one with the interpreter, and checks that every loss and the final variables
     * agree.
     */
    static void matchesTheInterpreter(Graph g, CompiledGraph compiled, long seed, int steps) {
        Random rnd = new Random(seed);
        List<Type> params = g.paramTypes();
        List<VariableSlot> compiledVars = new ArrayList<>();
        List<VariableSlot> interpretedVars = new ArrayList<>();
        for (Type t : params.subList(2, params.size())) {
            Literal init = Differential.random(((VariableType) t).value(), rnd, -0.1, 0.1);
            compiledVars.add(new VariableSlot(init));
            interpretedVars.add(new VariableSlot(init));
        }
        for (int step = 0; step < steps; step++) {
            Literal x = Differential.random(new TensorType(DType.FLOAT32, Shape.of(128, 784)), rnd);
            long[] labels = new long[128];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = rnd.nextInt(10);
            }
            Literal y = Literal.of(labels, Shape.of(128));
            List<Object> compiledArgs = new ArrayList<>(List.of(x, y));
            compiledArgs.addAll(compiledVars);
            List<Object> interpretedArgs = new ArrayList<>(List.of(x, y));
            interpretedArgs.addAll(interpretedVars);
            Literal loss = (Literal) compiled.call(compiledArgs).get(0);
            Literal expected = (Literal) new Interpreter().run(g, interpretedArgs).get(0);
            Differential.assertClose(expected, loss, TOLERANCE, "loss of step " + step);
        }
        for (int i = 0; i < compiledVars.size(); i++) {
            Differential.assertClose(interpretedVars.get(i).read(), compiledVars.get(i).read(), TOLERANCE, "variable " + i);
        }
    }
}
