package dev.kiln.autograph;

import java.util.List;

/** Methods with tensor-dependent control flow over {@link FakeTensor}, converted by the tests. */
public class Samples {
    private final double scale;
    final List<String> log;

    Samples(double scale, List<String> log) {
        this.scale = scale;
        this.log = log;
    }

    static FakeTensor relu(FakeTensor x) {
        if (x.greater(0).bool()) {
            return x;
        } else {
            return FakeTensor.of(0);
        }
    }

    static FakeTensor assignBoth(FakeTensor x) {
        FakeTensor y;
        if (x.greater(0).bool()) {
            y = x.mul(2);
        } else {
            y = x.neg();
        }
        return y.add(1);
    }

    static FakeTensor noElse(FakeTensor x) {
        FakeTensor y = x;
        if (x.greater(0).bool()) {
            y = x.mul(3);
        }
        return y;
    }

    static FakeTensor and(FakeTensor x, FakeTensor y) {
        FakeTensor r;
        if (x.greater(0).bool() && y.greater(0).bool()) {
            r = x.add(y);
        } else {
            r = x.sub(y);
        }
        return r;
    }

    static FakeTensor or(FakeTensor x, FakeTensor y) {
        FakeTensor r = FakeTensor.of(7);
        if (x.greater(0).bool() || y.greater(0).bool()) {
            r = x.mul(y);
        }
        return r;
    }

    static FakeTensor not(FakeTensor x) {
        FakeTensor r = x;
        if (!x.greater(0).bool()) {
            r = x.neg();
        }
        return r;
    }

    static FakeTensor ternary(FakeTensor x, FakeTensor y) {
        FakeTensor z = x.greater(0).bool() ? x : y;
        return z.add(x.add(y.greater(1).bool() ? y : x.neg()));
    }

    static FakeTensor elseIf(FakeTensor x) {
        FakeTensor r;
        if (x.greater(10).bool()) {
            r = FakeTensor.of(3);
        } else if (x.greater(5).bool()) {
            r = FakeTensor.of(2);
        } else if (x.greater(0).bool()) {
            r = FakeTensor.of(1);
        } else {
            r = FakeTensor.of(0);
        }
        return r.add(x);
    }

    static FakeTensor nested(FakeTensor x, FakeTensor y) {
        FakeTensor r = x;
        if (x.greater(0).bool()) {
            if (y.greater(0).bool()) {
                r = r.add(y);
            } else {
                r = r.sub(y);
            }
            r = r.mul(2);
        }
        return r;
    }

    static FakeTensor nestedReturns(FakeTensor x, FakeTensor y) {
        if (x.greater(0).bool()) {
            if (y.greater(0).bool()) {
                return x;
            } else {
                return y.mul(5);
            }
        }
        FakeTensor z = x.add(y);
        if (z.greater(-3).bool()) {
            return z;
        }
        return z.neg();
    }

    static int sign(FakeTensor x) {
        if (x.greater(0).bool()) {
            return 1;
        }
        return -1;
    }

    static FakeTensor primitives(FakeTensor x, long big, double d) {
        long k = big;
        double e = d;
        FakeTensor r = x;
        if (x.greater(0).bool()) {
            r = r.add(e);
        } else {
            r = r.mul(k);
        }
        return r.add(k + e);
    }

    void printBoth(FakeTensor x) {
        if (x.greater(0).bool()) {
            log.add("pos");
        } else {
            log.add("neg");
        }
    }

    FakeTensor scaled(FakeTensor x) {
        if (x.greater(0).bool()) {
            return x.mul(scale);
        }
        return x;
    }

    static FakeTensor halve(FakeTensor x) {
        while (x.greater(1).bool()) {
            x = x.mul(0.5);
        }
        return x;
    }

    static FakeTensor forCond(FakeTensor n) {
        FakeTensor acc = FakeTensor.of(0);
        for (FakeTensor i = FakeTensor.of(0); i.less(n).bool(); i = i.add(1)) {
            acc = acc.add(i);
        }
        return acc;
    }

    static FakeTensor whileBreak(FakeTensor n) {
        FakeTensor acc = FakeTensor.of(0);
        FakeTensor i = FakeTensor.of(0);
        while (i.less(n).bool()) {
            if (i.equal(5).bool()) {
                break;
            }
            acc = acc.add(i);
            i = i.add(1);
        }
        return acc;
    }

    static FakeTensor datasetSum(FakeDataset ds) {
        FakeTensor loss = FakeTensor.of(0);
        for (FakeDataset.Pair p : ds) {
            if (p.x().greater(2).bool()) {
                break;
            }
            loss = loss.add(p.y().sub(p.x()));
        }
        return loss;
    }

    static FakeTensor tryInLoopBody(FakeTensor n, java.util.List<String> log) {
        FakeTensor acc = FakeTensor.of(0);
        for (FakeTensor i : FakeOps.range(n)) {
            try (FakeScope scope = new FakeScope(log)) {
                acc = acc.add(scope.check(i));
            }
        }
        return acc;
    }

    static FakeTensor tryInBranch(FakeTensor x, java.util.List<String> log) {
        FakeTensor y;
        if (x.greater(0).bool()) {
            try {
                y = new FakeScope(log).check(x.add(-5));
            } catch (IllegalStateException e) {
                y = x.mul(10);
            }
        } else {
            y = x;
        }
        return y;
    }

    static FakeTensor tryInWhileBody(FakeTensor n, java.util.List<String> log) {
        FakeTensor i = FakeTensor.of(0);
        while (i.less(n).bool()) {
            try (FakeScope scope = new FakeScope(log)) {
                i = scope.check(i.add(1));
            }
        }
        return i;
    }

    static FakeTensor rangeSum(FakeTensor n) {
        FakeTensor acc = FakeTensor.of(0);
        for (FakeTensor i : FakeOps.range(n)) {
            acc = acc.add(i);
        }
        return acc;
    }

    static FakeTensor rangeBreakContinue(int n) {
        FakeTensor acc = FakeTensor.of(0);
        for (FakeTensor i : FakeOps.range(n)) {
            if (i.equal(7).bool()) {
                break;
            }
            if (i.mod(2).equal(1).bool()) {
                continue;
            }
            acc = acc.add(i);
        }
        return acc;
    }

    static FakeTensor returnFromLoop(FakeTensor n) {
        for (FakeTensor i : FakeOps.range(n)) {
            if (i.mul(i).greater(20).bool()) {
                return i;
            }
        }
        return FakeTensor.of(-1);
    }

    static FakeTensor javaLoopAroundIf(FakeTensor x, int times) {
        FakeTensor r = x;
        for (int k = 0; k < times; k++) {
            if (r.greater(0).bool()) {
                r = r.sub(FakeTensor.of(1));
            } else {
                r = r.add(2);
            }
        }
        return r;
    }

    static FakeTensor callsHelper(FakeTensor x) {
        return helper(x).add(1);
    }

    private static FakeTensor helper(FakeTensor x) {
        if (x.greater(0).bool()) {
            return x.mul(10);
        }
        return x;
    }

    static FakeTensor breakOutOfJavaLoop(FakeTensor x) {
        FakeTensor r = x;
        for (int k = 0; k < 3; k++) {
            if (r.greater(5).bool()) {
                break;
            }
            r = r.add(4);
        }
        return r;
    }

    static FakeTensor nestedLoops(FakeTensor n) {
        FakeTensor acc = FakeTensor.of(0);
        FakeTensor i = FakeTensor.of(0);
        while (i.less(n).bool()) {
            FakeTensor j = FakeTensor.of(0);
            while (j.less(i).bool()) {
                if (j.mod(2).equal(0).bool()) {
                    acc = acc.add(j);
                } else {
                    acc = acc.add(1);
                }
                j = j.add(1);
            }
            i = i.add(1);
        }
        return acc;
    }
}
