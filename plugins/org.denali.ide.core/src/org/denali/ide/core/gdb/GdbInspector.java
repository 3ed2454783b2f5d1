package org.denali.ide.core.gdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * gdb as the IDE's symbolic engine for ONE stopped VM at a time (docs/debugging.md). gdb is started on the guest
 * image and attached to an {@link InspectionProxy} that shows it the selected VM; it unwinds the stack with CFI,
 * lists variables and evaluates C expressions, while the IDE keeps the run control. Everything is keyed by the
 * stop: {@link #focus} on a new stop or another VM flushes gdb's register, frame and memory caches and drops the
 * variable objects of the previous one.
 * <p>
 * gdb is single-threaded; every method is synchronized and runs one MI command after the other.
 */
public final class GdbInspector implements AutoCloseable {
    /** gdb's number formats for {@link #setFormat}. */
    public static final List<String> FORMATS = List.of("natural", "hexadecimal", "decimal", "octal", "binary");

    private final Path image;
    private final InspectionProxy proxy;
    private GdbMi gdb;
    private int vm = -1;
    private long stop = -1;
    private final List<String> roots = new ArrayList<>();

    public GdbInspector(Path image, InspectionProxy.Target target) throws IOException {
        this.image = image;
        this.proxy = new InspectionProxy(target);
    }

    /** Shows gdb VM {@code vmId} as it is at stop number {@code stopCount}; cheap when nothing changed. */
    public synchronized void focus(int vmId, long stopCount) throws GdbException {
        if (gdb != null && !gdb.isAlive()) {
            gdb = null;
        }
        if (gdb != null && vmId == vm && stopCount == stop) {
            return;
        }
        proxy.show(vmId);
        if (gdb == null) {
            GdbMi started = GdbMi.start(image);
            started.command("-gdb-set stack-cache off");
            started.command("-gdb-set code-cache off");
            started.command("-gdb-set print elements 64");
            started.command("-target-select remote localhost:" + proxy.port());
            gdb = started;
            roots.clear();
        } else {
            for (String root : roots) {
                try {
                    gdb.command("-var-delete " + root);
                } catch (GdbException e) {
                    // already gone with its frame
                }
            }
            roots.clear();
            gdb.command("-interpreter-exec console \"maintenance flush register-cache\"");
            gdb.command("-interpreter-exec console \"maintenance flush dcache\"");
        }
        vm = vmId;
        stop = stopCount;
    }

    /** The register or memory state changed under gdb (a write the IDE made itself): read it again. */
    public synchronized void invalidate() {
        stop = -1;
    }

    /** The backtrace, innermost frame first. */
    public synchronized List<GdbFrame> frames() throws GdbException {
        MiValue.Tuple result = gdb().command("-stack-list-frames --thread 1").results();
        List<GdbFrame> frames = new ArrayList<>();
        for (MiValue frame : MiValue.elements(result.get("stack"))) {
            frames.add(GdbFrame.of((MiValue.Tuple) frame));
        }
        return frames;
    }

    /** Arguments then locals of frame {@code level}, each as a variable object. */
    public synchronized List<GdbVariable> variables(int level) throws GdbException {
        MiValue.Tuple result = gdb().command("-stack-list-variables --thread 1 --frame " + level + " --no-values")
                .results();
        List<GdbVariable> variables = new ArrayList<>();
        for (MiValue v : MiValue.elements(result.get("variables"))) {
            MiValue.Tuple variable = (MiValue.Tuple) v;
            String name = variable.text("name");
            variables.add(create(name, level, "1".equals(variable.text("arg"))));
        }
        return variables;
    }

    /** A variable object for any C expression gdb accepts in frame {@code level} (Expressions view, hover). */
    public synchronized GdbVariable expression(String expression, int level) throws GdbException {
        return create(expression, level, false);
    }

    /** The fields, elements or pointee of {@code parent}, each a variable object of its own. */
    public synchronized List<GdbVariable> children(GdbVariable parent) throws GdbException {
        MiValue.Tuple result = gdb().command("-var-list-children --all-values " + parent.varobj()).results();
        List<GdbVariable> children = new ArrayList<>();
        for (MiValue c : MiValue.elements(result.get("children"))) {
            MiValue.Tuple child = (MiValue.Tuple) c;
            String name = child.text("name");
            String expression = child.text("exp");
            String type = child.text("type");
            if (type == null) { // public/private/protected pseudo-children do not exist in C
                continue;
            }
            String path = parent.path() + (expression.matches("\\d+") ? "[" + expression + "]"
                    : parent.type().endsWith("*") ? "->" + expression : "." + expression);
            if (parent.type().endsWith("*") && expression.startsWith("*")) {
                path = "*(" + parent.path() + ")";
            }
            children.add(new GdbVariable(name, expression, path, type, child.text("value"),
                    Integer.parseInt(child.text("numchild")), false));
        }
        return children;
    }

    /** The C expression gdb builds for a variable object ({@code -var-info-path-expression}), e.g. {@code fast->sp}. */
    public synchronized String pathExpression(GdbVariable variable) throws GdbException {
        return gdb().command("-var-info-path-expression " + variable.varobj()).results().text("path_expr");
    }

    /** {@code -var-assign}: writes {@code value} (a C expression) into the variable; its new value. */
    public synchronized String assign(GdbVariable variable, String value) throws GdbException {
        return gdb().command("-var-assign " + variable.varobj() + " " + GdbMi.quote(value)).results().text("value");
    }

    /** Shows {@code variable} in {@code format} (one of {@link #FORMATS}); its value in that format. */
    public synchronized String setFormat(GdbVariable variable, String format) throws GdbException {
        return gdb().command("-var-set-format " + variable.varobj() + " " + format).results().text("value");
    }

    /** The value of {@code expression} in frame {@code level} as gdb prints it. */
    public synchronized String evaluate(String expression, int level) throws GdbException {
        return gdb().command("-data-evaluate-expression --thread 1 --frame " + level + " "
                + GdbMi.quote(expression)).results().text("value");
    }

    /** gdb's CLI output for {@code command} (e.g. {@code info line threads.c:67}). */
    public synchronized String console(String command) throws GdbException {
        return gdb().console(command);
    }

    @Override
    public synchronized void close() {
        if (gdb != null) {
            gdb.close();
            gdb = null;
        }
        proxy.close();
    }

    private GdbVariable create(String expression, int level, boolean argument) throws GdbException {
        MiValue.Tuple r = gdb().command("-var-create --thread 1 --frame " + level + " - * "
                + GdbMi.quote(expression)).results();
        String name = r.text("name");
        roots.add(name);
        return new GdbVariable(name, expression, expression, r.text("type"), r.text("value"),
                Integer.parseInt(r.text("numchild")), argument);
    }

    private GdbMi gdb() throws GdbException {
        if (gdb == null) {
            throw new GdbException("gdb is not attached to a stopped VM");
        }
        return gdb;
    }
}
