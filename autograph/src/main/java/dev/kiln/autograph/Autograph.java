package dev.kiln.autograph;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * AutoGraph for Java: converts methods whose {@code if}/{@code while} conditions are tensors into code
 * that calls a {@link ControlFlow}, and is the entry point that converted code calls
 * ({@link #ifStmt}, {@link #whileStmt}, {@link #forStmt}, TensorFlow's {@code ag__.if_stmt} and friends).
 *
 * <pre>{@code
 * MethodHandle f = Autograph.converted(Model.class.getDeclaredMethod("relu", Tensor.class));
 * String listing = Autograph.toCode(Model.class.getDeclaredMethod("relu", Tensor.class));
 * }</pre>
 *
 * <p>The {@link ControlFlow} comes from the {@link ServiceLoader} (the tensor library provides one) unless
 * one is {@linkplain #install installed}.
 */
public final class Autograph {
    static final String INTERNAL_NAME = "dev/kiln/autograph/Autograph";
    private static final System.Logger LOG = System.getLogger("dev.kiln.autograph");
    private static final ConcurrentHashMap<Method, Optional<MethodHandle>> CONVERTED = new ConcurrentHashMap<>();
    private static final MethodHandle DISPATCH;

    static {
        try {
            DISPATCH = MethodHandles.lookup().findStatic(Autograph.class, "dispatch",
                    MethodType.methodType(Object.class, VirtualCall.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static volatile ControlFlow controlFlow;

    private Autograph() {}

    /** Uses {@code flow} from now on (instead of the service-loaded implementation); forgets earlier conversions. */
    public static void install(ControlFlow flow) {
        controlFlow = flow;
        CONVERTED.clear();
    }

    /** The control flow converted code calls. */
    public static ControlFlow controlFlow() {
        ControlFlow c = controlFlow;
        if (c == null) {
            synchronized (Autograph.class) {
                c = controlFlow;
                if (c == null) {
                    c = ServiceLoader.load(ControlFlow.class, Autograph.class.getClassLoader()).findFirst()
                            .orElseThrow(() -> new IllegalStateException("no dev.kiln.autograph.ControlFlow implementation"
                                    + " is installed or on the class path"));
                    controlFlow = c;
                }
            }
        }
        return c;
    }

    // ---------------------------------------------------------------- conversion

    /**
     * The converted form of {@code method} as a handle (an instance method's receiver is its first
     * parameter), or null when the method has no tensor condition to convert or cannot be converted (it
     * then runs as it is, as TensorFlow does: "AutoGraph could not transform ... and will run it as-is").
     * Conversions are cached.
     */
    public static MethodHandle converted(Method method) {
        return CONVERTED.computeIfAbsent(method, Autograph::define).orElse(null);
    }

    private static Optional<MethodHandle> define(Method method) {
        try {
            ConvertedMethod c = convert(method);
            return c == null ? Optional.empty() : Optional.of(c.define(method.getDeclaringClass()));
        } catch (Unconvertible | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "AutoGraph could not transform " + method + " and will run it as-is: "
                    + e.getMessage());
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "AutoGraph could not load the converted " + method + " and will run it"
                    + " as-is: " + e);
            return Optional.empty();
        }
    }

    /**
     * Converts {@code method} without loading the result; null when it has nothing to convert.
     *
     * @throws IllegalArgumentException when its class file cannot be read
     */
    public static ConvertedMethod convert(Method method) {
        Class<?> owner = method.getDeclaringClass();
        Conventions conv = controlFlow().conventions();
        String internal = Type.getInternalName(owner);
        if (conv.isLibrary(internal) || owner.isHidden()) {
            return null;
        }
        byte[] bytes = classFile(owner);
        String desc = Type.getMethodDescriptor(method);
        ClassLoader loader = owner.getClassLoader() != null ? owner.getClassLoader() : Autograph.class.getClassLoader();
        if (!new ConversionNeed(conv, loader).needs(internal, method.getName(), desc)) {
            return null;
        }
        return MethodConverter.convert(conv, loader, bytes, method.getName(), desc,
                internal + "$$Autograph$" + method.getName().replace('$', '_'));
    }

    /**
     * The converted method as readable text, TensorFlow's {@code tf.autograph.to_code}: the method renamed
     * {@code tf__<name>}, each converted statement as its extracted functions and an
     * {@code ag__.if_stmt}/{@code ag__.while_stmt}/{@code ag__.for_stmt} call, returns through
     * {@code do_return}/{@code retval_}.
     */
    public static String toCode(Method method) {
        ConvertedMethod c = convert(method);
        if (c == null) {
            return CodeListing.unconverted(method);
        }
        return c.toCode();
    }

    static byte[] classFile(Class<?> owner) {
        String resource = Type.getInternalName(owner) + ".class";
        ClassLoader loader = owner.getClassLoader() != null ? owner.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("the class file of " + owner.getName() + " is not available");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the class file of " + owner.getName(), e);
        }
    }

    // ---------------------------------------------------------------- called by converted code

    /** {@code ag__.if_stmt}: see {@link ControlFlow#ifStmt}. */
    public static Object[] ifStmt(Object cond, MethodHandle then, MethodHandle otherwise, Object[] vars, Object site) {
        return controlFlow().ifStmt(cond, branch(then), branch(otherwise), vars, (IfSite) site);
    }

    /** {@code ag__.while_stmt}: see {@link ControlFlow#whileStmt}. */
    public static Object[] whileStmt(MethodHandle test, MethodHandle body, Object[] vars, Object site) {
        LoopTest t = v -> {
            try {
                return (Object) test.invokeExact(v);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        };
        return controlFlow().whileStmt(t, branch(body), vars, (LoopSite) site);
    }

    /** {@code ag__.for_stmt}: see {@link ControlFlow#forStmt}. */
    public static Object[] forStmt(Object iterable, MethodHandle body, Object[] vars, Object site) {
        return controlFlow().forStmt(iterable, branch(body), vars, (LoopSite) site);
    }

    /** {@code tensor.bool()} that could not be converted: see {@link ControlFlow#unconverted}. */
    public static boolean unconverted(Object tensor, String reason) {
        return controlFlow().unconverted(tensor, reason);
    }

    /** The {@code do_return} flag after a converted loop as a tensor to call {@code bool()} on: see {@link ControlFlow#condition}. */
    public static Object condition(Object flag) {
        return controlFlow().condition(flag);
    }

    /** The iterator of a for-each loop that could not be converted (a tensor's own iterator). */
    public static Iterator<?> unconvertedIterator(Object iterable, String reason) {
        return ((Iterable<?>) iterable).iterator();
    }

    private static Branch branch(MethodHandle h) {
        return v -> {
            try {
                return (Object[]) h.invokeExact(v);
            } catch (Throwable e) {
                throw rethrow(e);
            }
        };
    }

    /** Rethrows {@code t} as it is (checked exceptions of user code included). */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
        throw (T) t;
    }

    // ---------------------------------------------------------------- converted calls

    /**
     * Bootstrap of calls from converted code to user methods with tensors in their signature: links to
     * the converted callee when it has tensor conditions, else to the callee itself. Calls that dispatch
     * on the receiver are resolved per receiver class.
     */
    public static CallSite convertedCall(MethodHandles.Lookup hiddenCaller, String name, MethodType type, Class<?> owner,
            int opcode) throws ReflectiveOperationException {
        // The user's class resolves the callee: it may be a protected method of a superclass in another package.
        MethodHandles.Lookup caller = ownerLookup(hiddenCaller);
        boolean isStatic = opcode == Opcodes.INVOKESTATIC;
        MethodType declared = isStatic ? type : type.dropParameterTypes(0, 1);
        MethodHandle direct = isStatic ? caller.findStatic(owner, name, declared) : caller.findVirtual(owner, name, declared);
        Method target = caller.revealDirect(direct).reflectAs(Method.class, caller);
        if (isStatic || Modifier.isPrivate(target.getModifiers()) || Modifier.isFinal(target.getModifiers())
                || Modifier.isFinal(target.getDeclaringClass().getModifiers())) {
            MethodHandle c = converted(target);
            return new ConstantCallSite((c != null ? c : direct).asType(type));
        }
        VirtualCall call = new VirtualCall(name, declared.parameterArray(), direct);
        return new ConstantCallSite(DISPATCH.bindTo(call).asCollector(Object[].class, type.parameterCount()).asType(type));
    }

    /**
     * Bootstrap of a field access or call in converted code that the hidden class may not make itself: a
     * protected member of a superclass of the user's class in another package, or a {@code super.m()} call
     * (the hidden class is the user class's nest mate, not a subclass). The user's class looks it up.
     */
    public static CallSite ownerAccess(MethodHandles.Lookup hiddenCaller, String name, MethodType type, Class<?> owner,
            int opcode) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = ownerLookup(hiddenCaller);
        MethodHandle h = switch (opcode) {
            case Opcodes.GETFIELD -> lookup.findGetter(owner, name, type.returnType());
            case Opcodes.PUTFIELD -> lookup.findSetter(owner, name, type.parameterType(1));
            case Opcodes.GETSTATIC -> lookup.findStaticGetter(owner, name, type.returnType());
            case Opcodes.PUTSTATIC -> lookup.findStaticSetter(owner, name, type.parameterType(0));
            case Opcodes.INVOKESTATIC -> lookup.findStatic(owner, name, type);
            case Opcodes.INVOKEVIRTUAL -> lookup.findVirtual(owner, name, type.dropParameterTypes(0, 1));
            case Opcodes.INVOKESPECIAL -> {
                // super.m(...): that very implementation, converted when it has tensor conditions.
                MethodHandle direct = lookup.findSpecial(owner, name, type.dropParameterTypes(0, 1), lookup.lookupClass());
                MethodHandle c = converted(lookup.revealDirect(direct).reflectAs(Method.class, lookup));
                yield c != null ? c : direct;
            }
            default -> throw new IllegalArgumentException("opcode " + opcode);
        };
        return new ConstantCallSite(h.asType(type));
    }

    /** The full-privilege lookup of the user's class, the last entry of a converted class's class data. */
    private static MethodHandles.Lookup ownerLookup(MethodHandles.Lookup hiddenCaller) throws IllegalAccessException {
        List<?> data = MethodHandles.classData(hiddenCaller, ConstantDescs.DEFAULT_NAME, List.class);
        return (MethodHandles.Lookup) data.get(data.size() - 1);
    }

    private static Object dispatch(VirtualCall call, Object[] args) throws Throwable {
        Method impl = call.implementation(args[0].getClass());
        MethodHandle c = impl == null ? null : converted(impl);
        return (c != null ? c : call.direct()).invokeWithArguments(args);
    }

    /** A virtual call site: the method named, and how to call it without conversion. */
    private record VirtualCall(String name, Class<?>[] params, MethodHandle direct) {
        Method implementation(Class<?> receiver) {
            for (Class<?> c = receiver; c != null; c = c.getSuperclass()) {
                try {
                    Method m = c.getDeclaredMethod(name, params);
                    if (!Modifier.isAbstract(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                        return m;
                    }
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            return null;
        }
    }
}
