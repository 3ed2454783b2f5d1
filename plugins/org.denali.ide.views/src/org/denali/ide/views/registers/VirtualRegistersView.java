package org.denali.ide.views.registers;

import java.util.HashMap;
import java.util.Map;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.MonitorClient;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Virtual Registers: every register of the selected VM's page 0 with its value decoded ({@link RegisterMeanings});
 * a value that changed since the previous refresh (or step) is highlighted.
 */
public final class VirtualRegistersView extends LiveView<Map<String, Long>> {
    public static final String ID = "org.denali.ide.views.registers";

    private Table table;
    private Map<String, Long> previous = Map.of();
    private int previousVm = -1;

    @Override
    protected void createContent(Composite parent) {
        table = new Table(parent, SWT.FULL_SELECTION | SWT.BORDER);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] names = {"Register", "Value", "Hex", "Meaning"};
        // wide enough for a 64-bit register's 16 hex digits and a large instruction count in the table's font
        int[] widths = {170, Math.max(150, textWidth("99,999,999,999,999") + 24),
                Math.max(150, textWidth("0x0000000000000000") + 24), 380};
        for (int i = 0; i < names.length; i++) {
            TableColumn column = new TableColumn(table, i == 1 ? SWT.RIGHT : SWT.LEFT);
            column.setText(names[i]);
            column.setWidth(widths[i]);
        }
    }

    private int textWidth(String text) {
        GC gc = new GC(table);
        try {
            return gc.textExtent(text).x;
        } finally {
            gc.dispose();
        }
    }

    @Override
    protected Map<String, Long> fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        return client.virtualRegisters(vm);
    }

    @Override
    protected void clear() {
        table.removeAll();
        previous = Map.of();
        previousVm = -1;
    }

    @Override
    protected void show(Map<String, Long> values, WatchedKernel kernel, int vm) {
        ViewColors c = ViewColors.get(table.getDisplay());
        boolean sameVm = vm == previousVm;
        table.setRedraw(false);
        try {
            if (table.getItemCount() != values.size()) {
                table.removeAll();
                values.keySet().forEach(name -> new TableItem(table, SWT.NONE));
            }
            int row = 0;
            for (Map.Entry<String, Long> e : values.entrySet()) {
                TableItem item = table.getItem(row++);
                long value = e.getValue();
                item.setText(new String[] {e.getKey(), Long.toUnsignedString(value),
                        RegisterMeanings.hex(e.getKey(), value), RegisterMeanings.describe(e.getKey(), value)});
                boolean changed = sameVm && previous.containsKey(e.getKey()) && previous.get(e.getKey()) != value;
                item.setBackground(changed ? c.changed : null);
                item.setData("changed", changed);
            }
        } finally {
            table.setRedraw(true);
        }
        previous = new HashMap<>(values);
        previousVm = vm;
    }

    public Table table() {
        return table;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
