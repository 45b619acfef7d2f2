package dev.kiln.summary;

import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Node;
import dev.kiln.ir.OpFlag;
import dev.kiln.ir.Region;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.Value;
import dev.kiln.ir.VariableType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IR graph as TensorFlow's {@code GraphDef} (graph.proto, node_def.proto, attr_value.proto), for
 * TensorBoard's graph view.
 *
 * <ul>
 *   <li>Function parameters become {@code Placeholder} nodes (variables {@code VarHandleOp}) named
 *       after the parameter; results feed {@code Identity} nodes {@code output_0, output_1, ...}.
 *   <li>Every other node is a {@code NodeDef} whose {@code op} is the TensorFlow op name and whose name
 *       is the IR op name, made unique within its scope the way TensorFlow does ({@code add},
 *       {@code add_1}). Inputs are {@code node} or {@code node:i}.
 *   <li>A node with regions ({@code cond}, {@code while}, {@code fused}) opens a name scope
 *       ({@code cond}, {@code cond_1}) holding the node itself ({@code cond/If}) and one sub-scope per
 *       region ({@code cond/then/...}, {@code cond/else/...}), so TensorBoard draws it as one
 *       expandable group. Region parameters are {@code Identity} nodes fed by the operands they are
 *       bound to; the region results feed the owning node, so data flows in, through the branches or
 *       the loop body, and out.
 *   <li>Attributes: the node's IR attributes, {@code T} (the first tensor operand's dtype) or
 *       {@code dtype} (for nodes without tensor operands), and {@code _output_shapes}, which TensorBoard
 *       prints on edges. Constant values over {@value #MAX_TENSOR_BYTES} bytes are left out, as
 *       TensorBoard hides attributes of that size anyway.
 *   <li>Side-effecting nodes of one region get a control input (^name) from the previous one, the
 *       program order TensorFlow's automatic control dependencies show.
 * </ul>
 */
final class GraphDefEncoder {
    static final int MAX_TENSOR_BYTES = 1024;

    // GraphDef, NodeDef and the map entry of NodeDef.attr.
    static final int GRAPH_NODE = 1;
    static final int NODE_NAME = 1;
    static final int NODE_OP = 2;
    static final int NODE_INPUT = 3;
    static final int NODE_ATTR = 5;
    static final int ENTRY_KEY = 1;
    static final int ENTRY_VALUE = 2;

    // AttrValue, and its ListValue.
    static final int ATTR_LIST = 1;
    static final int ATTR_S = 2;
    static final int ATTR_I = 3;
    static final int ATTR_F = 4;
    static final int ATTR_B = 5;
    static final int ATTR_TYPE = 6;
    static final int ATTR_SHAPE = 7;
    static final int ATTR_TENSOR = 8;
    static final int LIST_I = 3;
    static final int LIST_TYPE = 6;
    static final int LIST_SHAPE = 7;

    /** A node being built; control inputs are appended once the next side effect is known. */
    private record NodeSpec(String name, String op, List<String> inputs, Map<String, ProtoWriter> attrs) {
        ProtoWriter encode() {
            ProtoWriter w = new ProtoWriter().string(NODE_NAME, name).string(NODE_OP, op);
            for (String in : inputs) {
                w.string(NODE_INPUT, in);
            }
            attrs.forEach((k, v) -> w.message(NODE_ATTR, new ProtoWriter().string(ENTRY_KEY, k).message(ENTRY_VALUE, v)));
            return w;
        }
    }

    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Map<Value, String> refs = new IdentityHashMap<>();
    private final ScopedNames names = new ScopedNames();

    private GraphDefEncoder() {}

    /** The serialized {@code GraphDef} of {@code graph}. */
    static byte[] encode(Graph graph) {
        GraphDefEncoder e = new GraphDefEncoder();
        List<Value> params = graph.params();
        for (int i = 0; i < params.size(); i++) {
            e.parameter(params.get(i), i);
        }
        e.region(graph.body(), "");
        List<Value> results = graph.results();
        for (int i = 0; i < results.size(); i++) {
            Value r = results.get(i);
            e.add(e.names.unique("", "output_" + i), "Identity", List.of(e.ref(r)), typeAttrs(List.of(r), List.of(r)));
        }
        ProtoWriter graphDef = new ProtoWriter();
        for (NodeSpec n : e.nodes) {
            graphDef.message(GRAPH_NODE, n.encode());
        }
        return graphDef.toByteArray();
    }

    private void parameter(Value p, int index) {
        String name = names.unique("", ScopedNames.sanitize(p.nameHint(), "arg" + index));
        TensorType t = valueType(p);
        Map<String, ProtoWriter> attrs = new TreeMap<>();
        attrs.put("dtype", type(t.dtype()));
        attrs.put("shape", new ProtoWriter().message(ATTR_SHAPE, TensorProtos.shape(t.shape())));
        attrs.put("_output_shapes", outputShapes(List.of(p)));
        add(name, p.type() instanceof VariableType ? "VarHandleOp" : "Placeholder", List.of(), attrs);
        refs.put(p, name);
    }

    private void region(Region region, String scope) {
        NodeSpec lastEffect = null;
        for (Node n : region.nodes()) {
            NodeSpec spec = n.regions().isEmpty() ? plain(n, scope) : owner(n, scope);
            if (n.op().has(OpFlag.SIDE_EFFECTING)) {
                if (lastEffect != null) {
                    spec.inputs().add("^" + lastEffect.name());
                }
                lastEffect = spec;
            }
        }
    }

    private NodeSpec plain(Node n, String scope) {
        List<String> inputs = new ArrayList<>();
        for (Value v : n.operands()) {
            inputs.add(ref(v));
        }
        return op(n, names.unique(scope, n.op().name()), inputs);
    }

    /** A node with regions: its own scope, a sub-scope per region, then the node fed by the regions' results. */
    private NodeSpec owner(Node n, String scope) {
        String sub = names.unique(scope, n.op().name());
        int unbound = n.operands().size();
        List<String> regionResults = new ArrayList<>();
        for (int r = 0; r < n.regions().size(); r++) {
            Region region = n.regions().get(r);
            String regionScope = sub + "/" + ScopedNames.sanitize(n.op().regions().get(r), "region" + r);
            // Region parameters bind to the owner's last operands (cond's first operand is its predicate).
            int offset = n.operands().size() - region.params().size();
            unbound = Math.min(unbound, Math.max(offset, 0));
            for (int j = 0; j < region.params().size(); j++) {
                Value p = region.params().get(j);
                String name = names.unique(regionScope, ScopedNames.sanitize(p.nameHint(), "arg" + j));
                List<String> from = new ArrayList<>();
                if (offset + j >= 0) {
                    from.add(ref(n.operand(offset + j)));
                }
                add(name, "Identity", from, typeAttrs(List.of(p), List.of(p)));
                refs.put(p, name);
            }
            region(region, regionScope);
            for (Value y : region.results()) {
                regionResults.add(ref(y));
            }
        }
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < unbound; i++) {
            inputs.add(ref(n.operand(i)));
        }
        inputs.addAll(regionResults);
        return op(n, names.unique(sub, n.op().tfName()), inputs);
    }

    private NodeSpec op(Node n, String name, List<String> inputs) {
        Map<String, ProtoWriter> attrs = typeAttrs(n.operands(), n.results());
        n.attrs().asMap().forEach((k, v) -> {
            ProtoWriter a = attr(v);
            if (a != null) {
                attrs.put(k, a);
            }
        });
        NodeSpec spec = add(name, n.op().tfName(), inputs, attrs);
        List<Value> results = n.results();
        for (int i = 0; i < results.size(); i++) {
            refs.put(results.get(i), i == 0 ? name : name + ":" + i);
        }
        return spec;
    }

    private NodeSpec add(String name, String op, List<String> inputs, Map<String, ProtoWriter> attrs) {
        NodeSpec spec = new NodeSpec(name, op, new ArrayList<>(inputs), attrs);
        nodes.add(spec);
        return spec;
    }

    private String ref(Value v) {
        String r = refs.get(v);
        if (r == null) {
            throw new IllegalArgumentException("the graph uses a value outside its scope: " + v);
        }
        return r;
    }

    /** {@code T} or {@code dtype}, and {@code _output_shapes}. */
    private static Map<String, ProtoWriter> typeAttrs(List<Value> operands, List<Value> results) {
        Map<String, ProtoWriter> attrs = new TreeMap<>();
        DType operandType = null;
        for (Value v : operands) {
            if (v.type() instanceof TensorType t) {
                operandType = t.dtype();
                break;
            }
        }
        if (operandType != null) {
            attrs.put("T", type(operandType));
        } else if (!results.isEmpty()) {
            attrs.put("dtype", type(valueType(results.get(0)).dtype()));
        }
        if (!results.isEmpty()) {
            attrs.put("_output_shapes", outputShapes(results));
        }
        return attrs;
    }

    private static TensorType valueType(Value v) {
        Type t = v.type();
        return t instanceof VariableType var ? var.value() : (TensorType) t;
    }

    private static ProtoWriter outputShapes(List<Value> values) {
        ProtoWriter list = new ProtoWriter();
        for (Value v : values) {
            // A variable handle is a scalar resource.
            Shape s = v.type() instanceof TensorType t ? t.shape() : Shape.scalar();
            list.message(LIST_SHAPE, TensorProtos.shape(s));
        }
        return new ProtoWriter().message(ATTR_LIST, list);
    }

    private static ProtoWriter type(DType dtype) {
        return new ProtoWriter().int32(ATTR_TYPE, TensorProtos.dataType(dtype));
    }

    /** The AttrValue of an IR attribute value, or null for a constant too large to show. */
    private static ProtoWriter attr(Object v) {
        return switch (v) {
            case Long i -> new ProtoWriter().int64(ATTR_I, i);
            case Double d -> new ProtoWriter().float32(ATTR_F, d.floatValue());
            case Boolean b -> new ProtoWriter().bool(ATTR_B, b);
            case String s -> new ProtoWriter().string(ATTR_S, s);
            case DType d -> type(d);
            case Shape s -> new ProtoWriter().message(ATTR_SHAPE, TensorProtos.shape(s));
            case Literal l -> (long) l.size() * l.dtype().byteSize() > MAX_TENSOR_BYTES
                    ? null : new ProtoWriter().message(ATTR_TENSOR, TensorProtos.literal(l));
            case List<?> list when !list.isEmpty() && list.get(0) instanceof TensorType -> {
                // TYPES (an iterator's element types): TensorFlow's output_types and output_shapes in one list.
                long[] types = new long[list.size()];
                ProtoWriter l = new ProtoWriter();
                for (int i = 0; i < types.length; i++) {
                    TensorType t = (TensorType) list.get(i);
                    types[i] = TensorProtos.dataType(t.dtype());
                    l.message(LIST_SHAPE, TensorProtos.shape(t.shape()));
                }
                yield new ProtoWriter().message(ATTR_LIST, l.packedInt64(LIST_TYPE, types));
            }
            case List<?> list -> {
                long[] values = new long[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (Long) list.get(i);
                }
                yield new ProtoWriter().message(ATTR_LIST, new ProtoWriter().packedInt64(LIST_I, values));
            }
            default -> null;
        };
    }
}
