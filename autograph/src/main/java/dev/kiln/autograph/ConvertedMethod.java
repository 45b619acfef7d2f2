package dev.kiln.autograph;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.ClassNode;

/**
 * The result of converting one method: a class (not yet defined) holding {@code tf__<name>}, the
 * functions extracted from it and the sites they use.
 */
public final class ConvertedMethod {
    private final ClassNode node;
    private final byte[] bytes;
    private final List<Object> sites;
    private final String entryName;
    private final String entryDesc;
    private final ConversionContext context;

    ConvertedMethod(ClassNode node, byte[] bytes, List<Object> sites, String entryName, String entryDesc,
            ConversionContext context) {
        this.node = node;
        this.bytes = bytes;
        this.sites = sites;
        this.entryName = entryName;
        this.entryDesc = entryDesc;
        this.context = context;
    }

    /** The class file of the converted class. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Internal name of the converted class (before the JVM makes it hidden). */
    public String className() {
        return node.name;
    }

    /** The converted method's name, {@code tf__<name>}. */
    public String entryName() {
        return entryName;
    }

    /** The sites of the converted statements, in the order the class data holds them. */
    public List<Object> sites() {
        return sites;
    }

    /** How many statements were converted. */
    public int statementCount() {
        return sites.size();
    }

    /**
     * Defines the class as a hidden class next to {@code owner} (a nest mate, so that private members of
     * {@code owner} stay accessible) and returns a handle to the converted method: for an instance method
     * its first parameter is the receiver.
     */
    public MethodHandle define(Class<?> owner) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
        // Class data: the sites, then the owner's lookup for what only the owner may reach (Autograph#ownerAccess).
        List<Object> data = new ArrayList<>(sites);
        data.add(lookup);
        MethodHandles.Lookup hidden = lookup.defineHiddenClassWithClassData(bytes, List.copyOf(data), true,
                MethodHandles.Lookup.ClassOption.NESTMATE);
        return hidden.findStatic(hidden.lookupClass(), entryName,
                MethodType.fromMethodDescriptorString(entryDesc, owner.getClassLoader()));
    }

    /** The readable listing of {@link Autograph#toCode}. */
    public String toCode() {
        return CodeListing.of(node, sites, context);
    }
}
