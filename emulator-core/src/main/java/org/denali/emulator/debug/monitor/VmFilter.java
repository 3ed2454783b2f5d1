package org.denali.emulator.debug.monitor;

import java.util.Locale;
import org.denali.emulator.debug.VmInfo;

/**
 * Which VMs a search text selects: a number matches the VM with that id; any text matches (case-insensitively)
 * a substring of the VM's name, kernel state, why it last stopped or how it ended. Several words must all match,
 * so "idle vm12" finds the idle VMs whose names contain vm12.
 */
final class VmFilter {
    private final String[] words;

    VmFilter(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        this.words = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    boolean matchesEverything() {
        return words.length == 0;
    }

    boolean matches(VmInfo vm) {
        for (String word : words) {
            if (!matches(vm, word)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(VmInfo vm, String word) {
        if (word.chars().allMatch(Character::isDigit) && word.length() < 10 && Integer.parseInt(word) == vm.id()) {
            return true;
        }
        return contains(vm.name(), word) || contains(vm.state().name(), word)
            || vm.lastStop() != null && contains(vm.lastStop().toString(), word)
            || vm.exit() != null && contains(vm.exit().toString(), word);
    }

    private static boolean contains(String text, String word) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(word);
    }
}
