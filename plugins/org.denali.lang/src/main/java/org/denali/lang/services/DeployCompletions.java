package org.denali.lang.services;

import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.eclipse.xtext.resource.XtextResource;

/** Content assist for .denali files: Xtext's ide content assist (keywords, enum values, VM groups in scope). */
public final class DeployCompletions {
    private DeployCompletions() {
    }

    public static List<Proposal> at(XtextResource resource, String text, int offset) {
        return XtextCompletions.at(DenaliLanguages.deployment(), resource, text, offset);
    }
}
