package dev.kiln.ir;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The op catalog as a markdown table, the text of {@code ir/OPS.md}: one row per op of
 * {@link OpCatalog#all()} with its TensorFlow name, operands, attributes (kind and default), regions,
 * flags and doc. A test keeps the file equal to {@link #markdown()}.
 */
public final class OpsTable {
    private OpsTable() {}

    /** The whole document, header and table, ending in a newline. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Op catalog\n\n")
                .append("Generated from `OpCatalog.all()` by `OpsTable.markdown()`; do not edit by hand. `OpsDocTest` fails\n")
                .append("when this file is stale; regenerate it with\n")
                .append("`./mvnw -B -q -pl ir test -Dtest=OpsDocTest -Dkiln.regenerate=true`.\n\n")
                .append("- Operands: `name...(n)` is variadic with at least n values.\n")
                .append("- Attributes: `name: KIND = default`; `name: KIND?` may be absent; `name: KIND` without a\n")
                .append("  default is required. Defaults are written as in the IR text format.\n")
                .append("- Flags: elementwise, commutative, side-effecting, random, differentiable (see `OpFlag`).\n\n")
                .append("| op | TF name | operands | attributes | regions | flags | doc |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (OpDef op : OpCatalog.all()) {
            sb.append("| `").append(op.name()).append("` | `").append(op.tfName()).append("` | ")
                    .append(operands(op)).append(" | ")
                    .append(attributes(op)).append(" | ")
                    .append(String.join(", ", op.regions())).append(" | ")
                    .append(flags(op)).append(" | ")
                    .append(escape(op.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String flags(OpDef op) {
        return op.flags().stream().map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }

    private static String operands(OpDef op) {
        return op.operands().stream()
                .map(o -> o.variadic() ? o.name() + "...(" + o.minCount() + ")" : o.name())
                .collect(Collectors.joining(", "));
    }

    private static String attributes(OpDef op) {
        return op.attrs().values().stream().map(OpsTable::attribute).collect(Collectors.joining("<br>"));
    }

    private static String attribute(AttrSpec a) {
        String head = "`" + a.name() + ": " + a.kind();
        if (a.defaultValue() != null) {
            return head + " = " + escape(value(a.kind(), a.defaultValue())) + "`";
        }
        return head + (a.optional() ? "?`" : "`");
    }

    /** An attribute value as the IR text format writes it. */
    private static String value(AttrKind kind, Object v) {
        return switch (kind) {
            case STRING -> quote((String) v);
            case INTS -> ((List<?>) v).stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
            case DTYPE -> ((DType) v).irName();
            case SHAPE -> ((Shape) v).toIrString();
            case TYPES -> ((List<?>) v).stream().map(t -> ((TensorType) t).toIrString()).collect(Collectors.joining(", ", "[", "]"));
            case FLOAT -> floatText((Double) v);
            default -> String.valueOf(v);
        };
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d).replace('E', 'e');
    }

    private static String quote(String s) {
        Map<Character, String> escapes = Map.of('"', "\\\"", '\\', "\\\\", '\n', "\\n", '\t', "\\t");
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            sb.append(escapes.getOrDefault(c, String.valueOf(c)));
        }
        return sb.append('"').toString();
    }

    /** A pipe would end the table cell. */
    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
