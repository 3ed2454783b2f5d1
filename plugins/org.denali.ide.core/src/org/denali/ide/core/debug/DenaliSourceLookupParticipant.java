package org.denali.ide.core.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;

/** A Denali frame's source name is the file its DWARF line row records (an absolute path for SDK builds). */
public final class DenaliSourceLookupParticipant extends AbstractSourceLookupParticipant {
    @Override
    public String getSourceName(Object object) throws CoreException {
        return object instanceof DenaliStackFrame frame ? frame.sourcePath() : null;
    }
}
