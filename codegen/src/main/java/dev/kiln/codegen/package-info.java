/**
 * Kiln's compiler: a graph becomes one hidden class whose {@code call} method runs its nodes in
 * order, with fused elementwise regions as Vector API loops.
 *
 * <p>Layers, each only using the one below:
 * <ul>
 *   <li>{@link dev.kiln.codegen.GraphCompiler} / {@link dev.kiln.codegen.CompiledGraph}: the entry
 *       points; {@link dev.kiln.codegen.VectorWidth} reads {@code kiln.vector.width} (0 scalar, 128,
 *       256, 512).
 *   <li>{@code dev.kiln.codegen.plan}: the graph as instructions ({@code Instr}): generated kernels
 *       for {@code fused} nodes, lone elementwise ops and reductions over the innermost axes fed by
 *       them; direct calls of runtime kernels (through their into form, writing into a given array,
 *       where the runtime has one); variable reads; branches and loops for {@code cond}/{@code while};
 *       the interpreter for anything else (counted as a fallback). {@code SlotPlanner} gives the
 *       buffers the code writes itself frame slots by liveness, so intermediates are reused across
 *       calls; results and values that may outlive the call (stored in variables, handed to
 *       control flow) always get new arrays.
 *   <li>{@code dev.kiln.codegen.loop}: the loop form of a kernel ({@code LoopKernel}: inputs with
 *       their broadcast access, a straight-line body of lane operations, outputs or a reduction) and
 *       the table mapping each elementwise catalog op to lane operations.
 *   <li>{@code dev.kiln.codegen.emit}: the only package that uses ASM: kernel classes (cached by
 *       loop form and width, so equal regions share one class) and graph classes, whose constants
 *       are class data read by {@code ldc} of dynamic constants. {@code -Dkiln.codegen.dump=DIR}
 *       writes every generated class to DIR.
 *   <li>{@code dev.kiln.codegen.rt}: what generated code calls at run time (layouts of broadcast
 *       inputs, scalar math matching the reference kernels, the float32 vector exp/tanh/sigmoid,
 *       interpreted nodes, the frame's buffers) and the driver every kernel class extends, which runs
 *       the kernel in chunks and splits large ones across {@code dev.kiln.runtime.Parallelism}'s
 *       threads (results are the same bits for every thread count).
 * </ul>
 *
 * <p>Numerics: scalar loops (width 0, and the tails of vector loops) compute exactly as the
 * reference kernels do. Vector loops are exact for arithmetic, comparisons and selects; float32
 * exp, tanh and sigmoid use Eigen's approximations (as TensorFlow's CPU kernels do: within 1, 5 and
 * 3 ulp of the reference over all float inputs), the Vector API's other transcendental functions (log,
 * sin, cos, pow, float64 exp and tanh) may differ from {@code java.lang.Math} in the last bits, and
 * float32 selu, softplus and rsqrt are evaluated in float32 rather than rounded once from double.
 * Vector reductions add each lane's partial sum in lane order, not sequentially.
 */
package dev.kiln.codegen;
