package org.denali.ide.views.monitor;

import java.io.IOException;
import java.util.Map;

/** The monitor's requests as typed calls over one {@link MonitorConnection}. */
public final class MonitorClient implements AutoCloseable {
    /** The most VMs one {@code vms} request returns (the kernel's limit). */
    public static final int MAX_PAGE = 1000;

    private final MonitorConnection connection;

    public MonitorClient(MonitorConnection connection) {
        this.connection = connection;
    }

    public static MonitorClient open(int port) throws IOException {
        return new MonitorClient(MonitorConnection.open(port));
    }

    public int port() {
        return connection.port();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    public KernelStats stats() throws IOException, MonitorException {
        return MonitorReplies.stats(connection.ask("stats"));
    }

    public SchedulerState scheduler(int limit) throws IOException, MonitorException {
        return MonitorReplies.scheduler(connection.ask("sched " + limit));
    }

    /** One page of the VM list; {@code filter} (may be empty) selects by id, name, state, stop or exit. */
    public VmPage vms(int first, int count, String filter) throws IOException, MonitorException {
        String oneLine = filter == null ? "" : filter.replaceAll("\\s+", " ").trim();
        return MonitorReplies.vms(connection.ask("vms " + first + " " + count + (oneLine.isEmpty() ? "" : " " + oneLine)));
    }

    public VmRow vm(int id) throws IOException, MonitorException {
        return MonitorReplies.vm(connection.ask("vm " + id));
    }

    public InterruptQueue interrupts(int vm) throws IOException, MonitorException {
        return MonitorReplies.interrupts(connection.ask("interrupts " + vm));
    }

    public SwapState swap(int vm) throws IOException, MonitorException {
        return MonitorReplies.swap(connection.ask("swap " + vm));
    }

    public Map<String, Long> virtualRegisters(int vm) throws IOException, MonitorException {
        return MonitorReplies.virtualRegisters(connection.ask("vregs " + vm));
    }

    /** Registers of a VM off its worker; a VM on a worker right now answers an error (ask again later). */
    public CpuState cpu(int vm) throws IOException, MonitorException {
        return MonitorReplies.cpu(connection.ask("regs " + vm));
    }

    public int[] memory(int vm, long address, int length) throws IOException, MonitorException {
        return MonitorReplies.memory(connection.ask("mem " + vm + " " + Long.toHexString(address) + " " + length));
    }

    /** The newest {@code limit} events of {@code vm}'s timeline (quanta, interrupt batches, swap, frames). */
    public Timeline timeline(int vm, int limit) throws IOException, MonitorException {
        return MonitorReplies.timeline(connection.ask("timeline " + vm + " " + limit));
    }

    @Override
    public void close() {
        connection.close();
    }
}
