package org.denali.emulator.kernel;

import static org.denali.emulator.cpu.decode.Registers.ESP;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.TraceCompiler;
import org.denali.emulator.cpu.jit.TraceJit;
import org.denali.emulator.devices.InterruptSink;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.devices.console.Console;
import org.denali.emulator.devices.keyboard.Keyboard;
import org.denali.emulator.devices.timer.Timer;
import org.denali.emulator.devices.timer.TimerService;
import org.denali.emulator.memory.PagedMemory;

/**
 * Builds one VM from an image and its grant: register page, guest memory over the memory manager's backing,
 * the built-in devices plus the factories' ones behind a port bus, and a CPU in the architecture's reset state
 * (EIP = entry, ESP = memory size). The kernel supplies where interrupts go and its timer service.
 */
final class VmAssembler {
    private final KernelConfig config;
    private final MemoryManager memoryManager;
    private final KernelClock clock;
    private final Function<VirtualMachine, InterruptSink> interruptsOf;
    private final Function<VirtualMachine, TimerService> timerOf;
    /** One compiler for all VMs (their compiled code is shared through the code pages anyway); null: off. */
    private final TraceCompiler compiler;

    VmAssembler(KernelConfig config, MemoryManager memoryManager, KernelClock clock,
            Function<VirtualMachine, InterruptSink> interruptsOf, Function<VirtualMachine, TimerService> timerOf) {
        this.config = config;
        this.memoryManager = memoryManager;
        this.clock = clock;
        this.interruptsOf = interruptsOf;
        this.timerOf = timerOf;
        this.compiler = config.jitThreshold() == KernelConfig.JIT_OFF ? null : new TraceJit(config.jitThreshold());
    }

    /** @throws RuntimeException from a device factory that refuses the VM; nothing of it stays allocated */
    VirtualMachine assemble(int id, GuestImage image, VmConfig requested, OutputStream console,
            List<VmDeviceFactory> extraDevices) {
        VmConfig vmConfig = requested.forVm(id); // a unique locally administered MAC unless one was asked for
        RegisterPage registers = new RegisterPage(id, config.cpuSpeedKhz(), vmConfig, image.imageEnd());
        InterruptState interrupts = new InterruptState(config.interruptHistory(), registers::setPending);
        VirtualMachine vm = new VirtualMachine(id, requested, registers, interrupts, clock.nanos());
        VmBacking backing = memoryManager.attach(id, vmConfig, image);
        PagedMemory memory = new PagedMemory(vmConfig.memorySize(), backing);
        backing.attached(memory);
        // No page table and no register page yet: both come with the first memory access after admission
        // (VirtualMachine.releaseTables below tells the memory to map the register page then).

        InterruptSink sink = interruptsOf.apply(vm);
        Console consoleDevice = new Console(console);
        Keyboard keyboard = new Keyboard(sink, registers::setKeyboardAvailable);
        List<PortDevice> devices = new ArrayList<>(List.of(consoleDevice, keyboard, new Timer(timerOf.apply(vm))));
        VmContext context = new VmContext(id, vmConfig, memory, sink, registers);
        List<VmDeviceHooks> hooks = new ArrayList<>();
        PortBus bus;
        try {
            for (VmDeviceFactory factory : extraDevices) {
                for (PortDevice device : factory.create(context)) {
                    devices.add(device);
                    if (device instanceof VmDeviceHooks h) {
                        hooks.add(h);
                    }
                }
            }
            bus = new PortBus(devices, memory); // the port table: overlapping device ports are refused here
        } catch (RuntimeException refused) {
            // e.g. a writable disk already in use, two devices on one port: undo what this VM got so far, report
            hooks.forEach(VmDeviceHooks::vmEnded);
            backing.release();
            throw refused;
        }
        Cpu cpu = new Cpu(memory, bus);
        cpu.setCompiler(compiler);
        cpu.setEip(image.entryPoint());
        cpu.setRegister(ESP, vmConfig.memorySize());
        vm.attach(image, cpu, memory, backing, consoleDevice, keyboard, hooks);
        vm.releaseTables(); // it waits for the gatekeeper: only the fixed record until admitted
        return vm;
    }
}
