package org.denali.ide.core.debug;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IPath;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.gdb.GdbLocation;

/**
 * Where a line breakpoint (or Run to Line) goes: the addresses gdb gives {@code break FILE:LINE}, so a line stops
 * where a gdb user's breakpoint would (one location per block: a loop's line once per pass, not at each of its
 * line-table rows; a line without code inside a function slides to the next line with code). A line before a
 * function's opening line is refused rather than moved into that function. The image does not change during a
 * session, so each line is asked once. Without gdb the image's line table decides (every statement row).
 */
final class LineResolution {
    private final DenaliDebugTarget target;
    private final Map<String, List<Long>> resolved = new HashMap<>();

    LineResolution(DenaliDebugTarget target) {
        this.target = target;
    }

    /** @throws IllegalArgumentException why the line has no code */
    synchronized List<Long> addresses(IResource file, int line) {
        String key = file.getFullPath() + ":" + line;
        List<Long> known = resolved.get(key);
        if (known != null) {
            return known;
        }
        List<Long> addresses = resolve(file, line);
        resolved.put(key, addresses);
        return addresses;
    }

    private List<Long> resolve(IResource file, int line) {
        GdbInspector gdb = target.symbolEngine();
        if (gdb == null) {
            List<Long> fromTable = BreakpointInstaller.addressesFor(target.symbols(), file, line);
            if (fromTable.isEmpty()) {
                throw new IllegalArgumentException(noCode(file, line, "no line-table row"));
            }
            return fromTable;
        }
        IPath location = file.getLocation();
        GdbException refused = null;
        for (String name : location != null
                ? List.of(location.toString(), file.getProjectRelativePath().toString())
                : List.of(file.getProjectRelativePath().toString())) {
            List<GdbLocation> locations;
            try {
                locations = gdb.lineLocations(name, line);
            } catch (GdbException e) {
                if (refused == null) {
                    refused = e;
                }
                continue;
            }
            for (GdbLocation l : locations) {
                if (l.line() != line && opensAfter(l.function(), line)) {
                    throw new IllegalArgumentException(noCode(file, line, "gdb would move it into " + l.function()
                            + "() at line " + l.line()));
                }
            }
            return locations.stream().map(GdbLocation::address).toList();
        }
        throw new IllegalArgumentException(noCode(file, line, "gdb: " + refused.getMessage()));
    }

    /**
     * Whether {@code function} begins after {@code line}: gdb slides a line without code to the next line with
     * code, even into the next function; a breakpoint between functions should not stop inside one.
     */
    private boolean opensAfter(String function, int line) {
        if (function == null) {
            return false;
        }
        GuestSymbols symbols = target.symbols();
        return symbols.symbol(function).flatMap(s -> symbols.lineAt((int) s.value()))
                .map(row -> row.line() > line).orElse(false);
    }

    private String noCode(IResource file, int line, String why) {
        return file.getName() + ":" + line + " has no code in " + target.symbols().file().getFileName() + " (" + why
                + ")";
    }
}
