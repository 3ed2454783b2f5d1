package org.denali.ide.core.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;

/**
 * A Denali frame's source name is the file its DWARF line row records (an absolute path for SDK builds); a core
 * session's frames likewise.
 */
public final class DenaliSourceLookupParticipant extends AbstractSourceLookupParticipant {
    @Override
    public String getSourceName(Object object) throws CoreException {
        if (object instanceof org.denali.ide.core.postmortem.CoreStackFrame coreFrame) {
            return coreFrame.sourcePath();
        }
        return object instanceof DenaliStackFrame frame ? frame.sourcePath() : null;
    }
}
