package dev.kiln.runtime.kernels;

import dev.kiln.runtime.KernelRegistry;

/** The list of kernel groups that make up {@link KernelRegistry#standard()}, one per catalog group. */
public final class StandardKernels {
    private StandardKernels() {}

    /** Registers every reference kernel into {@code b} and returns it. */
    public static KernelRegistry.Builder register(KernelRegistry.Builder b) {
        UnaryKernels.register(b);
        BinaryKernels.register(b);
        ReductionKernels.register(b);
        ShapeKernels.register(b);
        LayoutKernels.register(b);
        IndexKernels.register(b);
        FactoryKernels.register(b);
        NnKernels.register(b);
        RandomKernels.register(b);
        StateKernels.register(b);
        GradientKernels.register(b);
        ControlKernels.register(b);
        IteratorKernels.register(b);
        return b;
    }
}
