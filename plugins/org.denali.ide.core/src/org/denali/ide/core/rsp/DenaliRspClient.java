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
    public I386Registers registers(int thread) throws IOException {
        selectThread(thread);
        String reply = connection.request("g");
        if (reply.startsWith("E")) {
            throw error("g", reply);
        }
        return I386Registers.parse(reply);
    }

    /** {@code length} bytes at {@code address} in {@code thread}'s memory. */
    public byte[] readMemory(int thread, int address, int length) throws IOException {
        selectThread(thread);
        String request = "m" + Integer.toHexString(address) + "," + Integer.toHexString(length);
        String reply = connection.request(request);
        if (reply.startsWith("E") || reply.length() != length * 2) {
            throw error(request, reply);
        }
        return Hex.bytes(reply);
    }

    /** {@code qDenali:vms}: the JSON array describing every VM, as text. */
    public String vmsJson() throws IOException {
        return denaliQuery("vms");
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

    /** Resumes every VM; all stop again (all-stop) when any of them stops. */
    public void continueAll() throws IOException {
        connection.resume("vCont;c");
    }

    /** Executes one instruction of {@code thread}; the other VMs stay stopped. */
    public void step(int thread) throws IOException {
        connection.resume("vCont;s:" + Integer.toHexString(thread));
    }

    public void interrupt() throws IOException {
        connection.interrupt();
    }

    /** {@code D}: removes breakpoints and lets the VMs run on without the debugger. */
    public void detach() throws IOException {
        expectOk("D");
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
