package dev.kiln.ir.ops;

import dev.kiln.ir.AttrKind;
import dev.kiln.ir.DType;
import dev.kiln.ir.Inference;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a dataset inside a graph. A dataset or iterator enters a graph as a scalar {@code i64} handle
 * (TensorFlow passes a {@code resource} tensor): the host registers the Java object for the duration of
 * a call and the kernels look it up. All three ops are side-effecting: each run advances an iterator, so
 * none may be folded, merged, hoisted or pruned.
 */
public final class IteratorOps {
    private IteratorOps() {}

    public static final OpDef MAKE_ITERATOR = OpDef.builder("make_iterator").tf("AnonymousIteratorV3").operands("dataset")
            .flags(OpFlag.SIDE_EFFECTING)
            .type(in -> List.of(handle(in, 0)))
            .doc("A new iterator over the dataset whose handle is the operand (a new pass from its first element);"
                    + " the result is the iterator's handle.")
            .build();

    public static final OpDef ITERATOR_GET_NEXT = OpDef.builder("iterator_get_next").tf("IteratorGetNext")
            .operands("iterator")
            .attr("element_types", AttrKind.TYPES, "the types of the element's components")
            .flags(OpFlag.SIDE_EFFECTING)
            .type(in -> {
                handle(in, 0);
                return new ArrayList<Type>(elementTypes(in));
            })
            .doc("The iterator's next element, one result per component; fails with \"End of sequence\""
                    + " (OutOfRangeError) after the last one.")
            .build();

    public static final OpDef ITERATOR_GET_NEXT_AS_OPTIONAL = OpDef.builder("iterator_get_next_as_optional")
            .tf("IteratorGetNextAsOptional").operands("iterator")
            .attr("element_types", AttrKind.TYPES, "the types of the element's components")
            .flags(OpFlag.SIDE_EFFECTING)
            .type(in -> {
                handle(in, 0);
                List<Type> out = new ArrayList<>();
                out.add(TensorType.of(DType.BOOL));
                out.addAll(elementTypes(in));
                return out;
            })
            .doc("Whether the iterator had another element, then its components (empty tensors of the element"
                    + " types when it had none): how a staged loop over a dataset reads it.")
            .build();

    public static final List<OpDef> ALL = List.of(MAKE_ITERATOR, ITERATOR_GET_NEXT, ITERATOR_GET_NEXT_AS_OPTIONAL);

    private static TensorType handle(Inference in, int i) {
        in.dtypeIs(i, DType.INT64);
        Shape s = in.shape(i);
        if (s.hasKnownRank() && s.rank() != 0) {
            throw in.error("a dataset or iterator handle is a scalar int64, got shape " + s.toIrString());
        }
        return TensorType.of(DType.INT64);
    }

    private static List<TensorType> elementTypes(Inference in) {
        List<TensorType> types = in.attrs().getTypes("element_types");
        if (types.isEmpty()) {
            throw in.error("element_types must name at least one component");
        }
        return types;
    }
}
