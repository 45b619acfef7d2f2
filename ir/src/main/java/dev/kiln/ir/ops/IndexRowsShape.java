package dev.kiln.ir.ops;

import dev.kiln.ir.Inference;
import dev.kiln.ir.Shape;

/**
 * Shapes of the ops whose indices are rows of coordinates (the last dimension of indices, of length
 * {@code K}, addresses a slice {@code params[i0, ..., iK-1]}): {@code gather_nd} and the scatter
 * updates. As TensorFlow's {@code GatherNdShape} and {@code ScatterNdShapeHelper}.
 */
final class IndexRowsShape {
    private IndexRowsShape() {}

    /** {@code indices.shape[:-1] + params.shape[K:]}. */
    static Shape gatherNd(Inference in, Shape params, Shape indices) {
        atLeastVector(in, params);
        atLeastVector(in, indices);
        if (!params.hasKnownRank() || !indices.hasKnownRank() || indices.dim(-1) == Shape.UNKNOWN) {
            return Shape.unknownRank();
        }
        int k = indices.dim(-1);
        if (k > params.rank()) {
            throw in.error("indices.shape[-1] must be <= params.rank, but saw indices shape: " + indices.toIrString()
                    + " and params shape: " + params.toIrString());
        }
        return Shape.of(Dims.concat(Dims.range(indices, 0, indices.rank() - 1), Dims.range(params, k, params.rank())));
    }

    /**
     * Checks that {@code updates} has the shape {@code indices.shape[:batch] + params.shape[slice:]}: {@code batch}
     * leading dimensions of indices count the index rows, each addressing the first {@code slice} dimensions
     * of params (unknown: nothing is checked beyond the batch).
     */
    static void scatterUpdates(Inference in, Shape params, Shape indices, Shape updates, int batch, int slice) {
        String prefixError = "Dimensions [0," + batch + ") of indices[shape=" + indices.toIrString()
                + "] must match dimensions [0," + batch + ") of updates[shape=" + updates.toIrString() + "]";
        if (updates.rank() < batch) {
            throw in.error(prefixError);
        }
        for (int d = 0; d < batch; d++) {
            if (!Dims.compatible(updates.dim(d), indices.dim(d))) {
                throw in.error(prefixError);
            }
        }
        if (slice == Shape.UNKNOWN) {
            return;
        }
        if (slice > params.rank()) {
            throw in.error("indices.shape[-1] must be <= params.rank, but saw indices shape: " + indices.toIrString()
                    + " and params shape: " + params.toIrString());
        }
        String suffixError = "Dimensions [" + slice + "," + params.rank() + ") of input[shape=" + params.toIrString()
                + "] must match dimensions [" + batch + "," + updates.rank() + ") of updates[shape="
                + updates.toIrString() + "]";
        if (updates.rank() != batch + params.rank() - slice) {
            throw in.error(suffixError);
        }
        for (int d = 0; d < updates.rank() - batch; d++) {
            if (!Dims.compatible(updates.dim(d + batch), params.dim(d + slice))) {
                throw in.error(suffixError);
            }
        }
    }

    /** TensorFlow's {@code WithRankAtLeast(1)}. */
    static void atLeastVector(Inference in, Shape s) {
        if (s.hasKnownRank() && s.rank() == 0) {
            throw in.error("Shape must be at least rank 1 but is rank 0");
        }
    }
}
