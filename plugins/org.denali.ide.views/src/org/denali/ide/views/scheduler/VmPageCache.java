package org.denali.ide.views.scheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.denali.ide.views.monitor.VmRow;

/**
 * The rows of the virtual VM table, fetched a page at a time: the table asks for rows as they scroll into view,
 * a missing page is remembered as wanted, and the next refresh fetches the wanted and visible pages only, so
 * 10,000 VMs never cross the wire at once. Pages are keyed to the filter they were fetched with; a new filter
 * empties the cache. Used on the UI thread only (the refresh job gets copies of what to fetch).
 */
public final class VmPageCache {
    public static final int PAGE = 200;

    private final Map<Integer, List<VmRow>> pages = new HashMap<>();
    private final Set<Integer> wanted = new TreeSet<>();
    /** Every fetched VM's name by id, kept across filters: a VM's name never changes. */
    private final Map<Integer, String> names = new HashMap<>();
    private String filter = "";

    /**
     * The row at {@code index}, or null (then its page is wanted). GTK asks for row -1 while a virtual table is
     * emptied: there is no such row and nothing to fetch.
     */
    public VmRow row(int index) {
        if (index < 0) {
            return null;
        }
        List<VmRow> page = pages.get(index / PAGE);
        int offset = index % PAGE;
        if (page == null || offset >= page.size()) {
            wanted.add(index / PAGE);
            return null;
        }
        return page.get(offset);
    }

    /** Pages to fetch next: the wanted ones and those under {@code firstVisible .. firstVisible+visibleRows}. */
    public Set<Integer> pagesToFetch(int firstVisible, int visibleRows) {
        Set<Integer> fetch = new TreeSet<>(wanted);
        int last = Math.max(firstVisible, firstVisible + visibleRows - 1);
        for (int p = Math.max(0, firstVisible) / PAGE; p <= last / PAGE; p++) {
            fetch.add(p);
        }
        return fetch;
    }

    /** Stores a fetched page (if it was fetched with the current filter). */
    public void put(String fetchedWith, int page, List<VmRow> rows) {
        if (fetchedWith.equals(filter)) {
            pages.put(page, List.copyOf(rows));
            wanted.remove(page);
        }
        rows.forEach(row -> names.put(row.id(), row.name()));
    }

    /** The name of VM {@code id} ("httpd#0" in a deployment) if a fetched page held it, else "vmN". */
    public String nameOf(int id) {
        return names.getOrDefault(id, "vm" + id);
    }

    public String filter() {
        return filter;
    }

    /** A new filter: every cached page belongs to the old one. */
    public void setFilter(String text) {
        String normalized = text == null ? "" : text.trim();
        if (!normalized.equals(filter)) {
            filter = normalized;
            pages.clear();
            wanted.clear();
        }
    }

    public int cachedPages() {
        return pages.size();
    }
}
