package org.denali.ide.views.live;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

/**
 * The few colours the Denali views share, so states look the same everywhere: green = resident / running /
 * delivered, amber = swapped / waiting / raised, blue = idle, grey = untouched / ended, yellow = changed.
 * System-managed colours (SWT 3.120+ {@code new Color(r, g, b)} needs no disposal).
 */
public final class ViewColors {
    private static ViewColors instance;

    public final Color running = new Color(46, 160, 67);
    public final Color runnable = new Color(120, 190, 110);
    public final Color idle = new Color(70, 130, 200);
    public final Color waiting = new Color(230, 150, 40);
    public final Color held = new Color(200, 60, 60);
    public final Color untouched = new Color(228, 230, 234);
    public final Color grid = new Color(200, 203, 208);
    public final Color changed = new Color(255, 241, 168);
    public final Color dim = new Color(110, 110, 118);
    public final Color text = new Color(30, 30, 36);
    public final Color marker = new Color(214, 234, 255);
    public final Color background = new Color(255, 255, 255);

    private ViewColors() {
    }

    public static synchronized ViewColors get(Display display) {
        if (instance == null) {
            instance = new ViewColors();
        }
        return instance;
    }
}
