package org.denali.ide.views.swap;

import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.monitor.MonitorClient;
import org.denali.ide.views.monitor.SwapState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Swap: the selected VM's residency map as a picture (resident / swapped / never touched), its paging counters
 * and swap region, and a kernel-wide chart of physical page use over time.
 */
public final class SwapView extends LiveView<SwapData> {
    public static final String ID = "org.denali.ide.views.swap";

    private Label counters;
    private ResidencyPicture picture;
    private PageUseChart chart;
    private final PageUseHistory history = new PageUseHistory();

    @Override
    protected void createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        counters = new Label(root, SWT.WRAP);
        counters.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm sash = new SashForm(root, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        picture = new ResidencyPicture(sash);
        chart = new PageUseChart(sash, history);
        sash.setWeights(62, 38);
    }

    @Override
    protected SwapData fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        return new SwapData(client.swap(vm), client.stats());
    }

    @Override
    protected void show(SwapData data, WatchedKernel kernel, int vm) {
        SwapState s = data.swap();
        counters.setText(counterText(s));
        picture.show(s);
        if (data.stats().usedPages() >= 0) {
            history.add(new PageUseHistory.Sample(data.stats().nowNanos(), data.stats().usedPages(),
                    data.stats().physicalPages()));
        }
        chart.redraw();
        counters.getParent().layout(true);
    }

    @Override
    protected void clear() {
        counters.setText("");
        picture.show(null);
        history.clear();
        chart.redraw();
    }

    static String counterText(SwapState s) {
        int swapped = 0;
        for (int[] run : s.swapped()) {
            swapped += run[1] - run[0] + 1;
        }
        int resident = 0;
        for (int[] run : s.resident()) {
            resident += run[1] - run[0] + 1;
        }
        return String.format("%s \u00b7 %,d of %,d pages mapped, %,d private resident, %,d swapped \u00b7 backing "
                + "pages held %,d (footprint %,d)%n page-ins %,d \u00b7 page-outs %,d \u00b7 demand faults %,d \u00b7 "
                + "swap region %s",
                s.admitted() ? "Admitted (in memory)" : "Swapped out (not admitted)", s.mappedPages(), s.memoryPages(),
                resident, swapped, s.backingPages(), s.footprintPages(), s.pageIns(), s.pageOuts(), s.faults(),
                size(s.swapRegionBytes()));
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    public Label counters() {
        return counters;
    }

    public PageUseHistory history() {
        return history;
    }

    @Override
    public void setFocus() {
        picture.setFocus();
    }
}
