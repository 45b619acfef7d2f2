package dev.kiln.autograph;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.Printer;

/**
 * The text of {@link Autograph#toCode}, in the style of TensorFlow's {@code tf.autograph.to_code}: the
 * converted method as Python-like source. Each converted statement shows its extracted functions (nested
 * where the statement was, with {@code get_state}/{@code set_state} over the statement's variables) and
 * the {@code ag__.if_stmt}/{@code ag__.while_stmt}/{@code ag__.for_stmt} call; other calls are
 * {@code ag__.converted_call}s; the method returns through {@code do_return} and {@code retval_}. Java
 * control flow left in the method (branches on Java values) is shown as labels and {@code goto}s.
 */
final class CodeListing {
    private final ClassNode node;
    private final List<Object> sites;
    private final ConversionContext cx;
    private final Map<String, MethodNode> methods = new HashMap<>();
    private StringBuilder out = new StringBuilder();
    /** The variables of the statement whose function is being printed (names for slots the table misses). */
    private List<Var> vars;
    /** The statement whose function is being printed, or null in the method itself. */
    private Object site;

    /** A value on the symbolic stack that is not an expression. */
    private sealed interface Marker permits VarsArray, FunctionRef, SiteRef, Outcome, Hidden {}

    /** A variables array being packed (its entries, by index). */
    private record VarsArray(Map<Integer, String> entries) implements Marker {}

    private record FunctionRef(String name) implements Marker {}

    private record SiteRef(int index) implements Marker {}

    /** What a control-flow call returned: the variables after it (set by set_state), or its value. */
    private record Outcome(Object site, String valueText) implements Marker {}

    /** A value nothing should print (unpacking done by set_state). */
    private record Hidden() implements Marker {}

    private CodeListing(ClassNode node, List<Object> sites, ConversionContext cx) {
        this.node = node;
        this.sites = sites;
        this.cx = cx;
        for (MethodNode m : node.methods) {
            methods.put(m.name, m);
        }
    }

    static String of(ClassNode node, List<Object> sites, ConversionContext cx) {
        CodeListing l = new CodeListing(node, sites, cx);
        MethodNode entry = node.methods.get(0);
        l.line(0, "def " + entry.name + "(" + String.join(", ", l.parameters(entry)) + "):");
        l.line(1, "do_return = False");
        l.line(1, "retval_ = ag__.UndefinedReturnValue()");
        l.body(entry, 1, 0);
        return l.out.toString();
    }

    static String unconverted(Method method) {
        return "# " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + " has no tensor-dependent control flow: autograph leaves it as it is\n";
    }

    private void line(int indent, String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }

    private List<String> parameters(MethodNode m) {
        List<String> names = new ArrayList<>();
        int slot = 0;
        for (Type t : Type.getArgumentTypes(m.desc)) {
            String n = name(m, slot, 0);
            names.add(n == null ? "arg" + slot : n.equals("this") ? "self" : n);
            slot += t.getSize();
        }
        return names;
    }

    /** The variable name of {@code slot} around instruction {@code at} of {@code m}, or null for a nameless slot. */
    private String name(MethodNode m, int slot, int at) {
        if (slot == cx.breakIndex()) {
            return "break_";
        }
        if (slot == cx.returnIndex()) {
            return "do_return";
        }
        if (slot == cx.retvalIndex()) {
            return "retval_";
        }
        if (m.localVariables != null) {
            for (LocalVariableNode lv : m.localVariables) {
                if (lv.index == slot && m.instructions.indexOf(lv.start) <= at && at <= m.instructions.indexOf(lv.end)) {
                    return lv.name;
                }
            }
        }
        if (vars != null && slot < cx.locals && !vars.get(slot).name().startsWith("local")) {
            return vars.get(slot).name();
        }
        if (m.localVariables != null) {
            for (LocalVariableNode lv : m.localVariables) {
                if (lv.index == slot && m.instructions.indexOf(lv.start) > at) {
                    return lv.name;
                }
            }
        }
        return null;
    }

    /**
     * Prints the statements of {@code m} from instruction {@code from}. Extracted functions start after
     * their prologue (the unpacking of the variables array), which the caller skips.
     */
    private void body(MethodNode m, int indent, int from) {
        int before = out.length();
        AbstractInsnNode[] insns = m.instructions.toArray();
        Set<LabelNode> targets = new HashSet<>();
        for (int i = from; i < insns.length; i++) {
            if (insns[i] instanceof JumpInsnNode j && !trivial(j)) {
                targets.add(j.label);
            }
        }
        Map<LabelNode, Integer> labelNumbers = new HashMap<>();
        Map<LabelNode, String> handlers = new HashMap<>();
        for (TryCatchBlockNode t : m.tryCatchBlocks) {
            handlers.putIfAbsent(t.handler, t.type == null ? "BaseException" : Type.getObjectType(t.type).getClassName());
        }
        Deque<Object> stack = new ArrayDeque<>();
        Map<Integer, Object> temps = new HashMap<>();
        for (int i = from; i < insns.length; i++) {
            AbstractInsnNode insn = insns[i];
            if (insn instanceof LabelNode l) {
                if (targets.contains(l)) {
                    line(indent, label(labelNumbers, l) + ":");
                }
                if (handlers.containsKey(l)) {
                    // The JVM enters a handler with the exception as the only stack value.
                    line(indent, "except " + handlers.get(l) + " as exc:");
                    stack.clear();
                    stack.push("exc");
                }
                continue;
            }
            if (insn.getOpcode() < 0) {
                continue;
            }
            statement(m, insn, i, indent, stack, temps, labelNumbers);
        }
        if (out.length() == before) {
            line(indent, "pass");
        }
    }

    /** Whether jump {@code j} only goes where running on would go anyway (after following plain gotos). */
    private static boolean trivial(JumpInsnNode j) {
        return j.getOpcode() == Opcodes.GOTO && landing(j.getNext()) == landing(j.label);
    }

    /** The first real instruction at or after {@code insn}, following unconditional jumps. */
    private static AbstractInsnNode landing(AbstractInsnNode insn) {
        AbstractInsnNode p = insn;
        for (int hops = 0; p != null && hops < 1000; hops++) {
            if (p.getOpcode() < 0) {
                p = p.getNext();
            } else if (p instanceof JumpInsnNode j && j.getOpcode() == Opcodes.GOTO) {
                p = j.label;
            } else {
                return p;
            }
        }
        return p;
    }

    private static String label(Map<LabelNode, Integer> numbers, LabelNode l) {
        return "L" + numbers.computeIfAbsent(l, k -> numbers.size() + 1);
    }

    private boolean isTemp(int slot) {
        return slot >= cx.varsLength();
    }

    private void statement(MethodNode m, AbstractInsnNode insn, int i, int indent, Deque<Object> stack,
            Map<Integer, Object> temps, Map<LabelNode, Integer> labels) {
        int op = insn.getOpcode();
        switch (insn) {
            case VarInsnNode v when op >= Opcodes.ILOAD && op <= Opcodes.ALOAD -> {
                String n = isTemp(v.var) ? null : name(m, v.var, i);
                stack.push(n == null ? temps.getOrDefault(v.var, "local" + v.var) : "ag__.ld(" + n + ")");
            }
            case VarInsnNode v -> {
                Object value = stack.pop();
                String n = isTemp(v.var) ? null : name(m, v.var, i + 1);
                if (n == null) {
                    temps.put(v.var, value);
                } else if (!(value instanceof Marker)) {
                    line(indent, n + " = " + value);
                }
            }
            case IincInsnNode inc -> {
                String n = name(m, inc.var, i);
                line(indent, (n == null ? "local" + inc.var : n) + " += " + inc.incr);
            }
            case LdcInsnNode l -> stack.push(switch (l.cst) {
                case String s -> "'" + s.replace("'", "\\'") + "'";
                case Handle h -> new FunctionRef(h.getName());
                case ConstantDynamic c -> new SiteRef((Integer) c.getBootstrapMethodArgument(0));
                case Type t -> t.getClassName() + ".class";
                default -> String.valueOf(l.cst);
            });
            case IntInsnNode n when op != Opcodes.NEWARRAY -> stack.push(Integer.toString(n.operand));
            case FieldInsnNode f -> field(f, indent, stack);
            case TypeInsnNode t -> type(t, stack);
            case MethodInsnNode call -> call(m, call, indent, stack);
            case InvokeDynamicInsnNode d when ProtectedAccess.original(d) != null -> statement(m, ProtectedAccess.original(d), i,
                    indent, stack, temps, labels);
            case InvokeDynamicInsnNode d -> {
                List<String> args = args(stack, Type.getArgumentTypes(d.desc).length);
                String target = CallConversion.isConvertedCall(d) ? ((Type) d.bsmArgs[0]).getClassName() + "." + d.name
                        : d.name;
                String text = "ag__.converted_call(" + target + ", " + tuple(args) + ", None, fscope)";
                if (Type.getReturnType(d.desc).getSort() == Type.VOID) {
                    line(indent, text);
                } else {
                    stack.push(text);
                }
            }
            case JumpInsnNode j -> jump(j, indent, stack, labels);
            case InsnNode n -> simple(m, n, indent, stack);
            default -> line(indent, "# " + Printer.OPCODES[op].toLowerCase());
        }
    }

    private void field(FieldInsnNode f, int indent, Deque<Object> stack) {
        String owner = Type.getObjectType(f.owner).getClassName();
        owner = owner.substring(owner.lastIndexOf('.') + 1);
        switch (f.getOpcode()) {
            case Opcodes.GETSTATIC -> stack.push(f.owner.equals("java/lang/Boolean") ? (f.name.equals("TRUE") ? "True" : "False")
                    : owner + "." + f.name);
            case Opcodes.PUTSTATIC -> line(indent, owner + "." + f.name + " = " + stack.pop());
            case Opcodes.GETFIELD -> stack.push(stack.pop() + "." + f.name);
            default -> {
                Object value = stack.pop();
                line(indent, stack.pop() + "." + f.name + " = " + value);
            }
        }
    }

    private void type(TypeInsnNode t, Deque<Object> stack) {
        switch (t.getOpcode()) {
            case Opcodes.ANEWARRAY -> {
                stack.pop();
                stack.push(t.desc.equals("java/lang/Object") ? new VarsArray(new HashMap<>()) : "[]");
            }
            case Opcodes.NEW -> stack.push("new " + Type.getObjectType(t.desc).getClassName());
            case Opcodes.INSTANCEOF -> stack.push("isinstance(" + stack.pop() + ", " + t.desc + ")");
            default -> {
                // checkcast: the value as it is
            }
        }
    }

    private void call(MethodNode m, MethodInsnNode call, int indent, Deque<Object> stack) {
        Type[] argTypes = Type.getArgumentTypes(call.desc);
        Type ret = Type.getReturnType(call.desc);
        if (call.owner.equals(Autograph.INTERNAL_NAME)) {
            controlFlow(m, call, indent, stack);
            return;
        }
        if (isBoxing(call)) {
            return;
        }
        List<String> args = args(stack, argTypes.length);
        String target;
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            String owner = call.owner.equals(cx.conventions.rangeFactoryOwner()) ? cx.conventions.rangeOwner() : call.owner;
            target = "ag__.ld(" + simpleName(owner) + ")." + call.name;
        } else {
            Object receiver = stack.pop();
            if (call.name.equals("<init>")) {
                // new C(args): the receiver is the NEW (and its DUP) on the stack.
                stack.pop();
                stack.push("ag__.converted_call(" + ((String) receiver).substring(4) + ", " + tuple(args) + ", None, fscope)");
                return;
            }
            target = receiver + "." + call.name;
        }
        String text = "ag__.converted_call(" + target + ", " + tuple(args) + ", None, fscope)";
        if (ret.getSort() == Type.VOID) {
            line(indent, text);
        } else {
            stack.push(text);
        }
    }

    private static final Set<String> BOXES = Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Float",
            "java/lang/Double", "java/lang/Boolean", "java/lang/Short", "java/lang/Byte", "java/lang/Character");

    /** The boxing and unboxing of packed variables: the value as it is. */
    private static boolean isBoxing(MethodInsnNode call) {
        if (!BOXES.contains(call.owner)) {
            return false;
        }
        Type[] args = Type.getArgumentTypes(call.desc);
        return call.name.equals("valueOf") && args.length == 1 && args[0].getSort() < Type.ARRAY
                || call.name.endsWith("Value") && args.length == 0;
    }

    private static String simpleName(String internal) {
        return internal.substring(internal.lastIndexOf('/') + 1);
    }

    private List<String> args(Deque<Object> stack, int n) {
        String[] a = new String[n];
        for (int k = n - 1; k >= 0; k--) {
            a[k] = String.valueOf(stack.pop());
        }
        return List.of(a);
    }

    private static String tuple(List<String> items) {
        return items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
    }

    private static String names(List<String> names) {
        return names.size() == 1 ? "('" + names.get(0) + "',)" : "(" + String.join(", ",
                names.stream().map(n -> "'" + n + "'").toList()) + ")";
    }

    private void controlFlow(MethodNode m, MethodInsnNode call, int indent, Deque<Object> stack) {
        switch (call.name) {
            case "ifStmt" -> {
                SiteRef site = (SiteRef) stack.pop();
                stack.pop();
                FunctionRef otherwise = (FunctionRef) stack.pop();
                FunctionRef then = (FunctionRef) stack.pop();
                Object cond = stack.pop();
                IfSite s = (IfSite) sites.get(site.index());
                int n = number(then.name());
                List<String> state = new ArrayList<>(s.outputNames());
                if (s.result() == IfSite.Result.RETURN) {
                    state.addAll(List.of("do_return", "retval_"));
                }
                String thenText = captured(() -> body(methods.get(then.name()), 0, prologueEnd(methods.get(then.name()))));
                String elseText = captured(() -> body(methods.get(otherwise.name()), 0,
                        prologueEnd(methods.get(otherwise.name()))));
                String constantTrue = "do_return = True\nretval_ = True\n";
                String constantFalse = "do_return = True\nretval_ = False\n";
                if (s.result() == IfSite.Result.RETURN && thenText.equals(constantTrue) && elseText.equals(constantFalse)) {
                    stack.push(new Outcome(s, String.valueOf(cond)));
                    return;
                }
                if (s.result() == IfSite.Result.RETURN && thenText.equals(constantFalse) && elseText.equals(constantTrue)) {
                    stack.push(new Outcome(s, "not " + cond));
                    return;
                }
                if (s.result() == IfSite.Result.VALUE) {
                    // A conditional expression: ag__.if_exp over two functions returning the values.
                    out.append('\n');
                    function(indent, then.name(), "", List.of(), s);
                    function(indent, otherwise.name(), "", List.of(), s);
                    stack.push(new Outcome(s, "ag__.if_exp(" + cond + ", " + then.name() + ", " + otherwise.name() + ")"));
                    return;
                }
                stateFunctions(indent, n, state);
                function(indent, then.name(), "", state, s);
                function(indent, otherwise.name(), "", state, s);
                String text = "ag__.if_stmt(" + cond + ", " + then.name() + ", " + otherwise.name() + ", get_state_" + n
                        + ", set_state_" + n + ", " + names(state) + ", " + state.size() + ")";
                line(indent, text);
                stack.push(new Outcome(s, null));
            }
            case "whileStmt" -> {
                SiteRef site = (SiteRef) stack.pop();
                stack.pop();
                FunctionRef body = (FunctionRef) stack.pop();
                FunctionRef test = (FunctionRef) stack.pop();
                LoopSite s = (LoopSite) sites.get(site.index());
                int n = number(body.name());
                List<String> state = loopState(s);
                stateFunctions(indent, n, state);
                function(indent, body.name(), "", state, s);
                function(indent, test.name(), "", List.of(), s);
                line(indent, "ag__.while_stmt(" + test.name() + ", " + body.name() + ", get_state_" + n + ", set_state_" + n
                        + ", " + names(state) + ", {})");
                stack.push(new Outcome(s, null));
            }
            case "forStmt" -> {
                SiteRef site = (SiteRef) stack.pop();
                stack.pop();
                FunctionRef body = (FunctionRef) stack.pop();
                Object iterable = stack.pop();
                LoopSite s = (LoopSite) sites.get(site.index());
                int n = number(body.name());
                List<String> state = loopState(s);
                stateFunctions(indent, n, state);
                String element = s.vars().get(s.elementIndex()).name();
                function(indent, body.name(), "itr", state, s);
                line(indent, "ag__.for_stmt(" + iterable + ", None, " + body.name() + ", get_state_" + n + ", set_state_" + n
                        + ", " + names(state) + ", {'iterate_names': '" + element + "'})");
                stack.push(new Outcome(s, null));
            }
            case "unconverted" -> {
                Object reason = stack.pop();
                Object tensor = stack.pop();
                stack.push("ag__.converted_call(" + tensor + ".bool, (), None, fscope)  # not converted: " + reason);
            }
            case "condition" -> {
                // The do_return flag of a loop: used as it is.
            }
            default -> {
                List<String> args = args(stack, Type.getArgumentTypes(call.desc).length);
                stack.push("ag__." + call.name + tuple(args));
            }
        }
    }

    /** What {@code print} writes, without writing it. */
    private String captured(Runnable print) {
        StringBuilder saved = out;
        List<Var> savedVars = vars;
        out = new StringBuilder();
        try {
            print.run();
            return out.toString();
        } finally {
            out = saved;
            vars = savedVars;
        }
    }

    private static List<String> loopState(LoopSite s) {
        List<String> state = new ArrayList<>(s.stateNames());
        if (s.breakIndex() >= 0) {
            state.add("break_");
        }
        if (s.returnIndex() >= 0) {
            state.addAll(List.of("do_return", "retval_"));
        }
        return state;
    }

    private static int number(String function) {
        return Integer.parseInt(function.substring(function.lastIndexOf('_') + 1));
    }

    private void stateFunctions(int indent, int n, List<String> state) {
        out.append('\n');
        line(indent, "def get_state_" + n + "():");
        line(indent + 1, "return " + (state.isEmpty() ? "()" : tuple(state)));
        out.append('\n');
        line(indent, "def set_state_" + n + "(vars_):");
        if (state.isEmpty()) {
            line(indent + 1, "pass");
        } else {
            line(indent + 1, "nonlocal " + String.join(", ", state));
            line(indent + 1, tuple(state) + " = vars_");
        }
        out.append('\n');
    }

    /** Prints an extracted function nested at {@code indent}, skipping its prologue. */
    private void function(int indent, String name, String parameter, List<String> state, Object statement) {
        Object site = statement;
        MethodNode f = methods.get(name);
        line(indent, "def " + name + "(" + parameter + "):");
        if (!state.isEmpty() && !name.startsWith("loop_test")) {
            line(indent + 1, "nonlocal " + String.join(", ", state));
        }
        if (!parameter.isEmpty() && site instanceof LoopSite s) {
            line(indent + 1, s.vars().get(s.elementIndex()).name() + " = " + parameter);
        }
        List<Var> saved = vars;
        Object savedSite = this.site;
        vars = site instanceof IfSite i ? i.vars() : ((LoopSite) site).vars();
        this.site = site;
        body(f, indent + 1, prologueEnd(f));
        vars = saved;
        this.site = savedSite;
        out.append('\n');
    }

    /** The index after the jump that ends an extracted function's prologue. */
    private static int prologueEnd(MethodNode f) {
        AbstractInsnNode[] insns = f.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (insns[i].getOpcode() == Opcodes.GOTO) {
                return i + 1;
            }
        }
        return 0;
    }

    private void jump(JumpInsnNode j, int indent, Deque<Object> stack, Map<LabelNode, Integer> labels) {
        if (trivial(j)) {
            return;
        }
        String target = label(labels, j.label);
        int op = j.getOpcode();
        if (op == Opcodes.GOTO) {
            line(indent, "goto " + target);
            return;
        }
        String cond = switch (op) {
            case Opcodes.IFEQ -> "not " + stack.pop();
            case Opcodes.IFNE -> String.valueOf(stack.pop());
            case Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE -> stack.pop() + " " + compare(op) + " 0";
            case Opcodes.IFNULL -> stack.pop() + " is None";
            case Opcodes.IFNONNULL -> stack.pop() + " is not None";
            default -> {
                Object b = stack.pop();
                Object a = stack.pop();
                yield a + " " + compare(op) + " " + b;
            }
        };
        line(indent, "if " + cond + ": goto " + target);
    }

    private static String compare(int op) {
        return switch (op) {
            case Opcodes.IFLT, Opcodes.IF_ICMPLT -> "<";
            case Opcodes.IFGE, Opcodes.IF_ICMPGE -> ">=";
            case Opcodes.IFGT, Opcodes.IF_ICMPGT -> ">";
            case Opcodes.IFLE, Opcodes.IF_ICMPLE -> "<=";
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ACMPEQ -> "==";
            default -> "!=";
        };
    }

    private void simple(MethodNode m, InsnNode n, int indent, Deque<Object> stack) {
        int op = n.getOpcode();
        if (op == Opcodes.ACONST_NULL) {
            stack.push("None");
        } else if (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) {
            stack.push(Integer.toString(op - Opcodes.ICONST_0));
        } else if (op >= Opcodes.LCONST_0 && op <= Opcodes.DCONST_1) {
            stack.push(switch (op) {
                case Opcodes.LCONST_0, Opcodes.LCONST_1 -> Integer.toString(op - Opcodes.LCONST_0);
                case Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2 -> (op - Opcodes.FCONST_0) + ".0";
                default -> (op - Opcodes.DCONST_0) + ".0";
            });
        } else if (op == Opcodes.AASTORE) {
            Object value = stack.pop();
            Object index = stack.pop();
            Object array = stack.pop();
            if (array instanceof VarsArray v) {
                v.entries().put(Integer.parseInt(String.valueOf(index)), String.valueOf(value));
            } else {
                line(indent, array + "[" + index + "] = " + value);
            }
        } else if (op == Opcodes.AALOAD) {
            Object index = stack.pop();
            Object array = stack.pop();
            if (array instanceof Outcome o && Integer.parseInt(String.valueOf(index)) == cx.resultIndex()) {
                stack.push(o.valueText() != null && o.site() instanceof IfSite f && f.result() == IfSite.Result.VALUE
                        ? o.valueText() : o);
            } else if (array instanceof Marker) {
                stack.push(new Hidden());
            } else {
                stack.push(array + "[" + index + "]");
            }
        } else if (op == Opcodes.DUP) {
            stack.push(stack.peek());
        } else if (op == Opcodes.POP) {
            Object v = stack.pop();
            if (!(v instanceof Marker)) {
                line(indent, String.valueOf(v));
            }
        } else if (op >= Opcodes.IRETURN && op <= Opcodes.ARETURN) {
            returns(m, indent, stack.pop());
        } else if (op == Opcodes.RETURN) {
            line(indent, "do_return = True");
            line(indent, "return fscope.ret(retval_, do_return)");
        } else if (op == Opcodes.ATHROW) {
            line(indent, "raise " + stack.pop());
        } else if (op >= Opcodes.IADD && op <= Opcodes.LXOR) {
            binary(op, stack);
        } else {
            line(indent, "# " + Printer.OPCODES[op].toLowerCase());
        }
    }

    private void binary(int op, Deque<Object> stack) {
        if (op >= Opcodes.INEG && op <= Opcodes.DNEG) {
            stack.push("-" + stack.pop());
            return;
        }
        Object b = stack.pop();
        Object a = stack.pop();
        String sym = switch ((op - Opcodes.IADD) / 4) {
            case 0 -> "+";
            case 1 -> "-";
            case 2 -> "*";
            case 3 -> "/";
            case 4 -> "%";
            default -> switch (op) {
                case Opcodes.ISHL, Opcodes.LSHL -> "<<";
                case Opcodes.ISHR, Opcodes.LSHR, Opcodes.IUSHR, Opcodes.LUSHR -> ">>";
                case Opcodes.IAND, Opcodes.LAND -> "&";
                case Opcodes.IOR, Opcodes.LOR -> "|";
                default -> "^";
            };
        };
        stack.push("(" + a + " " + sym + " " + b + ")");
    }

    /** A return: of the method (through {@code retval_}), of a returning branch, of a loop test, or of packed variables. */
    private void returns(MethodNode m, int indent, Object value) {
        if (value instanceof VarsArray v) {
            String result = v.entries().get(cx.resultIndex());
            if (result != null && site instanceof IfSite f && f.result() == IfSite.Result.VALUE) {
                line(indent, "return " + result);
            } else if (result != null) {
                line(indent, "do_return = True");
                line(indent, "retval_ = " + result);
            }
            return;
        }
        if (m.desc.equals(FunctionExtraction.TEST_DESC)) {
            line(indent, "return " + (value instanceof Outcome o ? (o.valueText() != null ? o.valueText() : "retval_")
                    : value));
            return;
        }
        if (value instanceof Outcome || value instanceof Hidden) {
            if (!ConversionContext.returnsVars(m)) {
                line(indent, "return fscope.ret(retval_, do_return)");
            }
            return;
        }
        line(indent, "do_return = True");
        line(indent, "retval_ = " + value);
        line(indent, "return fscope.ret(retval_, do_return)");
    }
}
