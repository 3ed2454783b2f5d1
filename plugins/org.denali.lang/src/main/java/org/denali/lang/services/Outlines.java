package org.denali.lang.services;

import java.util.ArrayList;
import java.util.List;

import org.denali.lang.asm.asm.Directive;
import org.denali.lang.asm.asm.Label;
import org.denali.lang.asm.asm.Line;
import org.denali.lang.asm.asm.Program;
import org.denali.lang.asm.symbols.SymbolTable;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.deploy.Workload;
import org.denali.lang.deploy.kernel.KernelConfigurations;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Outlines: an assembly file as its sections with their named labels (numeric local labels left out); a
 * deployment as kernel, network, VM groups and workloads.
 */
public final class Outlines {
    private Outlines() {
    }

    public static List<OutlineNode> of(XtextResource resource) {
        if (resource.getContents().isEmpty()) {
            return List.of();
        }
        EObject root = resource.getContents().get(0);
        if (root instanceof Program program) {
            return assembly(program);
        }
        if (root instanceof Deployment deployment) {
            return deployment(deployment);
        }
        return List.of();
    }

    private static List<OutlineNode> assembly(Program program) {
        List<OutlineNode> sections = new ArrayList<>();
        OutlineNode current = null;
        for (Line line : program.getLines()) {
            if (line.getStatement() instanceof Directive d && isSection(d.getName())) {
                String name = d.getName().equals(".section") && !d.getArguments().isEmpty()
                    ? NodeModelUtils.getTokenText(NodeModelUtils.findActualNodeFor(d.getArguments().get(0)))
                    : d.getName();
                current = node(name, "section", d);
                sections.add(current);
            }
            for (Label label : line.getLabels()) {
                if (SymbolTable.isNumeric(label.getName())) {
                    continue;
                }
                if (current == null) {
                    current = node("(no section)", "section", label);
                    sections.add(current);
                }
                current.children().add(node(label.getName(), "label", label));
            }
        }
        return sections;
    }

    private static boolean isSection(String name) {
        return List.of(".text", ".data", ".bss", ".section").contains(name);
    }

    private static List<OutlineNode> deployment(Deployment deployment) {
        List<OutlineNode> nodes = new ArrayList<>();
        OutlineNode top = node("deployment " + deployment.getName(), "deployment", deployment);
        nodes.add(top);
        for (org.denali.lang.deploy.deploy.Kernel kernel : deployment.getKernels()) {
            top.children().add(node(kernel.getName() == null ? "kernel" : "kernel " + kernel.getName(), "kernel",
                kernel));
        }
        if (deployment.getNetwork() != null) {
            top.children().add(node("network", "network", deployment.getNetwork()));
        }
        for (VmGroup group : deployment.getGroups()) {
            top.children().add(node("vm " + group.getName() + " ×" + KernelConfigurations.count(group), "vm", group));
        }
        for (Workload workload : deployment.getWorkloads()) {
            top.children().add(node("workload " + workload.getName(), "workload", workload));
        }
        return nodes;
    }

    private static OutlineNode node(String label, String kind, EObject element) {
        INode node = NodeModelUtils.findActualNodeFor(element);
        return new OutlineNode(label, kind, node == null ? 0 : node.getOffset(), node == null ? 0 : node.getLength());
    }
}
