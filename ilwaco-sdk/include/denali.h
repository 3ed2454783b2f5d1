/*
 * denali.h: the Denali virtual architecture as a guest sees it (docs/architecture.md is the contract;
 * org.denali.emulator.arch holds the same numbers in Java).
 *
 * - the two virtual instructions, idle-with-timeout and terminate, as inline functions;
 * - the virtual-register page at address 0 as struct denali_vregs (every offset checked at compile time);
 * - the port map, the device descriptor layouts and in/out helpers;
 * - the interrupt-enabled virtual register that replaces the x86 IF flag.
 */
#ifndef _ILWACO_DENALI_H
#define _ILWACO_DENALI_H

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------ memory map (architecture.md §4) */

#define DENALI_PAGE_SIZE 4096u
#define DENALI_VREGS_ADDRESS 0x00000000u
#define DENALI_LINK_BASE 0x00100000u
#define DENALI_DEFAULT_MEMORY_SIZE (16u << 20)
#define DENALI_KERNEL_REGION_BASE 0xC0000000u

/* ------------------------------------------------------------------ virtual registers (architecture.md §3) */

#define DENALI_MAGIC 0x494C4E44u /* "DNLI" as the bytes 44 4E 4C 49 */
#define DENALI_VERSION 1u
#define DENALI_MAX_DISKS 8

/* Page 0. RO fields are owned by the kernel (guest stores are discarded); RW fields are plain memory. */
struct denali_vregs {
    uint32_t magic;                /* 0x000 RO */
    uint32_t version;              /* 0x004 RO */
    uint32_t vm_id;                /* 0x008 RO */
    uint32_t cpu_speed_khz;        /* 0x00C RO */
    uint32_t memory_size;          /* 0x010 RO: accessible range is [0, memory_size) */
    uint32_t image_end;            /* 0x014 RO: first byte after the image, start of the heap */
    uint64_t system_time_us;       /* 0x018 RO: read it with denali_time_us() (two halves) */
    uint32_t interrupts_enabled;   /* 0x020 RW: replaces IF */
    uint32_t pending_interrupts;   /* 0x024 RO: bit n = line n */
    uint32_t interrupt_handler;    /* 0x028 RW: handler entry address, 0 = none */
    uint32_t delivered_interrupts; /* 0x02C RO: batch delivered with the current frame */
    uint64_t instructions_retired; /* 0x030 RO */
    uint32_t wake_reason;          /* 0x038 RO: DENALI_WOKE_BY_* */
    uint32_t reserved_03c;
    uint8_t nic_mac[6];            /* 0x040 RO: wire order */
    uint8_t nic_mac_pad[2];
    uint32_t nic_ipv4;             /* 0x048 RO: network byte order, 0 = DHCP */
    uint32_t nic_netmask;          /* 0x04C RO */
    uint32_t nic_gateway;          /* 0x050 RO */
    uint32_t nic_mtu;              /* 0x054 RO */
    uint32_t reserved_058[2];
    uint32_t disk_count;           /* 0x060 RO */
    uint32_t disk_blocks[DENALI_MAX_DISKS]; /* 0x064 RO: size of disk i in 4 KB blocks */
    uint32_t keyboard_available;   /* 0x084 RO */
    uint32_t nic_rx_queued;        /* 0x088 RO */
    uint32_t reserved_08c[(4096 - 0x08c) / 4];
};

_Static_assert(offsetof(struct denali_vregs, magic) == 0x000, "MAGIC offset");
_Static_assert(offsetof(struct denali_vregs, version) == 0x004, "VERSION offset");
_Static_assert(offsetof(struct denali_vregs, vm_id) == 0x008, "VM_ID offset");
_Static_assert(offsetof(struct denali_vregs, cpu_speed_khz) == 0x00C, "CPU_SPEED_KHZ offset");
_Static_assert(offsetof(struct denali_vregs, memory_size) == 0x010, "MEMORY_SIZE offset");
_Static_assert(offsetof(struct denali_vregs, image_end) == 0x014, "IMAGE_END offset");
_Static_assert(offsetof(struct denali_vregs, system_time_us) == 0x018, "SYSTEM_TIME_US offset");
_Static_assert(offsetof(struct denali_vregs, interrupts_enabled) == 0x020, "INTERRUPTS_ENABLED offset");
_Static_assert(offsetof(struct denali_vregs, pending_interrupts) == 0x024, "PENDING_INTERRUPTS offset");
_Static_assert(offsetof(struct denali_vregs, interrupt_handler) == 0x028, "INTERRUPT_HANDLER offset");
_Static_assert(offsetof(struct denali_vregs, delivered_interrupts) == 0x02C, "DELIVERED_INTERRUPTS offset");
_Static_assert(offsetof(struct denali_vregs, instructions_retired) == 0x030, "INSTRUCTIONS_RETIRED offset");
_Static_assert(offsetof(struct denali_vregs, wake_reason) == 0x038, "WAKE_REASON offset");
_Static_assert(offsetof(struct denali_vregs, nic_mac) == 0x040, "NIC_MAC offset");
_Static_assert(offsetof(struct denali_vregs, nic_ipv4) == 0x048, "NIC_IPV4 offset");
_Static_assert(offsetof(struct denali_vregs, nic_netmask) == 0x04C, "NIC_NETMASK offset");
_Static_assert(offsetof(struct denali_vregs, nic_gateway) == 0x050, "NIC_GATEWAY offset");
_Static_assert(offsetof(struct denali_vregs, nic_mtu) == 0x054, "NIC_MTU offset");
_Static_assert(offsetof(struct denali_vregs, disk_count) == 0x060, "DISK_COUNT offset");
_Static_assert(offsetof(struct denali_vregs, disk_blocks) == 0x064, "DISK_BLOCKS offset");
_Static_assert(offsetof(struct denali_vregs, keyboard_available) == 0x084, "KEYBOARD_AVAILABLE offset");
_Static_assert(offsetof(struct denali_vregs, nic_rx_queued) == 0x088, "NIC_RX_QUEUED offset");
_Static_assert(sizeof(struct denali_vregs) == 4096, "the register page is one page");

/*
 * The register page. The address goes through an empty asm so the compiler cannot see that it is 0:
 * otherwise gcc treats every access as a NULL dereference and may replace it with a trap.
 */
static inline volatile struct denali_vregs *denali_vregs(void)
{
    volatile struct denali_vregs *regs;
    __asm__("" : "=r"(regs) : "0"(DENALI_VREGS_ADDRESS));
    return regs;
}

/* SYSTEM_TIME_US is 64 bits read as two 32-bit halves; re-read until the high half is stable. */
static inline uint64_t denali_time_us(void)
{
    volatile uint32_t *half = (volatile uint32_t *)&denali_vregs()->system_time_us;
    uint32_t high, low;
    do {
        high = half[1];
        low = half[0];
    } while (high != half[1]);
    return ((uint64_t)high << 32) | low;
}

/* ------------------------------------------------------------------ virtual instructions (architecture.md §2) */

#define DENALI_IDLE_FOREVER 0xFFFFFFFFu
#define DENALI_WOKE_BY_TIMEOUT 0u
#define DENALI_WOKE_BY_INTERRUPT 1u

/*
 * idle-with-timeout (bytes 0F 0A): leave the run queue until timeout_us elapse or an interrupt becomes
 * pending. 0 yields the rest of the quantum; DENALI_IDLE_FOREVER waits for an interrupt only.
 * Returns DENALI_WOKE_BY_TIMEOUT or DENALI_WOKE_BY_INTERRUPT. Memory is clobbered: handlers may have run.
 */
static inline uint32_t denali_idle(uint32_t timeout_us)
{
    uint32_t reason = timeout_us;
    __asm__ volatile(".byte 0x0f, 0x0a" : "+a"(reason) : : "memory");
    return reason;
}

/* terminate (bytes 0F 0C): end this VM with exit code `code`. */
__attribute__((noreturn)) static inline void denali_terminate(int code)
{
    __asm__ volatile(".byte 0x0f, 0x0c" : : "a"(code) : "memory");
    __builtin_unreachable();
}

/* ------------------------------------------------------------------ ports and descriptors (architecture.md §5) */

#define DENALI_PORT_CONSOLE_PUTC 0x10  /* out 8: AL = byte */
#define DENALI_PORT_CONSOLE_WRITE 0x11 /* out 32: EAX -> struct denali_console_write */
#define DENALI_PORT_KEYBOARD_READ 0x20 /* in 32: next byte or 0xFFFFFFFF */
#define DENALI_PORT_TIMER_ARM 0x30     /* out 32: one-shot timer in us, 0 disarms */
#define DENALI_PORT_TIMER_PERIODIC 0x31 /* out 32: periodic timer, period in us, 0 disarms; replaces TIMER_ARM's */
#define DENALI_PORT_NIC_SEND 0x40      /* out 32: EAX -> struct denali_nic_send */
#define DENALI_PORT_NIC_RECEIVE 0x41   /* out 32: EAX -> struct denali_nic_receive */
#define DENALI_PORT_DISK_SUBMIT 0x50   /* out 32: EAX -> struct denali_disk_request */

#define DENALI_KEYBOARD_NONE 0xFFFFFFFFu

struct denali_console_write {
    uint32_t ptr;
    uint32_t len;
};
_Static_assert(offsetof(struct denali_console_write, ptr) == 0, "console ptr");
_Static_assert(offsetof(struct denali_console_write, len) == 4, "console len");
_Static_assert(sizeof(struct denali_console_write) == 8, "console descriptor size");

#define DENALI_NIC_OK 0u
#define DENALI_NIC_TOO_LONG 1u
#define DENALI_NIC_QUEUE_FULL 2u

struct denali_nic_send {
    uint32_t buf;
    uint32_t len;
    uint32_t status;
};
_Static_assert(offsetof(struct denali_nic_send, buf) == 0, "nic send buf");
_Static_assert(offsetof(struct denali_nic_send, len) == 4, "nic send len");
_Static_assert(offsetof(struct denali_nic_send, status) == 8, "nic send status");
_Static_assert(sizeof(struct denali_nic_send) == 12, "nic send descriptor size");

struct denali_nic_receive {
    uint32_t buf;
    uint32_t cap;
    uint32_t len;
};
_Static_assert(offsetof(struct denali_nic_receive, buf) == 0, "nic receive buf");
_Static_assert(offsetof(struct denali_nic_receive, cap) == 4, "nic receive cap");
_Static_assert(offsetof(struct denali_nic_receive, len) == 8, "nic receive len");
_Static_assert(sizeof(struct denali_nic_receive) == 12, "nic receive descriptor size");

#define DENALI_DISK_BLOCK_SIZE 4096u
#define DENALI_DISK_READ 0u
#define DENALI_DISK_WRITE 1u
#define DENALI_DISK_IN_PROGRESS 0xFFFFFFFFu
#define DENALI_DISK_OK 0u
#define DENALI_DISK_BAD_DISK 1u
#define DENALI_DISK_BAD_BLOCK 2u
#define DENALI_DISK_READ_ONLY 3u

/* The kernel writes `status` on completion, so it is volatile. */
struct denali_disk_request {
    uint32_t op;
    uint32_t disk;
    uint32_t block;
    uint32_t buf;
    volatile uint32_t status;
    uint32_t tag;
};
_Static_assert(offsetof(struct denali_disk_request, op) == 0, "disk op");
_Static_assert(offsetof(struct denali_disk_request, disk) == 4, "disk disk");
_Static_assert(offsetof(struct denali_disk_request, block) == 8, "disk block");
_Static_assert(offsetof(struct denali_disk_request, buf) == 12, "disk buf");
_Static_assert(offsetof(struct denali_disk_request, status) == 16, "disk status");
_Static_assert(offsetof(struct denali_disk_request, tag) == 20, "disk tag");
_Static_assert(sizeof(struct denali_disk_request) == 24, "disk descriptor size");

static inline void outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline void outl(uint16_t port, uint32_t value)
{
    __asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port) : "memory");
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t value;
    __asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port) : "memory");
    return value;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t value;
    __asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port) : "memory");
    return value;
}

/* ------------------------------------------------------------------ interrupts (architecture.md §6) */

#define DENALI_IRQ_TIMER 0
#define DENALI_IRQ_NIC_RECEIVE 1
#define DENALI_IRQ_DISK 2
#define DENALI_IRQ_KEYBOARD 3
#define DENALI_IRQ_COUNT 4

/* Disables virtual interrupts; returns the previous state for denali_interrupts_restore. */
static inline uint32_t denali_interrupts_disable(void)
{
    uint32_t was = denali_vregs()->interrupts_enabled;
    denali_vregs()->interrupts_enabled = 0;
    __asm__ volatile("" : : : "memory");
    return was;
}

static inline void denali_interrupts_restore(uint32_t was)
{
    __asm__ volatile("" : : : "memory");
    denali_vregs()->interrupts_enabled = was;
}

/* Pending lines are delivered at the start of the next quantum once this is 1. */
static inline void denali_interrupts_enable(void)
{
    denali_interrupts_restore(1);
}

#endif
