package org.denali.ide.core.debug;

import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.ISourceLookupParticipant;

/** Source lookup for Denali launches: frames to files through {@link DenaliSourceLookupParticipant}. */
public final class DenaliSourceLookupDirector extends AbstractSourceLookupDirector {
    public static final String ID = "org.denali.ide.core.sourceLocator";

    @Override
    public void initializeParticipants() {
        addParticipants(new ISourceLookupParticipant[] {new DenaliSourceLookupParticipant()});
    }
}
