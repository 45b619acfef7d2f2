package dev.kiln.ir.text;

import dev.kiln.ir.AttrKind;
import dev.kiln.ir.AttrSpec;
import dev.kiln.ir.DType;
import dev.kiln.ir.Literal;
import dev.kiln.ir.OpDef;
import dev.kiln.ir.Shape;
import dev.kiln.ir.TensorType;
import dev.kiln.ir.Type;
import dev.kiln.ir.VariableType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the leaf terms of the text format: types, shapes, attribute values (by the kind the op
 * declares, so {@code [2,?]} is a SHAPE or an INTS as declared) and literals. Every malformed term
 * raises {@link IrParseException} at the offending token.
 */
final class TermReader {
    /** The largest rank a shape may have (TensorFlow's limit); it also bounds literal nesting. */
    static final int MAX_RANK = 254;
    /** A splat literal expands to an array; this bounds the memory one may ask for. */
    static final long MAX_SPLAT_BYTES = 1L << 28;

    private final Lexer lx;

    TermReader(Lexer lx) {
        this.lx = lx;
    }

    Token expect(TokenKind kind, String what) {
        Token t = lx.next();
        if (t.kind() != kind) {
            throw lx.error(t, "expected " + what + ", found " + lx.describe(t));
        }
        return t;
    }

    boolean accept(TokenKind kind) {
        if (lx.peek().kind() == kind) {
            lx.next();
            return true;
        }
        return false;
    }

    // ---- types

    Type type() {
        Token t = expect(TokenKind.IDENT, "a type such as f32[2,3]");
        if (t.text().equals("var")) {
            expect(TokenKind.LANGLE, "'<' after var");
            // Read the held tensor type directly: a nested var is an error, and no recursion means no depth to limit.
            Token inner = expect(TokenKind.IDENT, "the tensor type a variable holds");
            if (inner.text().equals("var")) {
                throw lx.error(inner, "a variable holds a tensor, not a variable");
            }
            TensorType held = new TensorType(dtype(inner), shape());
            expect(TokenKind.RANGLE, "'>' closing var<...>");
            return new VariableType(held);
        }
        return new TensorType(dtype(t), shape());
    }

    DType dtype(Token t) {
        if (t.kind() == TokenKind.IDENT) {
            for (DType d : DType.values()) {
                if (d.irName().equals(t.text())) {
                    return d;
                }
            }
        }
        throw lx.error(t, "unknown dtype " + lx.describe(t) + " (expected bool, u8, i32, i64, f32 or f64)");
    }

    /** {@code [2,?,3]}, {@code []} (scalar) or {@code [*]} (unknown rank). */
    Shape shape() {
        expect(TokenKind.LBRACKET, "'[' starting a shape");
        if (accept(TokenKind.STAR)) {
            expect(TokenKind.RBRACKET, "']' after '*'");
            return Shape.unknownRank();
        }
        List<Integer> dims = new ArrayList<>();
        if (!accept(TokenKind.RBRACKET)) {
            do {
                Token t = lx.next();
                if (t.kind() == TokenKind.QUESTION) {
                    dims.add(Shape.UNKNOWN);
                } else if (t.kind() == TokenKind.NUMBER) {
                    long d = integer(t);
                    if (d < 0 || d > Integer.MAX_VALUE) {
                        throw lx.error(t, "a dimension is a size from 0 to " + Integer.MAX_VALUE + " or '?', got " + t.text());
                    }
                    dims.add((int) d);
                } else {
                    throw lx.error(t, "expected a dimension (a size or '?'), found " + lx.describe(t));
                }
                if (dims.size() > MAX_RANK) {
                    throw lx.error(t, "a shape has at most " + MAX_RANK + " dimensions");
                }
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.RBRACKET, "',' or ']' in a shape");
        }
        return Shape.of(dims);
    }

    // ---- attributes

    /** {@code {name=value, ...}} checked against the op's declaration; values have the declared kinds. */
    Map<String, Object> attributes(OpDef op) {
        expect(TokenKind.LBRACE, "'{'");
        Map<String, Object> out = new LinkedHashMap<>();
        if (accept(TokenKind.RBRACE)) {
            return out;
        }
        do {
            Token name = expect(TokenKind.IDENT, "an attribute name");
            AttrSpec spec = op.attrs().get(name.text());
            if (spec == null) {
                throw lx.error(name, op.name() + " has no attribute '" + name.text() + "'"
                        + (op.attrs().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", op.attrs().keySet()) + ")"));
            }
            if (out.containsKey(spec.name())) {
                throw lx.error(name, "attribute '" + spec.name() + "' is given twice");
            }
            expect(TokenKind.EQUALS, "'=' after the attribute name");
            out.put(spec.name(), attrValue(spec.kind()));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RBRACE, "',' or '}' after an attribute");
        return out;
    }

    Object attrValue(AttrKind kind) {
        return switch (kind) {
            case INT -> integer(expect(TokenKind.NUMBER, "an integer"));
            case FLOAT -> float64(lx.next());
            case BOOL -> bool(lx.next());
            case STRING -> expect(TokenKind.STRING, "a string in double quotes").text();
            case INTS -> ints();
            case DTYPE -> dtype(lx.next());
            case SHAPE -> shape();
            case TENSOR -> literal();
            case TYPES -> types();
        };
    }

    private List<Long> ints() {
        expect(TokenKind.LBRACKET, "'[' starting a list of integers");
        List<Long> out = new ArrayList<>();
        if (accept(TokenKind.RBRACKET)) {
            return out;
        }
        do {
            out.add(integer(expect(TokenKind.NUMBER, "an integer")));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RBRACKET, "',' or ']' in a list of integers");
        return List.copyOf(out);
    }

    private List<TensorType> types() {
        expect(TokenKind.LBRACKET, "'[' starting a list of tensor types");
        List<TensorType> out = new ArrayList<>();
        if (accept(TokenKind.RBRACKET)) {
            return out;
        }
        do {
            Token at = lx.peek();
            Type t = type();
            if (!(t instanceof TensorType tt)) {
                throw lx.error(at, "expected a tensor type in the list, found " + t.toIrString());
            }
            out.add(tt);
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RBRACKET, "',' or ']' in a list of tensor types");
        return List.copyOf(out);
    }

    // ---- literals

    /** {@code dense<TYPE: ...>} (nested lists, a scalar, or {@code base64"..."}) or {@code splat<TYPE: x>}. */
    Literal literal() {
        Token kw = lx.next();
        boolean splat = kw.is(TokenKind.IDENT, "splat");
        if (!splat && !kw.is(TokenKind.IDENT, "dense")) {
            throw lx.error(kw, "expected a literal (dense<...> or splat<...>), found " + lx.describe(kw));
        }
        expect(TokenKind.LANGLE, "'<' after " + kw.text());
        Token typeTok = lx.peek();
        Type t = type();
        if (!(t instanceof TensorType tt)) {
            throw lx.error(typeTok, "a literal has a tensor type, not " + t.toIrString());
        }
        Shape shape = tt.shape();
        DType dtype = tt.dtype();
        if (!shape.isFullyDefined()) {
            throw lx.error(typeTok, "a literal needs a fully defined shape, got " + shape.toIrString());
        }
        long n = elementCount(shape);
        expect(TokenKind.COLON, "':' after the literal's type");
        Object data;
        if (splat) {
            if (n < 0 || n * dtype.byteSize() > MAX_SPLAT_BYTES) {
                throw lx.error(typeTok, "splat literal of " + shape.toIrString() + " is too large (the limit is "
                        + MAX_SPLAT_BYTES + " bytes)");
            }
            Object one = Literal.newArray(dtype, 1);
            element(dtype, one, 0, lx.next());
            data = Literal.newArray(dtype, (int) n);
            fill(data, one, (int) n);
        } else if (lx.peek().is(TokenKind.IDENT, "base64")) {
            lx.next();
            data = base64(dtype, n, expect(TokenKind.STRING, "a base64 string in double quotes"), shape);
        } else {
            if (n < 0 || n > lx.remaining()) {
                throw lx.error(typeTok, "dense literal of " + shape.toIrString() + " needs " + elementCountText(shape)
                        + " elements, more than the rest of the text holds");
            }
            data = Literal.newArray(dtype, (int) n);
            if (shape.rank() == 0) {
                element(dtype, data, 0, lx.next());
            } else {
                nested(dtype, data, shape.dims(), 0, 0);
            }
        }
        expect(TokenKind.RANGLE, "'>' closing the literal");
        return Literal.wrap(dtype, shape, data);
    }

    private Object base64(DType dtype, long n, Token s, Shape shape) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s.text());
        } catch (IllegalArgumentException e) {
            throw lx.error(s, "invalid base64: " + e.getMessage());
        }
        if (n < 0 || bytes.length != n * dtype.byteSize()) {
            throw lx.error(s, "base64 data of " + bytes.length + " bytes does not hold " + elementCountText(shape)
                    + " " + dtype.irName() + " elements (" + dtype.byteSize() + " bytes each)");
        }
        if (dtype == DType.BOOL) {
            for (byte b : bytes) {
                if (b != 0 && b != 1) {
                    throw lx.error(s, "a bool element in base64 is the byte 0 or 1, got " + (b & 0xff));
                }
            }
        }
        return LiteralText.fromLittleEndianBytes(dtype, bytes, (int) n);
    }

    /** Reads dimension {@code depth} into {@code data} from flat index {@code index}; returns the next index. */
    private int nested(DType dtype, Object data, int[] dims, int depth, int index) {
        expect(TokenKind.LBRACKET, "'[' of dimension " + depth + " (size " + dims[depth] + ")");
        int next = index;
        for (int i = 0; i < dims[depth]; i++) {
            if (i > 0) {
                Token sep = lx.next();
                if (sep.kind() == TokenKind.RBRACKET) {
                    throw lx.error(sep, "dimension " + depth + " has size " + dims[depth] + " but " + i
                            + (i == 1 ? " element is" : " elements are") + " given");
                }
                if (sep.kind() != TokenKind.COMMA) {
                    throw lx.error(sep, "expected ',' between elements, found " + lx.describe(sep));
                }
            }
            if (depth == dims.length - 1) {
                element(dtype, data, next++, lx.next());
            } else {
                next = nested(dtype, data, dims, depth + 1, next);
            }
        }
        Token close = lx.next();
        if (close.kind() == TokenKind.COMMA || (dims[depth] == 0 && close.kind() != TokenKind.RBRACKET
                && close.kind() != TokenKind.EOF)) {
            throw lx.error(close, "dimension " + depth + " has size " + dims[depth] + " but more elements are given");
        }
        if (close.kind() != TokenKind.RBRACKET) {
            throw lx.error(close, "expected ']' closing dimension " + depth + ", found " + lx.describe(close));
        }
        return next;
    }

    /** Parses one element of {@code dtype} from {@code t} into {@code data[i]}. */
    private void element(DType dtype, Object data, int i, Token t) {
        switch (dtype) {
            case BOOL -> ((boolean[]) data)[i] = bool(t);
            case UINT8 -> ((byte[]) data)[i] = (byte) integerIn(t, 0, 255, "u8");
            case INT32 -> ((int[]) data)[i] = (int) integerIn(t, Integer.MIN_VALUE, Integer.MAX_VALUE, "i32");
            case INT64 -> ((long[]) data)[i] = integer(t);
            case FLOAT32 -> ((float[]) data)[i] = float32(t);
            case FLOAT64 -> ((double[]) data)[i] = float64(t);
        }
    }

    // ---- scalars

    boolean bool(Token t) {
        if (t.is(TokenKind.IDENT, "true")) {
            return true;
        }
        if (t.is(TokenKind.IDENT, "false")) {
            return false;
        }
        throw lx.error(t, "expected true or false, found " + lx.describe(t));
    }

    long integer(Token t) {
        if (t.kind() != TokenKind.NUMBER || !isIntegerText(t.text())) {
            throw lx.error(t, "expected an integer, found " + lx.describe(t));
        }
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw lx.error(t, "integer " + lx.describe(t) + " is out of the range of i64");
        }
    }

    private long integerIn(Token t, long min, long max, String dtypeName) {
        long v = integer(t);
        if (v < min || v > max) {
            throw lx.error(t, t.text() + " is out of the range of " + dtypeName + " [" + min + ", " + max + "]");
        }
        return v;
    }

    private float float32(Token t) {
        if (t.kind() == TokenKind.IDENT) {
            return (float) namedFloat(t);
        }
        if (t.kind() != TokenKind.NUMBER) {
            throw lx.error(t, "expected a number, nan, inf or -inf, found " + lx.describe(t));
        }
        float v = Float.parseFloat(t.text());
        if (Float.isInfinite(v)) {
            throw lx.error(t, t.text() + " is out of the range of f32 (write inf or -inf)");
        }
        return v;
    }

    double float64(Token t) {
        if (t.kind() == TokenKind.IDENT) {
            return namedFloat(t);
        }
        if (t.kind() != TokenKind.NUMBER) {
            throw lx.error(t, "expected a number, nan, inf or -inf, found " + lx.describe(t));
        }
        double v = Double.parseDouble(t.text());
        if (Double.isInfinite(v)) {
            throw lx.error(t, t.text() + " is out of the range of f64 (write inf or -inf)");
        }
        return v;
    }

    private double namedFloat(Token t) {
        return switch (t.text()) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw lx.error(t, "expected a number, nan, inf or -inf, found " + lx.describe(t));
        };
    }

    private static boolean isIntegerText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** The number of elements, or -1 when it exceeds what one Java array holds. */
    static long elementCount(Shape s) {
        int[] dims = s.dims();
        for (int d : dims) {
            if (d == 0) {
                return 0;
            }
        }
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                return -1;
            }
        }
        return n;
    }

    private static String elementCountText(Shape s) {
        long n = elementCount(s);
        return n >= 0 ? Long.toString(n) : "more than " + (Integer.MAX_VALUE - 8);
    }

    /** Fills {@code data[0..n)} with {@code one[0]} by doubling copies (works for every primitive array). */
    private static void fill(Object data, Object one, int n) {
        if (n == 0) {
            return;
        }
        System.arraycopy(one, 0, data, 0, 1);
        for (int filled = 1; filled < n; filled *= 2) {
            System.arraycopy(data, 0, data, filled, Math.min(filled, n - filled));
        }
    }
}
