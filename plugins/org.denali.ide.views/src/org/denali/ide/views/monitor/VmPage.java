package org.denali.ide.views.monitor;

import java.util.List;

/**
 * Reply to {@code vms FIRST COUNT [FILTER]}.
 *
 * @param total VMs the kernel has (ended ones included)
 * @param matching VMs the filter selects (= total without a filter); {@code first} indexes into those
 */
public record VmPage(int total, int matching, int first, List<VmRow> rows) {
}
