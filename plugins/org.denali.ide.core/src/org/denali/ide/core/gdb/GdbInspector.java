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
    private boolean attached;
    private final List<String> roots = new ArrayList<>();

    private final Path core;

    public GdbInspector(Path image, InspectionProxy.Target target) throws IOException {
        this.image = image;
        this.proxy = new InspectionProxy(target);
        this.core = null;
    }

    private GdbInspector(Path image, Path core) {
        this.image = image;
        this.proxy = null;
        this.core = core;
    }

    /**
     * gdb on {@code image} with the ELF core file {@code core} as its target ({@code core-file}): a
     * post-mortem session, one stop forever, no run control.
     *
     * @throws GdbException gdb's reason when it cannot open the core (not a core, not of this image...)
     */
    public static GdbInspector forCore(Path image, Path core) throws GdbException {
        GdbInspector inspector = new GdbInspector(image, core);
        GdbMi gdb = inspector.started();
        // the CLI's core-file takes the rest of the line as the file name (spaces included); MI's
        // -target-select core would hand gdb the quotes as part of the name
        gdb.console("core-file " + core);
        inspector.attached = true;
        return inspector;
    }

    /** Shows gdb VM {@code vmId} as it is at stop number {@code stopCount}; cheap when nothing changed. */
    public synchronized void focus(int vmId, long stopCount) throws GdbException {
        if (core != null) {
            return; // a core never changes
        }
        if (gdb != null && !gdb.isAlive()) {
            gdb = null;
        }
        if (gdb != null && attached && vmId == vm && stopCount == stop) {
            return;
        }
        proxy.show(vmId);
        if (gdb == null || !attached) {
            GdbMi started = started();
            started.command("-target-select remote localhost:" + proxy.port());
            attached = true;
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

    /**
     * Where gdb puts a breakpoint on {@code line} of {@code file} ({@code break FILE:LINE}): the address of each of
     * its locations, found by inserting a disabled breakpoint and deleting it again (nothing reaches the target:
     * gdb inserts breakpoints only when it resumes, which it never does here). gdb applies its own rules: one
     * location per block and function (the first statement of a line in a loop, not each of its rows), a line
     * without code slides to the next line with code in the same function, and it refuses a line with none.
     * Works before any VM stopped (gdb then has the image's symbols only).
     *
     * @throws GdbException with gdb's reason when it has no location for the line
     */
    public synchronized List<GdbLocation> lineLocations(String file, int line) throws GdbException {
        GdbMi engine = started();
        MiValue.Tuple result;
        try {
            result = engine.command("-break-insert -d " + GdbMi.quote(file + ":" + line)).results();
        } catch (GdbException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("No symbol table is loaded")) {
                throw e;
            }
            // gdb started while the image was being relinked (a build racing the launch): read it again
            engine.command("-file-exec-and-symbols " + GdbMi.quote(image.toString()));
            result = engine.command("-break-insert -d " + GdbMi.quote(file + ":" + line)).results();
        }
        MiValue.Tuple breakpoint = (MiValue.Tuple) result.get("bkpt");
        List<GdbLocation> found = new ArrayList<>();
        try {
            List<MiValue> locations = MiValue.elements(breakpoint.get("locations"));
            if (locations.isEmpty()) {
                found.add(GdbLocation.of(breakpoint));
            }
            for (MiValue location : locations) {
                found.add(GdbLocation.of((MiValue.Tuple) location));
            }
        } catch (RuntimeException e) {
            throw new GdbException("gdb has no address for " + file + ":" + line + " (" + e.getMessage() + ")");
        } finally {
            engine.command("-break-delete " + breakpoint.text("number"));
        }
        return found;
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

    /** The registers gdb has for the selected thread, as {@code name -> value} (hex), in gdb's order. */
    public synchronized java.util.LinkedHashMap<String, String> registers() throws GdbException {
        List<MiValue> names = MiValue.elements(gdb().command("-data-list-register-names").results()
                .get("register-names"));
        java.util.LinkedHashMap<String, String> registers = new java.util.LinkedHashMap<>();
        for (MiValue v : MiValue.elements(gdb().command("-data-list-register-values --skip-unavailable x")
                .results().get("register-values"))) {
            MiValue.Tuple register = (MiValue.Tuple) v;
            int number = Integer.parseInt(register.text("number"));
            String name = number < names.size() && names.get(number) instanceof MiValue.Text t ? t.text() : "";
            if (!name.isEmpty()) {
                registers.put(name, register.text("value"));
            }
        }
        return registers;
    }

    /** {@code length} bytes at {@code address} as gdb reads them from its target; null where it cannot. */
    public synchronized byte[] readMemory(long address, int length) throws GdbException {
        MiValue.Tuple result = gdb().command("-data-read-memory-bytes " + address + " " + length).results();
        List<MiValue> blocks = MiValue.elements(result.get("memory"));
        if (blocks.isEmpty()) {
            return null;
        }
        MiValue.Tuple block = (MiValue.Tuple) blocks.get(0);
        long begin = Long.decode(block.text("begin"));
        String contents = block.text("contents");
        if (begin != address || contents.length() / 2 < length) {
            return null;
        }
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) Integer.parseInt(contents.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * The address hulls {@code [start, end)} of the function blocks that contain {@code pc}, innermost first: the
     * blocks of inlined functions come before the function they were inlined into, so {@code size() - 1} is the
     * inline depth at {@code pc}. Asked of gdb's symbol tables through its Python API (no VM needed); gdb's own
     * {@code next}/{@code finish} use the same blocks to step over and out of inlined calls.
     */
    public synchronized List<long[]> functionBlocks(int pc) throws GdbException {
        String out = started().console("python exec(\"b = gdb.block_for_pc(" + Integer.toUnsignedString(pc) + ")\\n"
                + "r = []\\nwhile b is not None:\\n if b.function is not None: r.append('%d-%d' % (b.start, b.end))\\n"
                + " b = b.superblock\\nprint('blocks:' + ' '.join(r))\")");
        List<long[]> blocks = new ArrayList<>();
        int at = out.indexOf("blocks:");
        if (at < 0) {
            return blocks;
        }
        for (String range : out.substring(at + "blocks:".length()).trim().split("\\s+")) {
            int dash = range.indexOf('-');
            if (dash > 0) {
                blocks.add(new long[] {Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))});
            }
        }
        return blocks;
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
        if (proxy != null) {
            proxy.close();
        }
    }

    private GdbVariable create(String expression, int level, boolean argument) throws GdbException {
        MiValue.Tuple r = gdb().command("-var-create --thread 1 --frame " + level + " - * "
                + GdbMi.quote(expression)).results();
        String name = r.text("name");
        roots.add(name);
        return new GdbVariable(name, expression, expression, r.text("type"), r.text("value"),
                Integer.parseInt(r.text("numchild")), argument);
    }

    /** gdb on the image, started once; not attached to any VM until {@link #focus}. */
    private GdbMi started() throws GdbException {
        if (gdb != null && !gdb.isAlive()) {
            gdb = null;
        }
        if (gdb == null) {
            GdbMi started = GdbMi.start(image);
            started.command("-gdb-set stack-cache off");
            started.command("-gdb-set code-cache off");
            started.command("-gdb-set print elements 64");
            started.command("-gdb-set breakpoint pending off");
            gdb = started;
            attached = false;
            vm = -1;
            stop = -1;
        }
        return gdb;
    }

    private GdbMi gdb() throws GdbException {
        if (gdb == null || !attached) {
            throw new GdbException("gdb is not attached to a stopped VM");
        }
        return gdb;
    }
}
