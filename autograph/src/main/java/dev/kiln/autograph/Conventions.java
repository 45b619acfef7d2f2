package dev.kiln.autograph;

import java.util.function.Predicate;

/**
 * The names autograph looks for in bytecode, given by the layer that owns tensors (autograph itself
 * does not know that layer's classes).
 *
 * @param tensorClass internal name of the tensor class ({@code dev/kiln/Tensor})
 * @param boolMethod the tensor's {@code ()Z} method that turns a scalar bool into a Java boolean; an
 *     {@code if} or loop condition on its result is what autograph converts
 * @param rangeOwner internal name of the class with the static range factories ({@code dev/kiln/Tf})
 * @param rangeMethod their name ({@code range})
 * @param rangeFactoryOwner a class with static methods of the same name and parameters that return a lazy
 *     range (an {@code Object}) instead of a tensor: a for-each loop over a range calls these, so a
 *     range with a symbolic bound never has to exist as a tensor
 * @param datasetClass internal name of the dataset class ({@code dev/kiln/data/Dataset}): a for-each loop over
 *     it (whatever its element type) is converted too, so that a dataset the function receives can be staged
 *     as a graph loop; null when there is none
 * @param library internal names of classes whose methods are never converted (the tensor library, the JDK)
 */
public record Conventions(String tensorClass, String boolMethod, String rangeOwner, String rangeMethod,
        String rangeFactoryOwner, String datasetClass, Predicate<String> library) {
    /** The descriptor of the tensor class. */
    public String tensorDescriptor() {
        return "L" + tensorClass + ";";
    }

    /** Whether a for-each loop over a value of static type {@code internalName} is converted. */
    public boolean isIterable(String internalName) {
        return internalName.equals(tensorClass) || internalName.equals(datasetClass);
    }

    /** Whether {@code desc} (a method descriptor) mentions a tensor or a dataset. */
    public boolean mentionsConverted(String desc) {
        return desc.contains(tensorDescriptor()) || datasetClass != null && desc.contains("L" + datasetClass + ";");
    }

    /** Whether {@code internalName} is a JDK class or matches {@link #library}. */
    public boolean isLibrary(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("org/objectweb/asm/")
                || library.test(internalName);
    }
}
