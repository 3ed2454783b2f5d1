package org.denali.ide.core.rsp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed requests to the Denali kernel's gdb stub (docs/debugging.md) over an {@link RspConnection}: VMs are
 * threads, registers are gdb's i386 block, {@code qDenali:} queries answer JSON. Run control ({@link #continueAll},
 * {@link #step}, {@link #interrupt}) only sends; the stop reply arrives on the connection's event path.
 */
public final class DenaliRspClient {
    /** gdb's breakpoint kind for x86: the length of {@code int3}. */
    private static final int X86_BREAKPOINT_KIND = 1;

    private final RspConnection connection;

    public DenaliRspClient(RspConnection connection) {
        this.connection = connection;
    }

    public RspConnection connection() {
        return connection;
    }

    /** {@code qSupported}: the stub's features, {@code name -> value} ({@code +}/{@code -} for flags). */
    public Map<String, String> qSupported() throws IOException {
        String reply = connection.request("qSupported:swbreak+;hwbreak+;vContSupported+");
        Map<String, String> features = new LinkedHashMap<>();
        for (String feature : reply.split(";")) {
            if (feature.isEmpty()) {
                continue;
            }
            int eq = feature.indexOf('=');
            if (eq >= 0) {
                features.put(feature.substring(0, eq), feature.substring(eq + 1));
            } else if (feature.endsWith("+") || feature.endsWith("-")) {
                features.put(feature.substring(0, feature.length() - 1), feature.substring(feature.length() - 1));
            }
        }
        return features;
    }

    /** Every thread (Denali: VM id), from {@code qfThreadInfo} and the {@code qsThreadInfo} that follow it. */
    public List<Integer> threadIds() throws IOException {
        List<Integer> ids = new ArrayList<>();
        String reply = connection.request("qfThreadInfo");
        while (reply.startsWith("m")) {
            for (String id : reply.substring(1).split(",")) {
                ids.add(Integer.parseInt(id, 16));
            }
            reply = connection.request("qsThreadInfo");
        }
        if (!reply.equals("l")) {
            throw error("qfThreadInfo", reply);
        }
        return ids;
    }

    /** The core registers of {@code thread}. */
    public synchronized I386Registers registers(int thread) throws IOException {
        selectThread(thread);
        String reply = connection.request("g");
        if (reply.startsWith("E")) {
            throw error("g", reply);
        }
        return I386Registers.parse(reply);
    }

    /** {@code length} bytes at {@code address} in {@code thread}'s memory. */
    public synchronized byte[] readMemory(int thread, int address, int length) throws IOException {
        selectThread(thread);
        String request = "m" + Integer.toHexString(address) + "," + Integer.toHexString(length);
        String reply = connection.request(request);
        if (reply.startsWith("E") || reply.length() != length * 2) {
            throw error(request, reply);
        }
        return Hex.bytes(reply);
    }

    /**
     * Register {@code number} of {@code thread} in gdb's numbering (docs/debugging.md: 0-15 i386 core, 32 on the
     * virtual registers), as an unsigned little-endian value of {@code size} bytes.
     */
    public synchronized long readRegister(int thread, int number, int size) throws IOException {
        selectThread(thread);
        String request = "p" + Integer.toHexString(number);
        String reply = connection.request(request);
        if (reply.startsWith("E") || reply.length() != size * 2) {
            throw error(request, reply);
        }
        long value = 0;
        for (int b = size - 1; b >= 0; b--) {
            value = value << 8 | Integer.parseInt(reply.substring(b * 2, b * 2 + 2), 16);
        }
        return value;
    }

    /** Writes register {@code number} ({@code size} bytes) of {@code thread}. */
    public synchronized void writeRegister(int thread, int number, int size, long value) throws IOException {
        selectThread(thread);
        StringBuilder hex = new StringBuilder();
        for (int b = 0; b < size; b++) {
            hex.append(String.format("%02x", (value >>> (8 * b)) & 0xFF));
        }
        expectOk("P" + Integer.toHexString(number) + "=" + hex);
    }

    /** Writes {@code bytes} at {@code address} in {@code thread}'s memory ({@code M}, hex data). */
    public synchronized void writeMemory(int thread, int address, byte[] bytes) throws IOException {
        selectThread(thread);
        StringBuilder request = new StringBuilder("M").append(Integer.toHexString(address)).append(',')
                .append(Integer.toHexString(bytes.length)).append(':');
        for (byte b : bytes) {
            request.append(String.format("%02x", b & 0xFF));
        }
        expectOk(request.toString());
    }

    /**
     * {@code payload} for {@code thread}'s registers or memory, raw (for the inspection endpoint that forwards gdb's
     * packets); the thread selection and the packet go together, as for every thread-selecting request here.
     */
    public synchronized String requestFor(int thread, String payload) throws IOException {
        selectThread(thread);
        return connection.request(payload);
    }

    /** {@code qDenali:vms}: the JSON array describing every VM, as text. */
    public String vmsJson() throws IOException {
        return denaliQuery("vms");
    }

    /**
     * {@code monitor COMMAND} ({@code qRcmd}): the stub's text answer ("" for a bare {@code OK}); an {@code E}
     * reply or none throws.
     */
    public String monitor(String command) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (byte b : command.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b & 0xff));
        }
        String request = "qRcmd," + hex;
        String reply = connection.request(request);
        if (reply.equals("OK")) {
            return "";
        }
        if (reply.isEmpty() || reply.matches("E[0-9a-fA-F]{2}")) {
            throw error("monitor " + command, reply);
        }
        return new String(Hex.bytes(reply), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code qDenali:QUERY} ({@code vms}, {@code sched}, {@code interrupts:VM}, ...): one JSON value as text. */
    public String denaliQuery(String query) throws IOException {
        String request = "qDenali:" + query;
        String reply = connection.request(request);
        if (reply.isEmpty() || reply.startsWith("E")) {
            throw error(request, reply);
        }
        return reply;
    }

    public void insertBreakpoint(int address) throws IOException {
        expectOk("Z0," + Integer.toHexString(address) + "," + X86_BREAKPOINT_KIND);
    }

    public void removeBreakpoint(int address) throws IOException {
        expectOk("z0," + Integer.toHexString(address) + "," + X86_BREAKPOINT_KIND);
    }

    /** gdb's watchpoint kinds: {@code Z2} write, {@code Z3} read, {@code Z4} access. */
    public enum WatchType {
        WRITE(2), READ(3), ACCESS(4);

        final int packetType;

        WatchType(int packetType) {
            this.packetType = packetType;
        }
    }

    public void insertWatchpoint(WatchType type, int address, int length) throws IOException {
        expectOk("Z" + type.packetType + "," + Integer.toHexString(address) + "," + Integer.toHexString(length));
    }

    public void removeWatchpoint(WatchType type, int address, int length) throws IOException {
        expectOk("z" + type.packetType + "," + Integer.toHexString(address) + "," + Integer.toHexString(length));
    }

    /** Resumes every VM; all stop again (all-stop) when any of them stops. */
    public void continueAll() throws IOException {
        connection.resume("vCont;c");
    }

    /** Executes one instruction of {@code thread}; the other VMs stay stopped. */
    public void step(int thread) throws IOException {
        connection.resume("vCont;s:" + Integer.toHexString(thread));
    }

    /** Resumes only {@code thread}; every other VM stays held until the next resume (docs/debugging.md). */
    public void continueOne(int thread) throws IOException {
        connection.resume("vCont;c:" + Integer.toHexString(thread));
    }

    /**
     * {@code bs}: executes {@code thread}'s last instruction backwards (the kernel restores its recorded history to
     * the instruction before); the stop reply arrives on the event path, {@code replaylog:begin} at the start of
     * the history. The thread goes with the packet ({@code Hc}), as gdb sends it.
     */
    public synchronized void reverseStep(int thread) throws IOException {
        selectResumeThread(thread);
        connection.resume("bs");
    }

    /**
     * {@code bc}: runs the kernel backwards until the last breakpoint or watchpoint hit before now, or the start of
     * the recorded history ({@code replaylog:begin}); {@code thread} is the VM the user resumed from.
     */
    public synchronized void reverseContinue(int thread) throws IOException {
        selectResumeThread(thread);
        connection.resume("bc");
    }

    /** {@code monitor icount VM}: the VM's retired instruction count (the stub answers {@code vmN at instruction M}). */
    public long instructionCount(int thread) throws IOException {
        String answer = monitor("icount " + thread);
        return InstructionCountReply.parse(thread, answer);
    }

    /**
     * {@code monitor seek VM ICOUNT}: the whole kernel goes back (or forward, within the recorded history) to the
     * point where {@code thread} had retired {@code icount} instructions; returns the stub's answer.
     */
    public String seek(int thread, long icount) throws IOException {
        return monitor("seek " + thread + " " + icount);
    }

    public void interrupt() throws IOException {
        connection.interrupt();
    }

    /** {@code D}: removes breakpoints and lets the VMs run on without the debugger. */
    public void detach() throws IOException {
        expectOk("D");
    }

    /** {@code k}: shuts the kernel down; the stub sends no reply. */
    public void kill() throws IOException {
        connection.sendWithoutReply("k");
    }

    /**
     * Names {@code thread} for a {@code bs}/{@code bc}: gdb sends {@code Hc}; Denali's stub reverses the VM of the
     * general thread ({@code Hg}), so both are set.
     */
    private void selectResumeThread(int thread) throws IOException {
        selectThread(thread);
        expectOk("Hc" + Integer.toHexString(thread));
    }

    private void selectThread(int thread) throws IOException {
        expectOk("Hg" + Integer.toHexString(thread));
    }

    private void expectOk(String request) throws IOException {
        String reply = connection.request(request);
        if (!reply.equals("OK")) {
            throw error(request, reply);
        }
    }

    private static RspException error(String request, String reply) {
        return new RspException(request + " failed: " + (reply.isEmpty() ? "unsupported" : "'" + reply + "'"));
    }
}
