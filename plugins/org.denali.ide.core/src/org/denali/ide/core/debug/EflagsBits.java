package org.denali.ide.core.debug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EFLAGS as the Registers view shows it, live or from a core: the set flags' names and each flag's value. */
public final class EflagsBits {
    /** EFLAGS bits as i386 names them: {bit, name}; IOPL (bits 12-13) is separate. */
    static final Object[][] FLAGS = {{0, "CF"}, {2, "PF"}, {4, "AF"}, {6, "ZF"}, {7, "SF"}, {8, "TF"},
        {9, "IF"}, {10, "DF"}, {11, "OF"}};
    static final int IOPL_POSITION = 12;

    private EflagsBits() {
    }

    /** "[ZF IF]": the names of the set flags, as gdb prints them. */
    public static String setFlags(long eflags) {
        List<String> names = new ArrayList<>();
        for (Object[] flag : FLAGS) {
            if ((eflags >>> (int) flag[0] & 1) != 0) {
                names.add((String) flag[1]);
            }
        }
        return "[" + String.join(" ", names) + "]";
    }

    /** CF .. OF as 0/1, then IOPL (0-3), in the order the Registers view lists them. */
    public static Map<String, Long> values(long eflags) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Object[] flag : FLAGS) {
            values.put((String) flag[1], eflags >>> (int) flag[0] & 1);
        }
        values.put("IOPL", eflags >>> IOPL_POSITION & 3);
        return values;
    }
}
