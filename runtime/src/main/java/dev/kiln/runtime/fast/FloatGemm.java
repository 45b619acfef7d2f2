package dev.kiln.runtime.fast;

import dev.kiln.runtime.Parallelism;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 matrix multiply {@code C = act(A·B + bias)} on primitive arrays, in the shape of
 * BLIS/GotoBLAS: B is packed into a {@value #KC}-deep panel of {@code NR}-wide strips, A is read in
 * place an {@value #MC}-row block at a time, and a register-blocked micro-kernel keeps an
 * {@code MR x NR} tile of C in vector accumulators across the whole panel depth, with one FMA per
 * accumulator per step. The bias and activation are applied to the tile before it is stored.
 *
 * <p>Operands are strided views: element (i, p) of A is {@code a[aOff + i*aRs + p*aCs]}, so a
 * transposed operand is only a swap of its strides, absorbed by B's packing and by A's strides in the
 * micro-kernel. Every element of C is one
 * sequential chain of fused multiply-adds over p in ascending order (panels continue from the partial
 * sums stored in C), whatever the vector width, thread count or path, and the epilogue is the bias
 * add and the activation of the reference kernels: results are identical across widths and thread
 * counts, and equal to matmul, bias_add and the activation run one after another.
 */
final class FloatGemm {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final boolean SCALAR = VectorWidth.SCALAR;
    /** Lanes per vector (1 at width 0). */
    private static final int L = SCALAR ? 1 : S.length();
    /**
     * Register tile: 6 rows x 2 vectors. 12 accumulators + 2 B vectors + 1 broadcast fit the 16
     * registers of AVX2 and leave AVX-512's 32 free for the JIT; measured on 1024³ the taller and wider
     * tiles (8x2, 12x2, 4x3, 8x3, 4x4, 6x4) were no faster. Scalar width uses a 4 x 4 tile.
     */
    static final int MR = SCALAR ? 4 : 6;
    static final int NR = SCALAR ? 4 : 2 * L;
    /**
     * Panel depth. Deeper panels mean fewer passes over C and longer FMA runs per tile; measured on
     * 1024³ float32 (one core) 256 gave 74% of the FMA peak, 512 82%, 1024 86%: the B strip (KC x NR)
     * then streams from L2, which keeps up. float64 uses the same bytes, half the elements.
     */
    static final int KC = 1024;
    /** A block rows, the C rows one B panel meets before the next strip: MC x KC elements of A stay in L2. */
    static final int MC = 96;
    /** B panel width: KC x NC elements in L2/L3 (a multiple of every NR). */
    static final int NC = 1024;
    /** Below this many multiply-adds packing costs more than it saves: plain loops. */
    static final long DIRECT_MAX = 32 * 32 * 32;
    /** Below this many multiply-adds per thread the fork/join costs more than it saves. */
    static final long PARALLEL_MIN = 1L << 18;

    /** Per-thread packing buffers, grown on demand: no allocation per call once warm. */
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private FloatGemm() {}

    /**
     * The operands and the epilogue of one multiply: {@code C = act(A·B + bias)}, or with
     * {@code accumulate} {@code C = act(C + A·B + bias)} (C's old values start the fma chains).
     */
    record Job(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
            float[] c, int cOff, int ldc, float[] bias, int biasOff, Activation act, boolean accumulate) {
        long work() {
            return (long) m * n * k;
        }
    }

    /** Computes the job, on several threads when it is large enough. */
    static void multiply(Job j) {
        int parts = Parallelism.parts(j.work(), PARALLEL_MIN);
        if (parts == 1) {
            single(j);
            return;
        }
        // Split C by columns when its B strips divide evenly among the parts: each part packs only its
        // own strips and all read A in place (split by rows, every part packed all of B). Otherwise
        // along the dimension with more register tiles. Parts share nothing but the inputs, and the
        // partition depends only on the sizes.
        int mTiles = (j.m + MR - 1) / MR;
        int nTiles = (j.n + NR - 1) / NR;
        boolean byRows = nTiles % parts != 0 && mTiles >= nTiles;
        int tiles = byRows ? mTiles : nTiles;
        int p = Math.min(parts, tiles);
        Parallelism.run(p, i -> {
            int t0 = (int) ((long) tiles * i / p);
            int t1 = (int) ((long) tiles * (i + 1) / p);
            if (byRows) {
                block(j, t0 * MR, Math.min(j.m, t1 * MR), 0, j.n);
            } else {
                block(j, 0, j.m, t0 * NR, Math.min(j.n, t1 * NR));
            }
        });
    }

    /** Computes the job on the calling thread. */
    static void single(Job j) {
        if (j.work() <= DIRECT_MAX) {
            direct(j, 0, j.m, 0, j.n);
        } else {
            block(j, 0, j.m, 0, j.n);
        }
    }

    /** Rows [m0, m1) x columns [n0, n1) of C through packed panels. */
    static void block(Job j, int m0, int m1, int n0, int n1) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        if (j.k == 0) {
            fillEpilogue(j, m0, m1, n0, n1);
            return;
        }
        Buffers buf = BUFFERS.get();
        int ncMax = Math.min(NC, roundUp(n1 - n0, NR));
        int kcMax = Math.min(KC, j.k);
        float[] bp = buf.b(kcMax * ncMax);
        float[] ap = buf.a(kcMax * MR);
        for (int jc = n0; jc < n1; jc += NC) {
            int nc = Math.min(NC, n1 - jc);
            for (int pc = 0; pc < j.k; pc += KC) {
                int kc = Math.min(KC, j.k - pc);
                boolean first = pc == 0 && !j.accumulate;
                boolean last = pc + kc == j.k;
                packB(j, bp, pc, kc, jc, nc);
                // The kernel reads A in place (its strides are parameters): a broadcast costs the same
                // from any address, and packing A cost more than it saved (measured on 1024³, 15% on the
                // MLP's shapes). Only a partial last strip is packed: the kernel always reads MR rows.
                for (int ic = m0; ic < m1; ic += MC) {
                    int mc = Math.min(MC, m1 - ic);
                    int fullRows = mc / MR * MR;
                    if (fullRows < mc) {
                        packA(j, ap, ic + fullRows, mc - fullRows, pc, kc);
                    }
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int co = j.cOff + (ic + ir) * j.ldc + jc + jr;
                            if (mr < MR) {
                                tile(j, buf, kc, ap, 0, 1, MR, bp, jr * kc, co, mr, nr, first, last, jc + jr);
                            } else {
                                tile(j, buf, kc, j.a, j.aOff + (ic + ir) * j.aRs + pc * j.aCs, j.aRs, j.aCs, bp, jr * kc, co,
                                        mr, nr, first, last, jc + jr);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One MR x NR tile; edge tiles go through a full-size scratch tile so the kernel never branches. */
    private static void tile(Job j, Buffers buf, int kc, float[] a, int ao, int aRs, int aCs, float[] bp, int bo,
            int co, int mr, int nr, boolean first, boolean last, int col) {
        float[] bias = last ? j.bias : null;
        // Exact activations run on the registers; the others right after the store, on the tile in L1.
        Activation act = last && j.act.inRegisters() ? j.act : Activation.NONE;
        boolean after = last && !j.act.inRegisters();
        int biasOff = j.biasOff + col;
        if (mr == MR && nr == NR) {
            kernel(kc, a, ao, aRs, aCs, bp, bo, j.c, co, j.ldc, !first, bias, biasOff, act);
            if (after) {
                applyAfter(j, co, mr, nr);
            }
            return;
        }
        float[] t = buf.tile;
        if (!first) {
            for (int r = 0; r < mr; r++) {
                System.arraycopy(j.c, co + r * j.ldc, t, r * NR, nr);
            }
        }
        if (bias != null) {
            float[] padded = buf.biasTile;
            java.util.Arrays.fill(padded, 0);
            System.arraycopy(bias, biasOff, padded, 0, nr);
            bias = padded;
            biasOff = 0;
        }
        kernel(kc, a, ao, aRs, aCs, bp, bo, t, 0, NR, !first, bias, biasOff, act);
        for (int r = 0; r < mr; r++) {
            System.arraycopy(t, r * NR, j.c, co + r * j.ldc, nr);
        }
        if (after) {
            applyAfter(j, co, mr, nr);
        }
    }

    /** A non-register activation over an mr x nr region of C, with the reference kernel's scalar function. */
    private static void applyAfter(Job j, int co, int mr, int nr) {
        for (int r = 0; r < mr; r++) {
            for (int x = 0, i = co + r * j.ldc; x < nr; x++, i++) {
                j.c[i] = j.act.apply(j.c[i]);
            }
        }
    }

    /**
     * B rows [pc, pc+kc) x columns [jc, jc+nc) into NR-wide strips: strip s holds, for each p, its NR
     * columns contiguously (zero beyond nc), so the kernel reads B with unit stride.
     */
    private static void packB(Job j, float[] bp, int pc, int kc, int jc, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int dst = jr * kc;
            int src = j.bOff + pc * j.bRs + (jc + jr) * j.bCs;
            if (j.bCs == 1 && nr == NR && !SCALAR) {
                // A full strip: two vectors per row (an arraycopy call per strip row cost more than the copy).
                for (int p = 0; p < kc; p++, dst += NR, src += j.bRs) {
                    FloatVector.fromArray(S, j.b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, j.b, src + L).intoArray(bp, dst + L);
                }
            } else if (j.bCs == 1) {
                for (int p = 0; p < kc; p++, dst += NR, src += j.bRs) {
                    System.arraycopy(j.b, src, bp, dst, nr);
                    for (int x = nr; x < NR; x++) {
                        bp[dst + x] = 0;
                    }
                }
            } else {
                // Transposed B: walk each column down p (unit stride when B is a transposed row-major matrix).
                for (int x = 0; x < NR; x++) {
                    if (x < nr) {
                        for (int p = 0, s = src + x * j.bCs; p < kc; p++, s += j.bRs) {
                            bp[dst + p * NR + x] = j.b[s];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            bp[dst + p * NR + x] = 0;
                        }
                    }
                }
            }
        }
    }

    /** A rows [ic, ic+mc) x columns [pc, pc+kc) into MR-tall strips: for each p, MR rows contiguously. */
    private static void packA(Job j, float[] ap, int ic, int mc, int pc, int kc) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int dst = ir * kc;
            int src = j.aOff + (ic + ir) * j.aRs + pc * j.aCs;
            if (j.aRs == 1) {
                // Transposed A: the MR rows of one p are adjacent in memory.
                for (int p = 0; p < kc; p++, dst += MR, src += j.aCs) {
                    System.arraycopy(j.a, src, ap, dst, mr);
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0;
                    }
                }
            } else {
                // Row by row so reads are sequential; the writes stride by MR within one strip.
                for (int r = 0; r < MR; r++) {
                    if (r < mr) {
                        for (int p = 0, s = src + r * j.aRs; p < kc; p++, s += j.aCs) {
                            ap[dst + p * MR + r] = j.a[s];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * MR + r] = 0;
                        }
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: C tile (+)= A strip · B strip over kc steps, then the epilogue, then store.
     * Element (r, p) of the A strip is {@code a[ao + r*aRs + p*aCs]}: (1, MR) when packed, A's own
     * strides when read in place.
     */
    private static void kernel(int kc, float[] a, int ao, int aRs, int aCs, float[] bp, int bo, float[] c, int co,
            int ldc, boolean load, float[] bias, int biasOff, Activation act) {
        if (SCALAR) {
            scalarKernel(kc, a, ao, aRs, aCs, bp, bo, c, co, ldc, load, bias, biasOff, act);
            return;
        }
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + L);
            c10 = FloatVector.fromArray(S, c, co + 1 * ldc);
            c11 = FloatVector.fromArray(S, c, co + 1 * ldc + L);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + L);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + L);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + L);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        int r0 = ao, r1 = ao + aRs, r2 = ao + 2 * aRs;
        int r3 = ao + 3 * aRs, r4 = ao + 4 * aRs, r5 = ao + 5 * aRs;
        for (int p = 0, q = 0; p < kc; p++, q += aCs, bo += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[r0 + q]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + q]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + q]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + q]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[r4 + q]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[r5 + q]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
        }
        if (bias != null) {
            FloatVector d0 = FloatVector.fromArray(S, bias, biasOff);
            FloatVector d1 = FloatVector.fromArray(S, bias, biasOff + L);
            c00 = c00.add(d0);
            c01 = c01.add(d1);
            c10 = c10.add(d0);
            c11 = c11.add(d1);
            c20 = c20.add(d0);
            c21 = c21.add(d1);
            c30 = c30.add(d0);
            c31 = c31.add(d1);
            c40 = c40.add(d0);
            c41 = c41.add(d1);
            c50 = c50.add(d0);
            c51 = c51.add(d1);
        }
        if (act != Activation.NONE) {
            c00 = activate(c00, act);
            c01 = activate(c01, act);
            c10 = activate(c10, act);
            c11 = activate(c11, act);
            c20 = activate(c20, act);
            c21 = activate(c21, act);
            c30 = activate(c30, act);
            c31 = activate(c31, act);
            c40 = activate(c40, act);
            c41 = activate(c41, act);
            c50 = activate(c50, act);
            c51 = activate(c51, act);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + 1 * ldc);
        c11.intoArray(c, co + 1 * ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
    }

    /** The 4 x 4 tile at width 0: the same fma chain per element as the vector kernel. */
    private static void scalarKernel(int kc, float[] a, int ao, int aRs, int aCs, float[] bp, int bo, float[] c, int co,
            int ldc, boolean load, float[] bias, int biasOff, Activation act) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        if (load) {
            c00 = c[co + 0 * ldc + 0]; c01 = c[co + 0 * ldc + 1]; c02 = c[co + 0 * ldc + 2]; c03 = c[co + 0 * ldc + 3];
            c10 = c[co + 1 * ldc + 0]; c11 = c[co + 1 * ldc + 1]; c12 = c[co + 1 * ldc + 2]; c13 = c[co + 1 * ldc + 3];
            c20 = c[co + 2 * ldc + 0]; c21 = c[co + 2 * ldc + 1]; c22 = c[co + 2 * ldc + 2]; c23 = c[co + 2 * ldc + 3];
            c30 = c[co + 3 * ldc + 0]; c31 = c[co + 3 * ldc + 1]; c32 = c[co + 3 * ldc + 2]; c33 = c[co + 3 * ldc + 3];
        }
        int r0 = ao, r1 = ao + aRs, r2 = ao + 2 * aRs, r3 = ao + 3 * aRs;
        for (int p = 0, q = 0; p < kc; p++, q += aCs, bo += 4) {
            float b0 = bp[bo], b1 = bp[bo + 1], b2 = bp[bo + 2], b3 = bp[bo + 3];
            float a0 = a[r0 + q];
            c00 = Math.fma(a0, b0, c00); c01 = Math.fma(a0, b1, c01); c02 = Math.fma(a0, b2, c02); c03 = Math.fma(a0, b3, c03);
            float a1 = a[r1 + q];
            c10 = Math.fma(a1, b0, c10); c11 = Math.fma(a1, b1, c11); c12 = Math.fma(a1, b2, c12); c13 = Math.fma(a1, b3, c13);
            float a2 = a[r2 + q];
            c20 = Math.fma(a2, b0, c20); c21 = Math.fma(a2, b1, c21); c22 = Math.fma(a2, b2, c22); c23 = Math.fma(a2, b3, c23);
            float a3 = a[r3 + q];
            c30 = Math.fma(a3, b0, c30); c31 = Math.fma(a3, b1, c31); c32 = Math.fma(a3, b2, c32); c33 = Math.fma(a3, b3, c33);
        }
        float[] t = {c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33};
        for (int r = 0; r < 4; r++) {
            for (int x = 0; x < 4; x++) {
                float v = t[r * 4 + x];
                if (bias != null) {
                    v += bias[biasOff + x];
                }
                c[co + r * ldc + x] = act.apply(v);
            }
        }
    }

    /**
     * Small problems without packing: each element is the same ascending fma chain as in the packed
     * path, vectorised across columns when B's rows are contiguous.
     */
    static void direct(Job j, int m0, int m1, int n0, int n1) {
        int vecEnd = SCALAR || j.bCs != 1 ? n0 : n0 + (n1 - n0) / L * L;
        for (int i = m0; i < m1; i++) {
            int aRow = j.aOff + i * j.aRs;
            int cRow = j.cOff + i * j.ldc;
            for (int x = n0; x < vecEnd; x += L) {
                FloatVector acc = j.accumulate ? FloatVector.fromArray(S, j.c, cRow + x) : FloatVector.zero(S);
                for (int p = 0, ai = aRow, bi = j.bOff + x; p < j.k; p++, ai += j.aCs, bi += j.bRs) {
                    acc = FloatVector.broadcast(S, j.a[ai]).fma(FloatVector.fromArray(S, j.b, bi), acc);
                }
                if (j.bias != null) {
                    acc = acc.add(FloatVector.fromArray(S, j.bias, j.biasOff + x));
                }
                activate(acc, j.act).intoArray(j.c, cRow + x);
            }
            for (int x = vecEnd; x < n1; x++) {
                float s = j.accumulate ? j.c[cRow + x] : 0;
                for (int p = 0, ai = aRow, bi = j.bOff + x * j.bCs; p < j.k; p++, ai += j.aCs, bi += j.bRs) {
                    s = Math.fma(j.a[ai], j.b[bi], s);
                }
                if (j.bias != null) {
                    s += j.bias[j.biasOff + x];
                }
                j.c[cRow + x] = j.act.inRegisters() ? j.act.apply(s) : s;
            }
            if (!j.act.inRegisters()) {
                for (int x = n0; x < n1; x++) {
                    j.c[cRow + x] = j.act.apply(j.c[cRow + x]);
                }
            }
        }
    }

    /** k = 0: every element is the activation of its bias (or of 0), plus C's old value when accumulating. */
    private static void fillEpilogue(Job j, int m0, int m1, int n0, int n1) {
        for (int i = m0; i < m1; i++) {
            for (int x = n0; x < n1; x++) {
                float v = j.accumulate ? j.c[j.cOff + i * j.ldc + x] : 0;
                if (j.bias != null) {
                    v += j.bias[j.biasOff + x];
                }
                j.c[j.cOff + i * j.ldc + x] = j.act.apply(v);
            }
        }
    }

    /**
     * A register activation on a vector (identity for the others, which {@link #applyAfter} applies):
     * relu and relu6 select, so NaN and -0 pass exactly as in the scalar reference kernels.
     */
    static FloatVector activate(FloatVector v, Activation act) {
        return switch (act) {
            case RELU -> v.blend(0f, v.lt(0f));
            case RELU6 -> v.blend(0f, v.lt(0f)).blend(6f, v.compare(VectorOperators.GT, 6f));
            default -> v;
        };
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** Packing buffers of one thread. */
    private static final class Buffers {
        private float[] a = new float[0];
        private float[] b = new float[0];
        final float[] tile = new float[MR * NR];
        final float[] biasTile = new float[NR];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }
}
