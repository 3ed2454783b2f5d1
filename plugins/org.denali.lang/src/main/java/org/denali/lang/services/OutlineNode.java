package org.denali.lang.services;

import java.util.ArrayList;
import java.util.List;

/** One entry of an editor outline: what to show, where it is, and its children. */
public record OutlineNode(String label, String kind, int offset, int length, List<OutlineNode> children) {
    public OutlineNode(String label, String kind, int offset, int length) {
        this(label, kind, offset, length, new ArrayList<>());
    }
}
