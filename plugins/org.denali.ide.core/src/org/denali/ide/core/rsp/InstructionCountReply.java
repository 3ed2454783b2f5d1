package org.denali.ide.core.rsp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the stub's answer to {@code monitor icount VM}: {@code vmN at instruction M} (docs/debugging.md). */
final class InstructionCountReply {
    private static final Pattern ANSWER = Pattern.compile("vm(\\d+) at instruction (\\d+)");

    private InstructionCountReply() {
    }

    static long parse(int vm, String answer) throws RspException {
        Matcher m = ANSWER.matcher(answer);
        if (!m.find() || Integer.parseInt(m.group(1)) != vm) {
            throw new RspException("monitor icount " + vm + " answered '" + answer.strip()
                    + "', not 'vm" + vm + " at instruction N' (a kernel without reverse debugging?)");
        }
        return Long.parseLong(m.group(2));
    }
}
