package dev.kiln;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.data.Batch;
import dev.kiln.data.Dataset;
import dev.kiln.ir.DType;
import dev.kiln.ir.Graph;
import dev.kiln.ir.Shape;
import dev.kiln.runtime.data.ResourceHandles;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For-each loops over datasets inside traced functions: staged as one graph loop that reads the elements
 * when the function runs, for dataset arguments and captured datasets, compiled and interpreted, with
 * break, batches of unknown size, a training step per element, and the errors.
 */
class DatasetLoopTest {
    private static final FunctionOptions INTERPRETED = FunctionOptions.defaults().withCompile(false);

    static long count(Graph g, String op) {
        return g.body().allNodes().stream().filter(n -> n.op().name().equals(op)).count();
    }

    Tensor sumOfBatches(Dataset ds) {
        Tensor total = Tf.constant(0f);
        Tensor rows = Tf.constant(0);
        for (Batch b : ds) {
            total = total.add(Tf.reduceSum(b.get(0)));
            rows = rows.add(Tf.shape(b.get(0)).slice(Index.at(0)));
        }
        return Tf.stack(List.of(total, Tf.cast(rows, DType.FLOAT32)));
    }

    @Test
    void batchesOfUnknownSizeIncludingAShortLastOne() {
        float[][] x = new float[10][3];
        Random r = new Random(7);
        double expected = 0;
        for (float[] row : x) {
            for (int j = 0; j < 3; j++) {
                row[j] = r.nextInt(10);
                expected += row[j];
            }
        }
        Dataset ds = Dataset.fromTensorSlices(x, new int[10]).batch(4);
        for (FunctionOptions options : new FunctionOptions[] {FunctionOptions.defaults(), INTERPRETED}) {
            PolymorphicFunction f = Kiln.function((FunctionBody.Of1<Dataset, Tensor>) this::sumOfBatches, options);
            assertArrayEquals(new float[] {(float) expected, 10f}, f.call(ds).toFloatArray());
            assertArrayEquals(sumOfBatches(ds).toFloatArray(), f.call(ds).toFloatArray(), "eager agrees");
            assertEquals(1, f.traceCount());
        }
    }

    Tensor sumUntilNegative(Dataset ds) {
        Tensor acc = Tf.constant(0);
        for (Batch b : ds) {
            if (Tf.less(b.get(0), 0).bool()) {
                break;
            }
            acc = acc.add(b.get(0));
        }
        return acc;
    }

    @Test
    void breakLeavesTheLoopAndReleasesTheIterator() {
        int before = ResourceHandles.liveCount();
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        assertEquals(6, f.call(Dataset.fromTensorSlices(new int[] {1, 2, 3, -1, 5})).intValue());
        assertEquals(11, f.call(Dataset.fromTensorSlices(new int[] {1, 2, 3, 5})).intValue());
        assertEquals(0, f.call(Dataset.fromTensorSlices(new int[] {-4})).intValue());
        assertEquals(1, f.traceCount());
        assertEquals(before, ResourceHandles.liveCount(), "the call's dataset and iterator handles are released");
    }

    @Test
    void concurrentCallsReadTheirOwnDatasets() throws Exception {
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        f.call(Dataset.fromTensorSlices(new int[] {1}));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> sums = new java.util.ArrayList<>();
            for (int t = 0; t < 40; t++) {
                int n = t;
                sums.add(pool.submit(() -> {
                    int[] values = new int[n % 7 + 1];
                    java.util.Arrays.fill(values, n);
                    return f.call(Dataset.fromTensorSlices(values)).intValue();
                }));
            }
            for (int t = 0; t < 40; t++) {
                assertEquals(t * (t % 7 + 1), sums.get(t).get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, f.traceCount());
    }

    @Test
    void anEmptyDatasetRunsNoIteration() {
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        assertEquals(4, f.call(Dataset.fromTensorSlices(new int[] {4})).intValue());
        assertEquals(0, f.call(Dataset.fromTensorSlices(new int[] {4}).skip(1)).intValue());
        assertEquals(1, f.traceCount());
    }

    @Test
    void aCapturedDatasetIsStagedToo() {
        Dataset ds = Dataset.fromTensorSlices(new float[] {1, 2, 3, 4}).map(b -> b.get(0).mul(10f));
        Tracked tracked = new Tracked(ds);
        PolymorphicFunction f = Kiln.function(tracked::total);
        assertEquals(100f, f.call().floatValue());
        assertEquals(100f, f.call().floatValue());
        assertEquals(1, tracked.traces, "the body is traced once, not once per element");
        Graph g = f.concreteFunctions().get(0).graph();
        assertEquals(1, count(g, "while"));
    }

    static final class Tracked {
        final Dataset ds;
        int traces;

        Tracked(Dataset ds) {
            this.ds = ds;
        }

        Tensor total() {
            Tensor t = Tf.constant(0f);
            for (Batch b : ds) {
                traces++;
                t = t.add(b.get(0));
            }
            return t;
        }
    }

    /** One SGD step per batch inside the function, like a Keras epoch compiled whole. */
    static Tensor epoch(Dataset ds, Variable w) {
        Tensor last = Tf.constant(0f);
        for (Batch b : ds) {
            try (GradientTape tape = new GradientTape()) {
                Tensor pred = Tf.matmul(b.get(0), w);
                Tensor loss = Tf.reduceMean(Tf.square(pred.sub(b.get(1))));
                Tensor g = tape.gradient(loss, w);
                w.assignSub(g.mul(0.1f));
                last = loss;
            }
        }
        return last;
    }

    @Test
    void aTrainingStepPerBatchMatchesEager() {
        float[][] x = new float[12][2];
        float[][] y = new float[12][1];
        Random r = new Random(3);
        for (int i = 0; i < 12; i++) {
            x[i][0] = r.nextFloat();
            x[i][1] = r.nextFloat();
            y[i][0] = 2 * x[i][0] - x[i][1];
        }
        Dataset ds = Dataset.fromTensorSlices(x, y).batch(5);
        Variable eagerW = Tf.variable(new float[][] {{0}, {0}});
        Variable tracedW = Tf.variable(new float[][] {{0}, {0}});
        PolymorphicFunction f = Kiln.function(DatasetLoopTest::epoch);
        for (int e = 0; e < 3; e++) {
            Tensor eagerLoss = epoch(ds, eagerW);
            Tensor tracedLoss = f.call(ds, tracedW);
            assertEquals(eagerLoss.floatValue(), tracedLoss.floatValue(), 1e-6);
            assertArrayEquals(eagerW.readValue().toFloatArray(), tracedW.readValue().toFloatArray(), 1e-6f);
        }
        assertEquals(1, f.traceCount());
    }

    Tensor total(Dataset ds) {
        Tensor t = Tf.constant(0f);
        for (Batch b : ds) {
            t = t.add(Tf.reduceSum(Tf.cast(b.get(0), DType.FLOAT32)));
        }
        return t;
    }

    @Test
    void theListingShowsTheStagedLoopAndTheMovedTryBlock() throws NoSuchMethodException {
        String code = dev.kiln.autograph.Autograph.toCode(
                DatasetLoopTest.class.getDeclaredMethod("epoch", Dataset.class, Variable.class));
        assertTrue(code.contains("ag__.for_stmt(ag__.ld(ds), None, loop_body_1, get_state_1, set_state_1, ('last',),"
                + " {'iterate_names': 'b'})"), code);
        assertTrue(code.contains("except java.lang.Throwable as exc:"), code);
        assertTrue(code.contains("ag__.converted_call(ag__.ld(tape).close, (), None, fscope)"), code);
    }

    @Test
    void aDifferentElementSpecRetracesAndSaysWhy() {
        PolymorphicFunction f = Kiln.function(this::total);
        assertEquals(1f, f.call(Dataset.fromTensorSlices(new int[] {1})).floatValue());
        assertEquals(5f, f.call(Dataset.fromTensorSlices(new int[] {2, 3})).floatValue());
        assertEquals(1, f.traceCount());
        assertEquals(10f, f.call(Dataset.fromTensorSlices(new int[][] {{1, 2}, {3, 4}})).floatValue());
        assertEquals(2, f.traceCount());
        String why = String.join("\n", f.explainRetraces());
        assertTrue(why.contains("ds: Dataset of [i32[]] -> Dataset of [i32[2]]"), why);
    }

    @Test
    void generatorElementsAreChecked() {
        Dataset bad = Dataset.fromGenerator(() -> List.<Object>of(1, new int[] {1, 2}).iterator(), TensorSpec.of(DType.INT32));
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> f.call(bad));
        assertTrue(e.getMessage().contains("`generator` yielded an element of shape [2] where an element of shape []"
                + " was expected."), e.getMessage());
        Dataset wrongType = Dataset.fromGenerator(() -> List.<Object>of(1.5).iterator(), TensorSpec.of(DType.INT32));
        InvalidArgumentException t = assertThrows(InvalidArgumentException.class, () -> f.call(wrongType));
        assertTrue(t.getMessage().contains("could not be converted to the expected type. The expected type was int32"),
                t.getMessage());
    }

    Tensor lossOverDataset(Dataset ds, Variable w) {
        Tensor loss = Tf.constant(0f);
        for (Batch b : ds) {
            loss = loss.add(Tf.reduceSum(b.get(0).mul(w)));
        }
        return loss;
    }

    Tensor gradientAcrossTheLoop(Dataset ds, Variable w) {
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = lossOverDataset(ds, w);
            return tape.gradient(loss, w);
        }
    }

    @Test
    void gradientsAcrossTheWholeLoop() {
        Variable w = Tf.variable(2f);
        PolymorphicFunction f = Kiln.function(this::lossOverDataset);
        Dataset ds = Dataset.fromTensorSlices(new float[] {1, 2});
        assertEquals(6f, f.call(ds, w).floatValue());
        // A tape around the call replays the loop op by op, so it sees every iteration: d/dw (1w + 2w) = 3.
        try (GradientTape tape = new GradientTape()) {
            Tensor loss = f.call(ds, w);
            assertEquals(3f, tape.gradient(loss, w).floatValue());
        }
        // Inside the function the loop's gradient would re-read the dataset: refused, as TensorFlow has none.
        PolymorphicFunction inside = Kiln.function(this::gradientAcrossTheLoop);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> inside.call(ds, w));
        assertTrue(e.getMessage().startsWith("gradients through a loop over a dataset are not supported"), e.getMessage());
    }

    Tensor reshuffles(Dataset ds) {
        Tensor x = Tf.constant(0f);
        for (Batch b : ds.shuffle(4, 1)) {
            x = x.add(b.get(0));
        }
        return x;
    }

    @Test
    void transformationsInsideTheFunctionAndUnconvertedLoopsAreRefused() {
        PolymorphicFunction f = Kiln.function(this::reshuffles);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> f.call(Dataset.fromTensorSlices(new float[] {1})));
        assertTrue(e.getMessage().startsWith("Dataset.shuffle inside a traced function is not supported"), e.getMessage());

        PolymorphicFunction noAutograph = Kiln.function((FunctionBody.Of1<Dataset, Tensor>) this::sumUntilNegative,
                FunctionOptions.defaults().withAutograph(false));
        UnsupportedOperationException off = assertThrows(UnsupportedOperationException.class,
                () -> noAutograph.call(Dataset.fromTensorSlices(new int[] {1})));
        assertTrue(off.getMessage().contains("can only be iterated by a for-each loop that autograph converts"),
                off.getMessage());
    }

    @Test
    void aConcreteFunctionTakesDatasetsToo() {
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        ConcreteFunction c = f.concreteFunction(Dataset.fromTensorSlices(new int[] {0}));
        int before = ResourceHandles.liveCount();
        assertEquals(9, c.call(Dataset.fromTensorSlices(new int[] {4, 5})).intValue());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> c.call(Dataset.fromTensorSlices(new float[] {1})));
        assertTrue(e.getMessage().contains("component 0 of the element: expected dtype int32, got float32"), e.getMessage());
        assertEquals(before, ResourceHandles.liveCount());
    }

    @Test
    void theStagedLoopReadsAheadOneElement() {
        PolymorphicFunction f = Kiln.function(this::sumUntilNegative);
        f.call(Dataset.fromTensorSlices(new int[] {1}));
        String text = f.concreteFunctions().get(0).graph().toText();
        assertTrue(text.contains("= make_iterator %"), text);
        assertEquals(2, text.split("iterator_get_next_as_optional", -1).length - 1, text);
        assertTrue(text.contains("{element_types=[i32[]]}"), text);
        assertEquals(Shape.scalar(), f.concreteFunctions().get(0).graph().params().get(0).type() instanceof
                dev.kiln.ir.TensorType t ? t.shape() : null);
    }
}
