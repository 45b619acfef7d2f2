package dev.kiln.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ConcreteFunction;
import dev.kiln.Function;
import dev.kiln.Kiln;
import dev.kiln.Tensor;
import dev.kiln.TensorSpec;
import dev.kiln.Tf;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Literal;
import dev.kiln.ir.Node;
import dev.kiln.ir.OpCatalog;
import dev.kiln.ir.Region;
import dev.kiln.ir.RegionBuilder;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Value;
import dev.kiln.ir.VariableType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IR graphs as GraphDefs: op names, inputs, attributes, and scopes for regions. */
class GraphDefEncoderTest {
    private static final TensorType F32_2 = TensorType.of(DType.FLOAT32, 2);

    @TempDir
    Path dir;

    private static Map<String, EventFileReader.NodeDef> nodes(Graph g) {
        Map<String, EventFileReader.NodeDef> out = new LinkedHashMap<>();
        for (EventFileReader.NodeDef n : EventFileReader.graphDef(GraphDefEncoder.encode(g))) {
            assertTrue(out.put(n.name(), n) == null, "node names are unique: " + n.name());
        }
        return out;
    }

    @Test
    void condRegionsBecomeNameScopesFedByTheOperands() {
        RegionBuilder b = RegionBuilder.function();
        Value x = b.param("x", F32_2);
        Value p = b.param("p", TensorType.scalar(DType.BOOL));
        RegionBuilder t = new RegionBuilder("then");
        Value a = t.param("a", F32_2);
        Region then = t.build(t.add1("neg", a));
        RegionBuilder e = new RegionBuilder("else");
        Region otherwise = e.build(e.param("a", F32_2));
        Node cond = b.add(OpCatalog.get("cond"), List.of(p, x), Attributes.empty(), List.of(then, otherwise));
        Value sum = b.add1("add", cond.result(), x);
        Value sum2 = b.add1("add", sum, x);
        Map<String, EventFileReader.NodeDef> n = nodes(Graph.of("f", b.build(sum2)));

        assertEquals(List.of("x", "p", "cond/then/a", "cond/then/neg", "cond/else/a", "cond/If", "add", "add_1", "output_0"),
                List.copyOf(n.keySet()));
        assertEquals("Placeholder", n.get("x").op());
        assertEquals(1, n.get("x").attrs().get("dtype").type(), "DT_FLOAT");
        assertArrayEquals(new long[] {2}, n.get("x").attrs().get("shape").shape());
        assertEquals(10, n.get("p").attrs().get("dtype").type(), "DT_BOOL");

        assertEquals("Identity", n.get("cond/then/a").op());
        assertEquals(List.of("x"), n.get("cond/then/a").inputs(), "the region parameter is fed by the bound operand");
        assertEquals("Neg", n.get("cond/then/neg").op());
        assertEquals(List.of("cond/then/a"), n.get("cond/then/neg").inputs());
        assertEquals(List.of("x"), n.get("cond/else/a").inputs());

        EventFileReader.NodeDef ifNode = n.get("cond/If");
        assertEquals("If", ifNode.op());
        assertEquals(List.of("p", "cond/then/neg", "cond/else/a"), ifNode.inputs(), "predicate, then each region's results");
        assertEquals(10, ifNode.attrs().get("T").type(), "the first operand's dtype");
        assertArrayEquals(new long[] {2}, ifNode.attrs().get("_output_shapes").shapes().get(0));

        assertEquals("AddV2", n.get("add").op());
        assertEquals(List.of("cond/If", "x"), n.get("add").inputs());
        assertEquals(1, n.get("add").attrs().get("T").type());
        assertEquals(List.of("add", "x"), n.get("add_1").inputs());
        assertEquals("Identity", n.get("output_0").op());
        assertEquals(List.of("add_1"), n.get("output_0").inputs());
    }

    @Test
    void whileRegionsAndNestedScopes() {
        RegionBuilder b = RegionBuilder.function();
        Value i0 = b.param("i", TensorType.scalar(DType.FLOAT32));
        RegionBuilder c = new RegionBuilder("cond");
        Value ci = c.param("i", TensorType.scalar(DType.FLOAT32));
        Region cond = c.build(c.add1("less", ci, c.constant(Literal.scalar(10f))));
        RegionBuilder body = new RegionBuilder("body");
        Value bi = body.param("i", TensorType.scalar(DType.FLOAT32));
        Region loop = body.build(body.add1("add", bi, body.constant(Literal.scalar(1f))));
        Node w1 = b.add(OpCatalog.get("while"), List.of(i0), Attributes.empty(), List.of(cond, loop));
        Node w2 = b.add(OpCatalog.get("while"), List.of(w1.result()), Attributes.empty(), List.of(cond, loop));
        Map<String, EventFileReader.NodeDef> n = nodes(Graph.of("loop", b.build(w2.result())));

        assertEquals(List.of("i", "while/cond/i", "while/cond/constant", "while/cond/less", "while/body/i",
                "while/body/constant", "while/body/add", "while/While", "while_1/cond/i", "while_1/cond/constant",
                "while_1/cond/less", "while_1/body/i", "while_1/body/constant", "while_1/body/add", "while_1/While",
                "output_0"), List.copyOf(n.keySet()));
        assertEquals(List.of("while/cond/less", "while/body/add"), n.get("while/While").inputs());
        assertEquals(List.of("while/While"), n.get("while_1/cond/i").inputs());
        assertEquals("Const", n.get("while/cond/constant").op());
        EventFileReader.Tensor value = n.get("while/cond/constant").attrs().get("value").tensor();
        assertEquals(1, value.dtype());
        assertArrayEquals(new long[0], value.shape());
        assertEquals(10f, value.floatScalar());
        assertEquals(1, n.get("while/cond/constant").attrs().get("dtype").type());
    }

    @Test
    void multipleResultsAttributesVariablesAndControlOrder() {
        RegionBuilder b = RegionBuilder.function();
        Value x = b.param("x", TensorType.of(DType.FLOAT32, 2, 3));
        Value v = b.param("w", new VariableType(TensorType.of(DType.FLOAT32, 3)));
        Node unstack = b.add("unstack", List.of(x), Attributes.of("axis", 0L));
        Value sum = b.add1("add", unstack.results().get(0), unstack.results().get(1));
        Value read = b.add1("read_variable", v);
        b.add("assign", List.of(v, b.add1("add", sum, read)), Attributes.empty());
        Value big = b.constant(Literal.of(new float[300], Shape.of(300)));
        Value t = b.add1("transpose", List.of(x), Attributes.of("perm", List.of(1L, 0L)));
        Map<String, EventFileReader.NodeDef> n = nodes(Graph.of("f", b.build(t, big)));

        assertEquals("VarHandleOp", n.get("w").op());
        assertEquals(1, n.get("w").attrs().get("dtype").type());
        assertArrayEquals(new long[] {3}, n.get("w").attrs().get("shape").shape());
        assertEquals("Unpack", n.get("unstack").op());
        assertEquals(0L, n.get("unstack").attrs().get("axis").i());
        assertEquals(2, n.get("unstack").attrs().get("_output_shapes").shapes().size());
        assertEquals(List.of("unstack", "unstack:1"), n.get("add").inputs());
        assertEquals("ReadVariableOp", n.get("read_variable").op());
        assertEquals(1, n.get("read_variable").attrs().get("dtype").type(), "no tensor operand: dtype of the result");
        assertEquals(List.of("w", "add_1", "^read_variable"), n.get("assign").inputs(),
                "side effects keep program order");
        assertEquals(List.of(1L, 0L), n.get("transpose").attrs().get("perm").ints());
        assertFalse(n.get("constant").attrs().containsKey("value"), "1200 bytes: left out");
        assertArrayEquals(new long[] {300}, n.get("constant").attrs().get("_output_shapes").shapes().get(0));
        assertEquals(List.of("transpose"), n.get("output_0").inputs());
        assertEquals(List.of("constant"), n.get("output_1").inputs());
    }

    @Test
    void iteratorElementTypesAreOutputTypesAndShapes() {
        RegionBuilder b = RegionBuilder.function();
        Value it = b.param("it", TensorType.of(DType.INT64));
        Node next = b.add("iterator_get_next", List.of(it), Attributes.of("element_types",
                List.of(TensorType.of(DType.FLOAT32, Shape.UNKNOWN, 784), TensorType.of(DType.INT32, Shape.UNKNOWN))));
        Map<String, EventFileReader.NodeDef> n = nodes(Graph.of("f", b.build(next.results().get(0), next.results().get(1))));
        EventFileReader.Attr types = n.get("iterator_get_next").attrs().get("element_types");
        assertEquals("IteratorGetNext", n.get("iterator_get_next").op());
        assertEquals(List.of(1L, 3L), types.types(), "DT_FLOAT, DT_INT32");
        assertArrayEquals(new long[] {-1, 784}, types.shapes().get(0));
        assertArrayEquals(new long[] {-1}, types.shapes().get(1));
    }

    @Test
    void parameterNamesAreMadeValidAndUnique() {
        RegionBuilder b = RegionBuilder.function();
        Value a = b.param("add", F32_2);
        Value c = b.param(null, F32_2);
        Value d = b.param("my input/x", F32_2);
        Value s = b.add1("add", b.add1("add", a, c), d);
        Map<String, EventFileReader.NodeDef> n = nodes(Graph.of("f", b.build(s)));
        assertEquals(List.of("add", "arg1", "my_input_x", "add_1", "add_2", "output_0"), List.copyOf(n.keySet()));
    }

    static final class Model {
        @Function
        Tensor step(Tensor x, Tensor y) {
            return Tf.reduceSum(x.matmul(y).relu());
        }
    }

    @Test
    void tracedFunctionGraphIsWrittenAsAGraphEvent() {
        ConcreteFunction f = Kiln.function(new Model()::step).concreteFunction(
                TensorSpec.of(DType.FLOAT32, Shape.of(-1, 4)), TensorSpec.of(DType.FLOAT32, Shape.of(4, 2)));
        Path file;
        try (SummaryWriter w = SummaryWriter.create(dir)) {
            w.graph(f);
            file = w.file();
        }
        List<EventFileReader.Event> events = EventFileReader.read(file);
        assertEquals(2, events.size());
        byte[] graphDef = events.get(1).graphDef();
        assertNotNull(graphDef);
        assertTrue(events.get(1).wallTime() > 1.5e9);
        Map<String, EventFileReader.NodeDef> n = new LinkedHashMap<>();
        for (EventFileReader.NodeDef node : EventFileReader.graphDef(graphDef)) {
            n.put(node.name(), node);
        }
        assertEquals("Placeholder", n.get("x").op());
        assertArrayEquals(new long[] {-1, 4}, n.get("x").attrs().get("shape").shape());
        EventFileReader.NodeDef matmul = n.values().stream().filter(d -> d.op().equals("MatMul")).findFirst().orElseThrow();
        assertEquals(List.of("x", "y"), matmul.inputs());
        assertArrayEquals(new long[] {-1, 2}, matmul.attrs().get("_output_shapes").shapes().get(0));
        assertTrue(n.values().stream().anyMatch(d -> d.op().equals("Relu")));
        assertTrue(n.values().stream().anyMatch(d -> d.op().equals("Sum")));
        assertEquals("Identity", n.get("output_0").op());
    }
}
