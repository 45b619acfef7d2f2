package dev.kiln.codegen.plan;

import dev.kiln.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The values an instruction reads and the values it defines. Regions are isolated, so a {@code cond}
 * or {@code while} reads only its own operands: its nested blocks see nothing else of the enclosing one.
 */
public final class InstrValues {
    private InstrValues() {}

    /** The values {@code in} reads, in operand order (a value may repeat). */
    public static List<Value> reads(Instr in) {
        return switch (in) {
            case Instr.Constant c -> List.of();
            case Instr.Alias a -> List.of(a.source());
            case Instr.Kernel k -> k.inputs();
            case Instr.CallPure p -> p.operands();
            case Instr.CallInto c -> c.operands();
            case Instr.ReadVariable r -> List.of(r.slot());
            case Instr.CallVariable v -> v.operands();
            case Instr.CallRandom r -> r.operands();
            case Instr.Print p -> p.operands();
            case Instr.Cond c -> {
                List<Value> out = new ArrayList<>(c.inputs().size() + 1);
                out.add(c.pred());
                out.addAll(c.inputs());
                yield out;
            }
            case Instr.While w -> w.inputs();
            case Instr.Interpret i -> i.operands();
        };
    }

    /** The values {@code in} defines. */
    public static List<Value> defines(Instr in) {
        return switch (in) {
            case Instr.Constant c -> List.of(c.result());
            case Instr.Alias a -> List.of(a.result());
            case Instr.Kernel k -> k.results();
            case Instr.CallPure p -> p.results();
            case Instr.CallInto c -> List.of(c.result());
            case Instr.ReadVariable r -> List.of(r.result());
            case Instr.CallVariable v -> v.results();
            case Instr.CallRandom r -> r.results();
            case Instr.Print p -> List.of();
            case Instr.Cond c -> c.results();
            case Instr.While w -> w.results();
            case Instr.Interpret i -> i.results();
        };
    }
}
