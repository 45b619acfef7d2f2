package dev.kiln.ir.ops;

import dev.kiln.ir.DType;
import dev.kiln.ir.DTypes;
import dev.kiln.ir.Inference;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import java.util.List;

/** Reads and writes of variables; the first operand {@code resource} is a {@code var<...>} handle. */
public final class StateOps {
    private StateOps() {}

    public static final OpDef READ_VARIABLE = OpDef.builder("read_variable").tf("ReadVariableOp").operands("resource")
            .flags(OpFlag.SIDE_EFFECTING, OpFlag.DIFFERENTIABLE)
            .type(in -> List.of(in.variable(0).value()))
            .doc("The variable's current value (the gradient flows to the variable).")
            .build();

    public static final OpDef ASSIGN = OpDef.builder("assign").tf("AssignVariableOp").operands("resource", "value")
            .flags(OpFlag.SIDE_EFFECTING)
            .type(in -> {
                TensorType v = in.variable(0).value();
                requireValueDType(in, v.dtype(), "assign");
                Shape s = in.shape(1);
                if (!v.shape().isCompatibleWith(s)) {
                    throw in.error("Shape mismatch. The variable shape " + v.shape() + ", and the assigned value shape "
                            + s + " are incompatible.");
                }
                return List.of();
            })
            .doc("Stores value in the variable; dtype must be equal and shape compatible.")
            .build();

    public static final OpDef ASSIGN_ADD = update("assign_add", "AssignAddVariableOp", "Adds value to the variable in place.");
    public static final OpDef ASSIGN_SUB = update("assign_sub", "AssignSubVariableOp",
            "Subtracts value from the variable in place.");

    /** TensorFlow's kernel treats rank-1 indices {@code [n]} as n scalar indices into dimension 0. */
    public static final OpDef SCATTER_ND_UPDATE = OpDef.builder("scatter_nd_update").tf("ResourceScatterNdUpdate")
            .operands("resource", "indices", "updates")
            .flags(OpFlag.SIDE_EFFECTING)
            .type(StateOps::inferScatterNdUpdate)
            .doc("Writes updates[i...] to the variable at index indices[i...] (each index addresses a slice).")
            .build();

    public static final OpDef STRIDED_SLICE_ASSIGN = ArrayOps.stridedSliceAttrs(OpDef.builder("strided_slice_assign")
            .tf("ResourceStridedSliceAssign").operands("resource", "value"))
            .flags(OpFlag.SIDE_EFFECTING)
            .type(in -> {
                TensorType v = in.variable(0).value();
                requireValueDType(in, v.dtype(), "assign");
                Shape lvalue = StridedSliceShape.infer(in, v.shape());
                Shape rvalue = in.shape(1);
                if (!lvalue.isCompatibleWith(rvalue)) {
                    throw in.error("sliced l-value shape " + lvalue.toIrString() + " does not match r-value shape "
                            + rvalue.toIrString() + ". Automatic broadcasting not yet implemented.");
                }
                return List.of();
            })
            .doc("Stores value in the variable's strided slice (attributes as strided_slice).")
            .build();

    public static final List<OpDef> ALL = List.of(READ_VARIABLE, ASSIGN, ASSIGN_ADD, ASSIGN_SUB, SCATTER_ND_UPDATE,
            STRIDED_SLICE_ASSIGN);

    private static OpDef update(String name, String tf, String doc) {
        return OpDef.builder(name).tf(tf).operands("resource", "value")
                .flags(OpFlag.SIDE_EFFECTING)
                .type(in -> {
                    TensorType v = in.variable(0).value();
                    requireValueDType(in, v.dtype(), "update");
                    in.requireIn("dtype", v.dtype(), DTypes.NUMERIC);
                    Shape s = in.shape(1);
                    if (!v.shape().isCompatibleWith(s)) {
                        throw in.error("Cannot update variable with shape " + v.shape().toIrString()
                                + " using a Tensor with shape " + s.toIrString() + ", shapes must be equal.");
                    }
                    return List.of();
                })
                .doc(doc)
                .build();
    }

    /** The value operand (the last one) has the variable's dtype: no implicit casts of tensors. */
    private static void requireValueDType(Inference in, DType variable, String verb) {
        int last = in.arity() - 1;
        DType d = in.dtype(last);
        if (d != variable) {
            throw in.error("Trying to " + verb + " variable with wrong dtype. Expected " + variable.kernelName() + " got "
                    + d.kernelName());
        }
    }

    private static List<Type> inferScatterNdUpdate(Inference in) {
        TensorType v = in.variable(0).value();
        in.requireIn("Tindices", in.dtype(1), DTypes.INDEX);
        requireValueDType(in, v.dtype(), "update");
        Shape params = v.shape();
        Shape indices = in.shape(1);
        Shape updates = in.shape(2);
        if (!params.hasKnownRank() || !indices.hasKnownRank() || !updates.hasKnownRank()) {
            return List.of();
        }
        if (indices.rank() == 0) {
            throw in.error("Index tensor must have at least 1 dimension, got shape " + indices.toIrString());
        }
        int sliceDim = indices.rank() > 1 ? indices.dim(-1) : 1;
        int batchDim = indices.rank() > 1 ? indices.rank() - 1 : 1;
        IndexRowsShape.scatterUpdates(in, params, indices, updates, batchDim, sliceDim);
        return List.of();
    }
}
