package dev.kiln.ir.text;

import dev.kiln.ir.AttrKind;
import dev.kiln.ir.AttrSpec;
import dev.kiln.ir.Attributes;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import java.util.List;
import java.util.Objects;

/**
 * The canonical text of attribute values by {@link AttrKind}: INT {@code -1}, FLOAT {@code 0.5}
 * (always with a {@code .}, an exponent or a word), BOOL {@code true}, STRING {@code "SAME"}, INTS
 * {@code [0, 1]}, DTYPE {@code f32}, SHAPE {@code [2,?]}, TENSOR a literal, TYPES
 * {@code [f32[?,784], i32[?]]}.
 *
 * <pre>{@code
 * AttrText.format(AttrKind.INTS, List.of(0L, 1L));   // "[0, 1]"
 * AttrText.quote("a\"b");                            // "\"a\\\"b\""
 * }</pre>
 */
public final class AttrText {
    private AttrText() {}

    /** {@code {name=value, ...}} of the attributes that differ from their defaults, in declared order; "" if none. */
    public static String formatAll(OpDef op, Attributes attrs) {
        StringBuilder sb = new StringBuilder();
        for (AttrSpec spec : op.attrs().values()) {
            Object v = attrs.get(spec.name());
            if (v == null || Objects.equals(v, spec.defaultValue())) {
                continue;
            }
            sb.append(sb.isEmpty() ? "{" : ", ").append(spec.name()).append('=');
            append(sb, spec.kind(), v);
        }
        return sb.isEmpty() ? "" : sb.append('}').toString();
    }

    /** One value of kind {@code kind}. */
    public static String format(AttrKind kind, Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, kind, value);
        return sb.toString();
    }

    static void append(StringBuilder sb, AttrKind kind, Object value) {
        switch (kind) {
            case INT -> sb.append((long) (Long) value);
            case FLOAT -> sb.append(LiteralText.formatDouble((Double) value));
            case BOOL -> sb.append((boolean) (Boolean) value);
            case STRING -> sb.append(quote((String) value));
            case INTS -> {
                sb.append('[');
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(list.get(i));
                }
                sb.append(']');
            }
            case DTYPE -> sb.append(((DType) value).irName());
            case SHAPE -> sb.append(((Shape) value).toIrString());
            case TENSOR -> LiteralText.appendLiteral(sb, (Literal) value);
            case TYPES -> {
                sb.append('[');
                List<?> list = (List<?>) value;
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i > 0 ? ", " : "").append(((TensorType) list.get(i)).toIrString());
                }
                sb.append(']');
            }
        }
    }

    /**
     * A double-quoted string with {@code \" \\ \n \t \r} escaped and other control characters written
     * {@code \}{@code uXXXX}, so that a printed string never spans lines.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
