package org.denali.lang.services;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.denali.lang.check.DenaliLanguages;
import org.denali.lang.deploy.deploy.Deployment;
import org.denali.lang.deploy.deploy.VmGroup;
import org.denali.lang.deploy.services.DenaliDeployGrammarAccess;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.resource.XtextResource;

/** Content assist for .denali files: the language's keywords (from the grammar) and the VM group names. */
public final class DeployCompletions {
    private DeployCompletions() {
    }

    public static List<Proposal> at(XtextResource resource, String text, int offset) {
        int start = offset;
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '-'
                || text.charAt(start - 1) == '_')) {
            start--;
        }
        String prefix = text.substring(start, offset);
        TreeSet<String> keywords = new TreeSet<>();
        var grammar = DenaliLanguages.deployment().getInstance(DenaliDeployGrammarAccess.class).getGrammar();
        for (String keyword : GrammarUtil.getAllKeywords(grammar)) {
            if (Character.isLetter(keyword.charAt(0))) {
                keywords.add(keyword);
            }
        }
        List<Proposal> proposals = new ArrayList<>();
        if (resource != null && !resource.getContents().isEmpty()
                && resource.getContents().get(0) instanceof Deployment deployment) {
            for (VmGroup group : deployment.getGroups()) {
                if (group.getName() != null && group.getName().startsWith(prefix) && !group.getName().equals(prefix)) {
                    proposals.add(new Proposal(group.getName(), group.getName() + " (vm group)", "VM group", start,
                        prefix.length()));
                }
            }
        }
        for (String keyword : keywords) {
            if (keyword.startsWith(prefix) && !keyword.equals(prefix)) {
                proposals.add(new Proposal(keyword, keyword, "keyword", start, prefix.length()));
            }
        }
        return proposals;
    }
}
