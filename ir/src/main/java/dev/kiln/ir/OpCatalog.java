package dev.kiln.ir;

import dev.kiln.ir.ops.ArrayOps;
import dev.kiln.ir.ops.BinaryOps;
import dev.kiln.ir.ops.ContractionOps;
import dev.kiln.ir.ops.ControlOps;
import dev.kiln.ir.ops.GradientOps;
import dev.kiln.ir.ops.IteratorOps;
import dev.kiln.ir.ops.NnOps;
import dev.kiln.ir.ops.RandomOps;
import dev.kiln.ir.ops.ReductionOps;
import dev.kiln.ir.ops.StateOps;
import dev.kiln.ir.ops.UnaryOps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every op Kiln knows, declared once (the groups live in {@code dev.kiln.ir.ops}). Runtime kernels,
 * gradient rules and codegen emitters are tables keyed by these declarations; catalog tests walk
 * {@link #all()} and fail when a layer lacks an entry.
 */
public final class OpCatalog {
    private static final Map<String, OpDef> BY_NAME;

    static {
        Map<String, OpDef> m = new LinkedHashMap<>();
        List<List<OpDef>> groups = List.of(UnaryOps.ALL, BinaryOps.ALL, ReductionOps.ALL, ArrayOps.ALL, NnOps.ALL,
                RandomOps.ALL, StateOps.ALL, ControlOps.ALL, GradientOps.ALL, ContractionOps.ALL, IteratorOps.ALL);
        for (List<OpDef> group : groups) {
            for (OpDef op : group) {
                if (m.put(op.name(), op) != null) {
                    throw new IllegalStateException("op '" + op.name() + "' is declared twice");
                }
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private OpCatalog() {}

    /** The op named {@code name}; {@link IllegalArgumentException} if there is none. */
    public static OpDef get(String name) {
        OpDef op = BY_NAME.get(name);
        if (op == null) {
            throw new IllegalArgumentException("unknown op '" + name + "'");
        }
        return op;
    }

    public static Optional<OpDef> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** All ops in declaration order. */
    public static List<OpDef> all() {
        return new ArrayList<>(BY_NAME.values());
    }
}
