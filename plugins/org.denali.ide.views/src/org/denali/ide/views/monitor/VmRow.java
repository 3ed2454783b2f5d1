package org.denali.ide.views.monitor;

/** One VM as {@code vms} lists it. {@code lastStop}, {@code lastStopDetail} and {@code exit} may be null. */
public record VmRow(int id, String name, String state, boolean stopped, String lastStop, String lastStopDetail,
        long instructions, String exit) {
}
