package org.denali.ide.ui.help;

import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.PlatformUI;

/**
 * The context help (F1) ids of this plug-in's controls. The texts and the guide pages they point to live in
 * org.denali.ide.help ({@code contexts/ui.xml}), which declares these ids for this plug-in.
 */
public final class HelpContexts {
    public static final String GUEST_MAIN_TAB = "org.denali.ide.ui.guest_main_tab";
    public static final String GUEST_VM_TAB = "org.denali.ide.ui.guest_vm_tab";
    public static final String GUEST_DEVICES_TAB = "org.denali.ide.ui.guest_devices_tab";
    public static final String DEBUGGER_TAB = "org.denali.ide.ui.debugger_tab";
    public static final String ATTACH_TAB = "org.denali.ide.ui.attach_tab";
    public static final String CORE_TAB = "org.denali.ide.ui.core_tab";

    private HelpContexts() {
    }

    /** F1 on {@code control} or any of its children shows the help of {@code contextId}. */
    public static void attach(Control control, String contextId) {
        PlatformUI.getWorkbench().getHelpSystem().setHelp(control, contextId);
    }
}
