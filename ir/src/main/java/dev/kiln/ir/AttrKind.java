package dev.kiln.ir;

import java.util.List;

/** The kinds of op attributes, with the Java type each value has. */
public enum AttrKind {
    /** {@link Long}; text {@code 3}. */
    INT(Long.class),
    /** {@link Double}; text {@code 0.5}, {@code nan}, {@code inf}. */
    FLOAT(Double.class),
    /** {@link Boolean}; text {@code true}. */
    BOOL(Boolean.class),
    /** {@link String}; text {@code "SAME"}. */
    STRING(String.class),
    /** {@link List} of {@link Long}; text {@code [0, 1]}. */
    INTS(List.class),
    /** {@link DType}; text {@code f32}. */
    DTYPE(DType.class),
    /** {@link Shape}; text {@code [?,3]}. */
    SHAPE(Shape.class),
    /** {@link Literal}; text {@code dense<f32[2]: [1, 2]>} or {@code splat<f32[100]: 0>}. */
    TENSOR(Literal.class),
    /** {@link List} of {@link TensorType}; text {@code [f32[?,784], i32[?]]}. */
    TYPES(List.class);

    private final Class<?> javaType;

    AttrKind(Class<?> javaType) {
        this.javaType = javaType;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /** Whether {@code v} is a valid value of this kind. */
    public boolean accepts(Object v) {
        if (!javaType.isInstance(v)) {
            return false;
        }
        if (this == INTS || this == TYPES) {
            Class<?> element = this == INTS ? Long.class : TensorType.class;
            for (Object e : (List<?>) v) {
                if (!element.isInstance(e)) {
                    return false;
                }
            }
        }
        return true;
    }
}
