package org.denali.ide.core.debug;

/** Identifiers of the Denali debug model, shared by the core, its breakpoints and the UI's presentation. */
public final class DenaliDebugModel {
    public static final String ID = "org.denali.ide.core.debugModel";
    public static final String LINE_BREAKPOINT_MARKER = "org.denali.ide.core.lineBreakpointMarker";
    public static final String ADDRESS_BREAKPOINT_MARKER = "org.denali.ide.core.addressBreakpointMarker";
    public static final String WATCHPOINT_MARKER = "org.denali.ide.core.watchpointMarker";

    private DenaliDebugModel() {
    }
}
