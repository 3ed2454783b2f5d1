package org.denali.emulator.debug.rsp;

import org.denali.emulator.debug.VirtualRegister;

/**
 * The target.xml gdb reads with qXfer:features:read. It must contain gdb's own {@code org.gnu.gdb.i386.core}
 * feature exactly as gdb defines it (x87 registers included), or gdb rejects the description or the 'g' reply
 * ("Remote 'g' packet reply is too long"). The {@code org.denali.vregs} feature adds the virtual registers in
 * the "general" group so that {@code info registers} shows them.
 */
final class TargetDescription {
    private TargetDescription() {
    }

    static String xml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        sb.append("<architecture>i386</architecture>\n");
        sb.append("<feature name=\"org.gnu.gdb.i386.core\">\n");
        sb.append("""
              <flags id="i386_eflags" size="4">
                <field name="CF" start="0" end="0"/>
                <field name="" start="1" end="1"/>
                <field name="PF" start="2" end="2"/>
                <field name="AF" start="4" end="4"/>
                <field name="ZF" start="6" end="6"/>
                <field name="SF" start="7" end="7"/>
                <field name="TF" start="8" end="8"/>
                <field name="IF" start="9" end="9"/>
                <field name="DF" start="10" end="10"/>
                <field name="OF" start="11" end="11"/>
              </flags>
            """);
        String[] types = {"int32", "int32", "int32", "int32", "data_ptr", "data_ptr", "int32", "int32", "code_ptr",
            "i386_eflags", "int32", "int32", "int32", "int32", "int32", "int32"};
        for (int i = 0; i < 16; i++) {
            reg(sb, RegisterLayout.CORE_NAMES.get(i), 32, types[i], i, "general");
        }
        for (int i = 0; i < 8; i++) {
            reg(sb, "st" + i, 80, "i387_ext", RegisterLayout.FIRST_X87 + i, "float");
        }
        for (int i = 0; i < 8; i++) {
            reg(sb, RegisterLayout.X87_CONTROL_NAMES.get(i), 32, "int", RegisterLayout.FIRST_X87_CONTROL + i, "float");
        }
        sb.append("</feature>\n<feature name=\"org.denali.vregs\">\n");
        for (int i = 0; i < VirtualRegister.ALL.size(); i++) {
            VirtualRegister v = VirtualRegister.ALL.get(i);
            String type = v.name().equals("interrupt_handler") ? "code_ptr" : v.size() == 8 ? "uint64" : "uint32";
            reg(sb, v.name(), v.size() * 8, type, RegisterLayout.FIRST_VIRTUAL + i, "general");
        }
        sb.append("</feature>\n</target>\n");
        return sb.toString();
    }

    private static void reg(StringBuilder sb, String name, int bits, String type, int number, String group) {
        sb.append(String.format("  <reg name=\"%s\" bitsize=\"%d\" type=\"%s\" regnum=\"%d\" group=\"%s\"/>%n",
            name, bits, type, number, group));
    }
}
