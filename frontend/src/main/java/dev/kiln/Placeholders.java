package dev.kiln;

import dev.kiln.data.GraphDataset;
import dev.kiln.ir.DType;
import dev.kiln.ir.TensorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the arguments a traced Java method receives: the call's arguments with every tensor (or
 * {@link TensorSpec}) replaced by a placeholder of the trace type's {@link TensorType}, and every
 * variable registered as a parameter of the graph. Walks arguments in the same order as
 * {@link TraceKey#of}, so the graph's parameters line up with a call's tensors and variables.
 */
final class Placeholders {
    private Placeholders() {}

    static Object[] of(Object[] args, TraceKey key, String[] names, TracingContext ctx) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = placeholder(args[i], key.parts()[i], i < names.length ? names[i] : "arg" + i, ctx);
        }
        return out;
    }

    private static List<TensorSpec> specs(List<TensorType> types) {
        return types.stream().map(TensorSpec::of).toList();
    }

    private static Object placeholder(Object arg, Object part, String name, TracingContext ctx) {
        switch (part) {
            case TensorType t -> {
                String n = arg instanceof TensorSpec s && s.name() != null ? s.name() : name;
                return ctx.parameter(n, t);
            }
            case Variable v -> {
                ctx.variableParameter(name, v);
                return v;
            }
            case TraceKey.DatasetKey d -> {
                return GraphDataset.of(ctx.parameter(name, TensorType.of(DType.INT64)), specs(d.elementTypes()));
            }
            case TraceKey.IteratorKey i -> {
                return DatasetResources.graphIterator(ctx.parameter(name, TensorType.of(DType.INT64)),
                        specs(i.elementTypes()));
            }
            case TraceKey.ListKey l -> {
                List<?> list = (List<?>) arg;
                List<Object> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    out.add(placeholder(list.get(i), l.parts()[i], name + "_" + i, ctx));
                }
                return Collections.unmodifiableList(out);
            }
            case TraceKey.MapKey m -> {
                Map<?, ?> map = (Map<?, ?>) arg;
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Object k : TraceKey.sortedKeys(map)) {
                    out.put(k, placeholder(map.get(k), m.parts().get(k), name + "_" + k, ctx));
                }
                return Collections.unmodifiableMap(out);
            }
            case TraceKey.RecordKey r -> {
                Object[] values = RecordAccess.components(arg);
                var comps = r.type().getRecordComponents();
                Object[] replaced = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    replaced[i] = placeholder(values[i], r.parts()[i], name + "_" + comps[i].getName(), ctx);
                }
                return RecordAccess.create(r.type(), replaced);
            }
            default -> {
                return arg;
            }
        }
    }
}
