package dev.kiln.codegen.emit;

import dev.kiln.codegen.plan.Block;
import dev.kiln.codegen.plan.Instr;
import dev.kiln.codegen.plan.ReadBorrows;
import dev.kiln.ir.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The variable reads one generated method borrows ({@link ReadBorrows}) and the int local of each that
 * holds 1 while it is out, so that the method's failure handler gives back what a failed call borrowed.
 */
final class Borrowing {
    /**
     * A borrowed read: instruction {@code index} reads the variable parameter {@code param}
     * ({@code slot}); it is given back after instruction {@code release}.
     */
    record Read(int index, int release, Value slot, int param, int flag) {}

    private final List<Read> reads;

    private Borrowing(List<Read> reads) {
        this.reads = reads;
    }

    /** The borrowed reads of instructions {@code [from, to)} of {@code body}, each with a new local from {@code locals}. */
    static Borrowing of(Block body, int from, int to, IntSupplier locals) {
        List<Read> reads = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : ReadBorrows.plan(body, from, to).entrySet()) {
            Value slot = ((Instr.ReadVariable) body.instrs().get(e.getKey())).slot();
            int param = -1;
            for (int p = 0; p < body.params().size() && param < 0; p++) {
                if (body.params().get(p) == slot) {
                    param = p;
                }
            }
            reads.add(new Read(e.getKey(), e.getValue(), slot, param, locals.getAsInt()));
        }
        return new Borrowing(reads);
    }

    List<Read> reads() {
        return reads;
    }

    /** The flag local of the read at instruction {@code index}, or null when that instruction borrows nothing. */
    Integer flag(int index) {
        for (Read r : reads) {
            if (r.index() == index) {
                return r.flag();
            }
        }
        return null;
    }

    /** The reads given back after instruction {@code index}. */
    List<Read> releasedAfter(int index) {
        List<Read> out = new ArrayList<>();
        for (Read r : reads) {
            if (r.release() == index) {
                out.add(r);
            }
        }
        return out;
    }
}
