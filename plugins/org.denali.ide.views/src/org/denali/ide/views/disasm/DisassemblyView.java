package org.denali.ide.views.disasm;

import java.util.List;
import org.denali.emulator.elf.SymbolTable;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.CpuState;
import org.denali.ide.views.monitor.MonitorClient;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Disassembly around the selected VM's EIP, with the image's symbols and a marker on the current instruction. It
 * reads registers and memory through the monitor ({@code regs}, {@code mem}), which answers for a VM that is off
 * its worker (stopped by the debugger, idle, or waiting for its turn), so the view follows steps in a debug
 * session and samples the PC of running guests; while the VM is on a worker it keeps the last listing.
 */
public final class DisassemblyView extends LiveView<DisassemblyData> {
    public static final String ID = "org.denali.ide.views.disassembly";

    private Label registers;
    private Table table;
    private final ImageSymbols symbols = new ImageSymbols();
    /** The kernel the shown lines come from: a double-click puts its breakpoint on that launch's project. */
    private WatchedKernel shownKernel;

    @Override
    protected void createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        registers = new Label(root, SWT.NONE);
        registers.setFont(JFaceResources.getTextFont());
        registers.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = new Table(root, SWT.FULL_SELECTION | SWT.BORDER);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setFont(JFaceResources.getTextFont());
        table.setHeaderVisible(true);
        String[] names = {"", "Address", "Symbol", "Bytes", "Instruction"};
        int[] widths = {26, 90, 150, 170, 330};
        for (int i = 0; i < names.length; i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(names[i]);
            column.setWidth(widths[i]);
        }
        table.setToolTipText("Double-click a line to toggle an address breakpoint there; Run to Line (Ctrl+R) runs "
                + "to the selected instruction");
        table.addListener(SWT.DefaultSelection, e -> toggleBreakpoint((TableItem) e.item));
        contextMenu();
    }

    /** Toggle Breakpoint and Run to Line on the selected instruction. */
    private void contextMenu() {
        Menu menu = new Menu(table);
        MenuItem runToLine = new MenuItem(menu, SWT.PUSH);
        runToLine.setText("Run to &Line");
        runToLine.addListener(SWT.Selection, e -> runToSelectedLine());
        MenuItem toggle = new MenuItem(menu, SWT.PUSH);
        toggle.setText("Toggle &Breakpoint");
        toggle.addListener(SWT.Selection, e -> {
            if (table.getSelectionCount() == 1) {
                toggleBreakpoint(table.getSelection()[0]);
            }
        });
        menu.addListener(SWT.Show, e -> runToLine.setEnabled(runToLine().canRunToLine(this, null, debugContext())));
        table.setMenu(menu);
    }

    private void runToSelectedLine() {
        try {
            runToLine().runToLine(this, null, debugContext());
        } catch (CoreException e) {
            setContentDescription("Run to Line: " + e.getStatus().getMessage());
        }
    }

    private DisassemblyRunToLine runToLine() {
        return new DisassemblyRunToLine(this);
    }

    private static org.eclipse.debug.core.model.ISuspendResume debugContext() {
        return org.eclipse.debug.ui.DebugUITools.getDebugContext() instanceof org.eclipse.debug.core.model.ISuspendResume s
                ? s : null;
    }

    /** The address of the selected instruction, or null. */
    Long selectedAddress() {
        if (table == null || table.isDisposed() || table.getSelectionCount() != 1) {
            return null;
        }
        return table.getSelection()[0].getData() instanceof Long address ? address : null;
    }

    @Override
    public <A> A getAdapter(Class<A> adapter) {
        if (adapter == org.eclipse.debug.ui.actions.IRunToLineTarget.class) {
            return adapter.cast(runToLine());
        }
        return super.getAdapter(adapter);
    }

    /** Double-click: an address breakpoint at the line's address, on the watched launch's project. */
    private void toggleBreakpoint(TableItem item) {
        WatchedKernel kernel = shownKernel;
        if (item == null || !(item.getData() instanceof Long address) || kernel == null || kernel.project() == null) {
            return;
        }
        try {
            AddressBreakpoints.toggle(kernel.project(), address);
            markBreakpoints();
        } catch (CoreException e) {
            setContentDescription("Cannot toggle the breakpoint: " + e.getStatus().getMessage());
        }
    }

    /** The first column: the breakpoint dot, then the current-instruction marker. */
    private void markBreakpoints() {
        java.util.Set<Long> breakpoints = AddressBreakpoints.addresses();
        for (TableItem item : table.getItems()) {
            boolean current = Boolean.TRUE.equals(item.getData("current"));
            boolean breakpoint = item.getData() instanceof Long address && breakpoints.contains(address);
            item.setText(0, (breakpoint ? "\u25cf" : "") + (current ? "\u25b6" : ""));
        }
    }

    @Override
    protected DisassemblyData fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        CpuState cpu = client.cpu(vm);
        SymbolTable table = symbols.of(kernel.image());
        DisassemblyWindow window = new DisassemblyWindow(table);
        long start = window.sweepStart(cpu.eip());
        int[] bytes = client.memory(vm, start, window.readLength(cpu.eip()));
        return new DisassemblyData(cpu, window.lines(cpu.eip(), start, bytes), table != null);
    }

    @Override
    protected void clear() {
        shownKernel = null;
        registers.setText("");
        table.removeAll();
    }

    @Override
    protected void show(DisassemblyData data, WatchedKernel kernel, int vm) {
        shownKernel = kernel;
        CpuState r = data.cpu();
        registers.setText(String.format("eip %08x  esp %08x  ebp %08x  eax %08x  ebx %08x  ecx %08x  edx %08x  "
                + "eflags %08x%s", r.eip(), r.esp(), r.ebp(), r.eax(), r.ebx(), r.ecx(), r.edx(), r.eflags(),
                data.symbolic() ? "" : "   (no image symbols)"));
        ViewColors c = ViewColors.get(table.getDisplay());
        List<DisassemblyWindow.Line> lines = data.lines();
        table.setRedraw(false);
        try {
            table.removeAll();
            int current = -1;
            for (DisassemblyWindow.Line line : lines) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {"", String.format("%08x", line.address()), line.label(), line.bytes(),
                        line.text()});
                item.setData(line.address());
                item.setData("current", line.current());
                if (line.label().indexOf('+') < 0 && !line.label().isEmpty()) {
                    item.setForeground(2, c.idle);
                }
                if (line.current()) {
                    item.setBackground(c.marker);
                    item.setForeground(0, c.running);
                    current = table.getItemCount() - 1;
                }
            }
            markBreakpoints();
            if (current >= 0) {
                table.setTopIndex(Math.max(0, current - 6));
            }
        } finally {
            table.setRedraw(true);
        }
        registers.getParent().layout(true);
    }

    public Table table() {
        return table;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
