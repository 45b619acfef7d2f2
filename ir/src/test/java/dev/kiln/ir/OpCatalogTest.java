package dev.kiln.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Properties every declaration must have, checked over the whole catalog. */
class OpCatalogTest {
    private static final Pattern IR_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern TF_NAME = Pattern.compile("_?[A-Z][A-Za-z0-9]*");

    @Test
    void everyOpHasNamesAndADoc() {
        for (OpDef op : OpCatalog.all()) {
            assertTrue(IR_NAME.matcher(op.name()).matches(), op.name());
            assertTrue(TF_NAME.matcher(op.tfName()).matches(), op.name() + ": TF name " + op.tfName());
            assertFalse(op.doc().isBlank(), op.name() + " has no doc");
            assertFalse(op.doc().contains("\n"), op.name() + ": the doc is one line");
            for (AttrSpec a : op.attrs().values()) {
                assertFalse(a.doc() == null || a.doc().isBlank(), op.name() + "." + a.name() + " has no doc");
            }
        }
    }

    @Test
    void namesAndIdsAreUnique() {
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (OpDef op : OpCatalog.all()) {
            assertTrue(names.add(op.name()), op.name());
            assertTrue(ids.add(op.id()), op.name());
            assertEquals(op, OpCatalog.get(op.name()));
        }
        assertThrows(IllegalArgumentException.class, () -> OpCatalog.get("no_such_op"));
    }

    @Test
    void flagsAreConsistent() {
        for (OpDef op : OpCatalog.all()) {
            String n = op.name();
            if (op.isRandom()) {
                assertFalse(op.isDifferentiable(), n + ": random ops are not differentiable");
                assertTrue(op.operands().isEmpty(), n + ": random ops take their shape from attributes");
            }
            if (op.isElementwise()) {
                assertTrue(op.regions().isEmpty(), n + ": elementwise ops have no regions");
                assertFalse(op.isSideEffecting(), n + ": elementwise ops are pure");
                assertFalse(op.isRandom(), n + ": elementwise ops are deterministic");
                assertTrue(op.operands().stream().noneMatch(OperandSpec::variadic), n + ": elementwise ops have fixed arity");
            }
            if (op.isCommutative()) {
                assertTrue(op.operands().size() >= 2 && !op.operands().get(1).variadic(),
                        n + ": commutative ops have two fixed operands");
            }
        }
    }

    @Test
    void expectedFlagsOfKnownOps() {
        assertEquals(Set.of(OpFlag.ELEMENTWISE, OpFlag.COMMUTATIVE, OpFlag.DIFFERENTIABLE), OpCatalog.get("add").flags());
        assertEquals(Set.of(OpFlag.ELEMENTWISE, OpFlag.DIFFERENTIABLE), OpCatalog.get("sub").flags());
        assertEquals(Set.of(OpFlag.ELEMENTWISE), OpCatalog.get("floordiv").flags());
        assertEquals(Set.of(OpFlag.RANDOM), OpCatalog.get("random_uniform").flags());
        assertEquals(Set.of(OpFlag.SIDE_EFFECTING, OpFlag.DIFFERENTIABLE), OpCatalog.get("read_variable").flags());
        assertEquals(Set.of(OpFlag.SIDE_EFFECTING), OpCatalog.get("assign").flags());
        assertEquals(Set.of(), OpCatalog.get("argmax").flags());
        assertEquals("MatMul", OpCatalog.get("matmul").tfName());
    }

    @Test
    void ifAnOpOwnsRegionsItIsAControlOp() {
        for (OpDef op : OpCatalog.all()) {
            if (!op.regions().isEmpty()) {
                assertTrue(List.of("cond", "while", "fused").contains(op.name()), op.name());
            }
        }
    }

    @Test
    void defaultsHaveTheirDeclaredKinds() {
        for (OpDef op : OpCatalog.all()) {
            Attributes filled = op.normalize(requiredOnly(op));
            for (AttrSpec a : op.attrs().values()) {
                if (a.defaultValue() != null) {
                    assertTrue(a.kind().accepts(filled.get(a.name())), op.name() + "." + a.name());
                }
                assertFalse(a.optional() && a.defaultValue() != null, op.name() + "." + a.name()
                        + ": optional attributes have no default");
            }
        }
    }

    /** Placeholder values for the required attributes, so that normalize can fill the rest. */
    private static Attributes requiredOnly(OpDef op) {
        Attributes a = Attributes.empty();
        for (AttrSpec s : op.attrs().values()) {
            if (s.required()) {
                a = a.with(s.name(), switch (s.kind()) {
                    case INT -> 1L;
                    case FLOAT -> 1.0;
                    case BOOL -> true;
                    case STRING -> "VALID";
                    case INTS -> List.of(1L);
                    case DTYPE -> DType.FLOAT32;
                    case SHAPE -> Shape.of(1);
                    case TENSOR -> Literal.scalar(1f);
                    case TYPES -> List.of(TensorType.of(DType.FLOAT32));
                });
            }
        }
        return a;
    }
}
