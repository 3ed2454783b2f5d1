package org.denali.ide.views.scheduler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.denali.ide.views.context.DebugSelection;
import org.denali.ide.views.context.VmContext;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.KernelStats;
import org.denali.ide.views.monitor.MonitorClient;
import org.denali.ide.views.monitor.SchedulerState;
import org.denali.ide.views.monitor.VmPage;
import org.denali.ide.views.monitor.VmRow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Scheduler / VMs: the admitted set, the run queue, idle VMs with their timeouts, the gatekeeper queue, and every
 * VM's state in a virtual table that fetches only the rows on screen (10,000 VMs stay cheap). The filter searches
 * all VMs in the kernel (by id, name, state, stop reason or exit). Selecting a VM makes it the VM of every Denali
 * view, and during a debug session the debug context.
 */
public final class SchedulerView extends LiveView<SchedulerData> {
    public static final String ID = "org.denali.ide.views.scheduler";
    /** How many entries of each scheduler list the view shows (the counts are always complete). */
    static final int LIST_LIMIT = 50;

    private static final String[] COLUMNS = {"VM", "Name", "State", "Debugger", "Instructions", "Last stop / exit"};
    private static final int[] WIDTHS = {60, 90, 90, 80, 120, 260};

    private SummaryBar summary;
    private Text filter;
    private Label matchCount;
    private Table table;
    private Tree queues;
    private final VmPageCache cache = new VmPageCache();
    /** Queue groups the user collapsed (by name): every refresh rebuilds the tree and keeps them so. */
    private final java.util.Set<String> collapsed = new java.util.HashSet<>();
    /** What the next refresh fetches: written on the UI thread, read by the refresh job. */
    private volatile FetchPlan plan = new FetchPlan("", Set.of(0));

    private record FetchPlan(String filter, Set<Integer> pages) {
    }

    @Override
    protected void createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 2;
        root.setLayout(layout);
        summary = new SummaryBar(root);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        filter = new Text(root, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter VMs: id, name, state or stop (idle, WAITING, vm12, fault ...)");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filter.addModifyListener(e -> filterChanged());
        matchCount = new Label(root, SWT.NONE);
        matchCount.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        matchCount.setText("                              ");
        SashForm sash = new SashForm(root, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        createTable(sash);
        createQueues(sash);
        sash.setWeights(60, 40);
    }

    private void createTable(Composite parent) {
        table = new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn column = new TableColumn(table, i == 0 || i == 4 ? SWT.RIGHT : SWT.LEFT);
            column.setText(COLUMNS[i]);
            column.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
        table.addListener(SWT.Selection, e -> selected((TableItem) e.item));
        table.getVerticalBar().addListener(SWT.Selection, e -> planFetch());
        table.addListener(SWT.Resize, e -> planFetch());
    }

    private void createQueues(Composite parent) {
        queues = new Tree(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        queues.setHeaderVisible(true);
        TreeColumn what = new TreeColumn(queues, SWT.LEFT);
        what.setText("Queue / VM");
        what.setWidth(170);
        TreeColumn detail = new TreeColumn(queues, SWT.LEFT);
        detail.setText("Detail");
        detail.setWidth(250);
        queues.addListener(SWT.Collapse, e -> collapsed.add(((TreeItem) e.item).getText(0)));
        queues.addListener(SWT.Expand, e -> collapsed.remove(((TreeItem) e.item).getText(0)));
        queues.addListener(SWT.Selection, e -> {
            if (e.item instanceof TreeItem item && item.getData() instanceof Integer vm) {
                select(vm);
            }
        });
    }

    private void filterChanged() {
        cache.setFilter(filter.getText());
        table.setItemCount(0);
        planFetch();
        refreshNow();
    }

    private void planFetch() {
        if (table == null || table.isDisposed()) {
            return;
        }
        int rowHeight = Math.max(1, table.getItemHeight());
        int visible = table.getClientArea().height / rowHeight + 1;
        plan = new FetchPlan(cache.filter(), cache.pagesToFetch(table.getTopIndex(), visible));
    }

    private void fill(TableItem item, int index) {
        if (index < 0) {
            return; // GTK's callback while the table is emptied (clear()): no row to fill
        }
        VmRow row = cache.row(index);
        if (row == null) {
            item.setText(new String[] {"", "\u2026", "", "", "", ""});
            planFetch();
            return;
        }
        String stop = row.exit() != null ? row.exit() : row.lastStopDetail() != null ? row.lastStopDetail() : "";
        item.setText(new String[] {Integer.toString(row.id()), row.name(), row.state(),
                row.stopped() ? "stopped" : "", String.format("%,d", row.instructions()), stop});
        item.setData(row);
        item.setForeground(2, stateColor(row.state()));
        if (row.stopped()) {
            item.setForeground(3, ViewColors.get(item.getDisplay()).held);
        }
    }

    private Color stateColor(String state) {
        ViewColors c = ViewColors.get(table.getDisplay());
        return switch (state) {
            case "RUNNING" -> c.running;
            case "READY" -> c.text;
            case "IDLE" -> c.idle;
            case "WAITING" -> c.waiting;
            default -> c.dim;
        };
    }

    private void selected(TableItem item) {
        if (item != null && item.getData() instanceof VmRow row) {
            select(row.id());
        }
    }

    private void select(int vm) {
        VmContext.get().select(vm);
        DebugSelection.selectThreadOf(getSite().getPage(), VmContext.get().debugLaunch(), vm);
    }

    @Override
    protected String headerFor(WatchedKernel kernel, int vm) {
        return kernel.label() + " \u2014 kernel scheduler (monitor :" + kernel.port() + ", live); selected VM " + vm;
    }

    @Override
    protected SchedulerData fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        FetchPlan p = plan;
        SchedulerState scheduler = client.scheduler(LIST_LIMIT);
        KernelStats stats = client.stats();
        Map<Integer, List<VmRow>> pages = new LinkedHashMap<>();
        int total = stats.vms();
        int matching = total;
        for (int page : p.pages()) {
            VmPage fetched = client.vms(page * VmPageCache.PAGE, VmPageCache.PAGE, p.filter());
            pages.put(page, fetched.rows());
            total = fetched.total();
            matching = fetched.matching();
        }
        return new SchedulerData(scheduler, stats, p.filter(), total, matching, pages);
    }

    @Override
    protected void clear() {
        summary.show(null, null);
        table.removeAll();
        table.setItemCount(0);
        queues.removeAll();
        matchCount.setText("");
    }

    @Override
    protected void show(SchedulerData data, WatchedKernel kernel, int vm) {
        summary.show(data.scheduler(), data.stats());
        if (!data.filter().equals(cache.filter())) {
            return; // fetched for an older filter: the next refresh brings the right rows
        }
        data.pages().forEach((page, rows) -> cache.put(data.filter(), page, rows));
        if (table.getItemCount() != data.matching()) {
            table.setItemCount(data.matching());
        }
        int count = table.getItemCount();
        for (int page : data.pages().keySet()) {
            int from = page * VmPageCache.PAGE;
            int to = Math.min(count, from + VmPageCache.PAGE) - 1;
            if (from <= to) {
                table.clear(from, to); // SetData refills them from the cache
            }
        }
        matchCount.setText(data.filter().isEmpty() ? String.format("%,d VMs", data.total())
                : String.format("%,d of %,d VMs match", data.matching(), data.total()));
        matchCount.getParent().layout(new org.eclipse.swt.widgets.Control[] {matchCount});
        showQueues(data.scheduler());
        planFetch();
    }

    private void showQueues(SchedulerState s) {
        queues.setRedraw(false);
        try {
            queues.removeAll();
            ViewColors c = ViewColors.get(queues.getDisplay());
            TreeItem running = group("Running", s.counts().running(), c.running);
            s.running().forEach(vm -> child(running, vm, "on a worker now"));
            TreeItem runQueue = group("Run queue", s.counts().runQueue(), c.runnable);
            for (int i = 0; i < s.runQueue().size(); i++) {
                child(runQueue, s.runQueue().get(i), i == 0 ? "runs next" : "#" + (i + 1));
            }
            TreeItem idle = group("Idle", s.counts().idle(), c.idle);
            for (SchedulerState.IdleVm v : s.idle()) {
                child(idle, v.vm(), idleDetail(v, s.nowNanos()));
            }
            TreeItem gate = group("Gatekeeper queue", s.counts().gatekeeperQueue(), c.waiting);
            for (int i = 0; i < s.gatekeeperQueue().size(); i++) {
                child(gate, s.gatekeeperQueue().get(i), "waiting for admission, #" + (i + 1));
            }
            for (TreeItem group : new TreeItem[] {running, runQueue, idle, gate}) {
                int shown = group.getItemCount();
                int all = (Integer) group.getData("count");
                if (all > shown) {
                    TreeItem more = new TreeItem(group, SWT.NONE);
                    more.setText(0, String.format("\u2026 %,d more", all - shown));
                    more.setForeground(c.dim);
                }
                group.setExpanded(!collapsed.contains(group.getText(0)));
            }
        } finally {
            queues.setRedraw(true);
        }
    }

    static String idleDetail(SchedulerState.IdleVm v, long nowNanos) {
        if (v.timeoutMicros() < 0) {
            return "idle forever (until an interrupt)";
        }
        long left = Math.max(0, v.wakeAtNanos() - nowNanos);
        return String.format("timeout %s, wakes in %s", micros(v.timeoutMicros()), micros(left / 1000));
    }

    static String micros(long us) {
        if (us >= 1_000_000) {
            return String.format("%.2f s", us / 1e6);
        }
        if (us >= 1000) {
            return String.format("%.1f ms", us / 1e3);
        }
        return us + " \u00b5s";
    }

    private TreeItem group(String name, int count, Color color) {
        TreeItem item = new TreeItem(queues, SWT.NONE);
        item.setText(0, name);
        item.setText(1, String.format("%,d VM%s", count, count == 1 ? "" : "s"));
        item.setForeground(0, color);
        item.setData("count", count);
        return item;
    }

    private void child(TreeItem group, int vm, String detail) {
        TreeItem item = new TreeItem(group, SWT.NONE);
        item.setText(0, cache.nameOf(vm));
        item.setText(1, detail);
        item.setData(vm);
    }

    /** The VM table (tests read it). */
    public Table table() {
        return table;
    }

    public Tree queues() {
        return queues;
    }

    public Text filterText() {
        return filter;
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }
}
